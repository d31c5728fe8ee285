// Standalone check (no gradcheck import) that network.mjs is what it claims:
// `backprop` matches central differences, and `buggyBackprop` is wrong in exactly
// the W2 and b1 entries. Run: node examples/network/network.verify.mjs
import { backprop, buggyBackprop, cost, forward, initParams } from './network.mjs';

const H = 1e-6;
const REL_TOL = 1e-6;
const ABS_TOL = 1e-9;
// A ±H step in one parameter moves each Z by about H times an O(1) input, far
// less than this margin, so no ReLU flips inside the stencil and the cost is
// smooth there.
const KINK_MARGIN = 1e-4;
const NAMES = /** @type {const} */ (['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
const BUGGY = new Set(['W2', 'b1']);
// Seeds picked (by scanning) so that no ReLU input is near 0 and no hidden unit
// is dead on all three examples; otherwise some dW2/db1 entries would be exactly
// zero and the planted bugs would be invisible there. 115 is initParams' default.
const SEEDS = [undefined, 380, 1002, 1219];

/** @param {import('./network.mjs').Params} params */
function numericalGradient(params) {
  /** @type {Record<string, number[][]>} */
  const grad = {};
  for (const name of NAMES) {
    grad[name] = params[name].map((row, i) =>
      row.map((x, j) => {
        params[name][i][j] = x + H;
        const xPlus = params[name][i][j];
        const jPlus = cost(params);
        params[name][i][j] = x - H;
        const xMinus = params[name][i][j];
        const jMinus = cost(params);
        params[name][i][j] = x;
        // Divide by the step actually taken: x ± H is rounded, and using 2H would
        // add a relative error of up to ~1e-10·|x|/H on top of the truncation error.
        return (jPlus - jMinus) / (xPlus - xMinus);
      }),
    );
  }
  return grad;
}

/** @param {number} a @param {number} n */
function relErr(a, n) {
  const scale = Math.max(Math.abs(a), Math.abs(n));
  return scale === 0 ? 0 : Math.abs(a - n) / scale;
}

/** @param {number} a @param {number} n */
function agrees(a, n) {
  return Math.abs(a - n) <= ABS_TOL || relErr(a, n) <= REL_TOL;
}

const fmt = (/** @type {number} */ v) => v.toExponential(2).padStart(9);
const failures = [];

for (const seed of SEEDS) {
  const params = initParams(seed);
  const label = seed === undefined ? 'initParams()' : `initParams(${seed})`;
  const before = JSON.stringify(params);
  cost(params);
  if (JSON.stringify(params) !== before) failures.push(`${label}: cost mutated params`);

  const { Z1, Z2, A3 } = forward(params);
  const minZ = Math.min(...[...Z1, ...Z2].flat().map(Math.abs));
  console.log(`\n${label}: cost = ${cost(params).toFixed(6)}, a3 = [${A3[0].map((v) => v.toFixed(3))}]`);
  console.log(`  min |Z| over ReLU inputs (Z1, Z2) = ${minZ.toExponential(3)}`);
  if (minZ < KINK_MARGIN) failures.push(`${label}: a ReLU input is within ${KINK_MARGIN} of 0`);

  const numeric = numericalGradient(params);
  if (JSON.stringify(params) !== before) failures.push(`${label}: perturbation was not undone`);
  const good = backprop(params);
  const bad = buggyBackprop(params);

  console.log('  tensor  max rel err (backprop)  max rel err (buggy)  buggy entries off / total');
  for (const name of NAMES) {
    const n = numeric[name].flat();
    const g = good[name].flat();
    const b = bad[name].flat();
    const goodMax = Math.max(...g.map((v, k) => relErr(v, n[k])));
    const badMax = Math.max(...b.map((v, k) => relErr(v, n[k])));
    const goodOff = g.filter((v, k) => !agrees(v, n[k])).length;
    const badOff = b.filter((v, k) => !agrees(v, n[k])).length;
    console.log(
      `  ${name.padEnd(6)}  ${fmt(goodMax).padStart(22)}  ${fmt(badMax).padStart(19)}  ${`${badOff} / ${n.length}`.padStart(25)}`,
    );
    if (goodOff > 0) failures.push(`${label}: backprop disagrees in ${goodOff} entries of ${name}`);
    const expectedOff = BUGGY.has(name) ? n.length : 0;
    if (badOff !== expectedOff) {
      failures.push(
        `${label}: buggyBackprop disagrees in ${badOff} entries of ${name}, expected ${expectedOff}`,
      );
    }
  }

  if (seed === undefined) {
    // The bug can only show where the true gradient is nonzero, so list them.
    const show = (/** @type {number[][]} */ m) => m.map((row) => row.map(fmt).join(' ')).join('\n    ');
    console.log(`  backprop dW2 (all nonzero = bug visible everywhere):\n    ${show(good.W2)}`);
    console.log(`  backprop db1:\n    ${show(good.b1)}`);
  }
}

if (failures.length > 0) {
  console.error(`\nFAIL\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  '\nOK: backprop matches central differences; buggyBackprop is off in every W2 and b1 entry and nowhere else.',
);
