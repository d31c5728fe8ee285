// npm run demo: the course's 3-layer network, checked with its correct and its buggy backprop.
import { checkGradient, formatReport } from '../dist/index.mjs';
import { backprop, buggyBackprop, cost, initParams } from '../examples/network/network.mjs';

const params = initParams();
const heading = (text) => console.log(`\n=== ${text} ===\n`);

heading('correct backprop: checkGradient(cost, backprop, { points: [params] })');
const good = checkGradient(cost, backprop, { points: [params] });
console.log(formatReport(good));

heading("the course's buggy backprop (dW2 × 2, db1 with 4/m): expected to fail");
const bad = checkGradient(cost, buggyBackprop, { points: [params] });
console.log(formatReport(bad, { maxRows: 8 }));

const named = new Set(bad.worst.filter((c) => !c.ok).map((c) => c.path.replace(/\[.*$/, '')));
console.log(`\nThe failing check names only ${[...named].join(' and ')}: the two tensors the course's bugs touch.`);
if (!good.pass || bad.pass) {
  console.error('demo: unexpected result (the correct backprop should pass and the buggy one fail)');
  process.exit(1);
}
