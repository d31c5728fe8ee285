#!/usr/bin/env bash
# By hand, not in `npm test`: runs the Vitest fixtures under Vitest 5 and Node 22, as a user of Vitest 5
# has them. Vitest 5 needs Node 22, and a Node 22 in devDependencies would put its `node` on the PATH of
# every npm script, so this installs both from the registry into a scratch directory instead (it needs
# the network). Prints what each fixture run printed; the counts must match Vitest 4's
# (vitest: 9 failed | 7 passed, unawaited: 2 failed | 3 passed, second-order: 5 failed | 2 passed).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/gradcheck-vitest5.XXXX)
cd "$repo" && npm run build --silent >/dev/null && npm pack --pack-destination "$work" --silent >/dev/null
cd "$work"
echo '{ "name": "try-vitest5", "private": true, "type": "module" }' > package.json
npm install --no-audit --no-fund --silent node@22 vitest@5 ./gradcheck-*.tgz
node22=$work/node_modules/.bin/node
echo "Node $("$node22" --version), Vitest $("$node22" -p 'require("vitest/package.json").version')"
mkdir fixtures
cp -r "$repo"/test/fixtures/runners/{vitest,unawaited,second-order,functions.cjs} fixtures/
rm -rf fixtures/*/node_modules
for dir in vitest unawaited second-order; do
  echo "== $dir"
  NO_COLOR=1 CI=true "$node22" node_modules/vitest/vitest.mjs run --root "fixtures/$dir" 2>&1 |
    grep -E '^ +(✓|×) |Tests ' || true
done
echo "scratch directory: $work"
