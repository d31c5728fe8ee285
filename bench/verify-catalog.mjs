/**
 * Checks every analytic gradient of the catalog against a high-accuracy numeric derivative, on every
 * coordinate at three points. Prints the worst relative discrepancy per entry and per group; exits 1 when any
 * entry exceeds its group's threshold (1e-8 in float64, 1e-3 in float32).
 *
 *   node bench/verify-catalog.mjs
 */

import { catalog } from './catalog.mjs';
import { verifyEntry } from './verify.mjs';

const started = performance.now();
/** @type {Record<string, { worst: number, name: string }>} */
const groups = {};
let failures = 0;

console.log(
  `${'entry'.padEnd(26)}${'group'.padEnd(9)}${'n'.padStart(6)}  ${'worst rel.'.padStart(10)}  where`,
);
for (const entry of catalog) {
  const res = verifyEntry(entry);
  const where = res.at
    ? `sample ${res.at.sample + 1}, coord ${res.at.index}: analytic ${res.at.analytic.toPrecision(17)}, ` +
      `numeric ${res.at.numeric.toPrecision(17)} ± ${res.at.error.toExponential(1)}`
    : '';
  const flag = res.ok ? '' : '  FAIL';
  console.log(
    `${res.name.padEnd(26)}${res.group.padEnd(9)}${String(res.n).padStart(6)}  ` +
      `${res.worst.toExponential(2).padStart(10)}  ${where}${flag}`,
  );
  if (!res.ok) failures++;
  const g = groups[res.group];
  if (!g || res.worst > g.worst) groups[res.group] = { worst: res.worst, name: res.name };
}

console.log('\nworst per group:');
for (const [group, { worst, name }] of Object.entries(groups)) {
  console.log(`  ${group.padEnd(8)} ${worst.toExponential(2)}  (${name})`);
}
console.log(`\n${catalog.length} entries, ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures > 0) {
  console.log(`${failures} entr${failures === 1 ? 'y' : 'ies'} above threshold`);
  process.exit(1);
}
