/**
 * Bug patterns: each shape a backprop bug takes (a factor, 1/m, a sign, a transpose, a swap, an L2 term
 * missing from the gradient, a shift by one, zeros), planted into the exact gradients of the catalog's
 * multi-block functions and the course's network, and whether the failed check names it. A wrong name
 * is worse than none: the table counts right names, wrong ones, and none, and the exact gradients (which
 * must name nothing).
 *
 * Run: `npm run bench -- patterns` or `node bench/patterns.mjs` (after `npm run build`).
 */
import { checkGradient } from '../dist/index.mjs';
import { backprop, cost, initParams } from '../examples/network/network.mjs';
import { catalog } from './catalog.mjs';

const SEEDS = [1, 2, 3];
const LAMBDA = 0.01;

/** The blocks of a gradient value: [path, value] for every array or number leaf under an object. */
function blocksOf(value, path = '') {
  if (typeof value === 'number' || Array.isArray(value) || ArrayBuffer.isView(value)) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => blocksOf(v, path === '' ? k : `${path}.${k}`));
}

function get(value, path) {
  return path.split('.').reduce((v, k) => v[k], value);
}

/** A deep copy of `value` with the block at `path` replaced by `fn(block)`. */
function withBlock(value, path, fn) {
  const copy = structuredClone(value);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((v, k) => v[k], copy);
  parent[keys.at(-1)] = fn(parent[keys.at(-1)]);
  return copy;
}

const mapLeaves = (v, fn) =>
  typeof v === 'number' ? fn(v) : ArrayBuffer.isView(v) ? v.map(fn) : v.map((e) => mapLeaves(e, fn));
const flat = (v) => (typeof v === 'number' ? [v] : Array.from(v).flatMap((e) => flat(e)));
const dims = (v) => (typeof v === 'number' ? [] : [v.length, ...(Array.isArray(v[0]) ? dims(v[0]) : [])]);
const squeeze = (d) => d.filter((k) => k > 1).join('×');

/**
 * The plants that apply to a function whose gradient has `blocks` (from one call): each with the name the
 * check should give, how it changes the gradient, and, for the L2 term, how it changes f instead.
 */
function plantsFor(blocks) {
  const names = blocks.map(([p]) => p);
  const vectors = blocks.filter(([, v]) => typeof v !== 'number' && flat(v).length >= 3);
  const matrices = blocks.filter(([, v]) => Array.isArray(v) && Array.isArray(v[0]) && flat(v).length >= 2);
  const square = matrices.filter(([, v]) => v.length === v[0].length);
  const first = vectors[0]?.[0] ?? names[0];
  const plants = [
    {
      name: 'factor 2',
      expect: ['factor', [first]],
      grad: (g) => withBlock(g, first, (b) => mapLeaves(b, (x) => 2 * x)),
    },
    { name: 'whole × 1/32', expect: ['factor', names], grad: (g) => mapAll(g, (x) => x / 32) },
    { name: 'sign of −f', expect: ['sign', names], grad: (g) => mapAll(g, (x) => -x) },
    {
      name: 'zeros',
      expect: ['zeros', [first]],
      grad: (g) => withBlock(g, first, (b) => mapLeaves(b, () => 0)),
    },
  ];
  // Bugs without a shape: nothing may be named for them.
  let state = 7;
  const jitter = () => {
    state = (state * 48271) % 2147483647;
    return (state / 2147483647) * 0.2 - 0.1;
  };
  plants.push(
    {
      name: 'one entry × 1.001 (no shape)',
      expect: null,
      grad: (g) => withBlock(g, first, (b) => scaleFirst(b, 1.001)),
    },
    {
      name: 'every entry off at random (no shape)',
      expect: null,
      grad: (g) => mapAll(g, (x) => x * (1 + jitter())),
    },
  );
  // A shift needs an axis of 3 or more: rolling 2 entries swaps them, which is no shift to tell.
  const rollable = vectors.find(
    ([, v]) =>
      (dims(v)
        .filter((k) => k > 1)
        .at(-1) ?? 0) >= 3,
  );
  if (rollable !== undefined) {
    const [path] = rollable;
    plants.push({ name: 'shift by one', expect: ['shift', [path]], grad: (g) => withBlock(g, path, roll) });
  }
  if (square.length > 0) {
    const [path] = square[0];
    plants.push({
      name: 'transpose',
      expect: ['transpose', [path]],
      grad: (g) => withBlock(g, path, (b) => b[0].map((_, j) => b.map((r) => r[j]))),
    });
  }
  const pair = pairOfOneShape(blocks);
  if (pair !== undefined) {
    const [a, b] = pair;
    plants.push({
      name: 'swap',
      expect: ['swap', [a, b]],
      grad: (g) =>
        withBlock(
          withBlock(g, a, () => reshape(get(g, b), get(g, a))),
          b,
          () => reshape(get(g, a), get(g, b)),
        ),
    });
  }
  if (matrices.length > 0) {
    const [path] = matrices[0];
    plants.push({
      name: 'missing L2 term',
      expect: ['l2', [path]],
      f: (f) => (p) => f(p) + (LAMBDA / 2) * flat(get(p, path)).reduce((s, x) => s + x * x, 0),
    });
  }
  return plants;
}

/** A block with its first entry multiplied by `c`. */
function scaleFirst(b, c) {
  let done = false;
  return mapLeaves(b, (x) => {
    if (done) return x;
    done = true;
    return c * x;
  });
}

function mapAll(g, fn) {
  return blocksOf(g).reduce((acc, [path]) => withBlock(acc, path, (b) => mapLeaves(b, fn)), g);
}

/** A block rolled by one along its longest axis: entry i gets entry i + 1. */
function roll(b) {
  if (ArrayBuffer.isView(b) || typeof b[0] === 'number')
    return Array.from(b, (_, i) => b[(i + 1) % b.length]);
  if (b[0].length === 1) return b.map((_, i) => [b[(i + 1) % b.length][0]]);
  return b.map((row) => row.map((_, j) => row[(j + 1) % row.length]));
}

/** The values of `from` in the shape of `like` (the same entries, in order). */
function reshape(from, like) {
  const values = flat(from);
  let k = 0;
  return mapLeaves(like, () => values[k++]);
}

function pairOfOneShape(blocks) {
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const [a, va] = blocks[i];
      const [b, vb] = blocks[j];
      if (
        typeof va !== 'number' &&
        typeof vb !== 'number' &&
        squeeze(dims(va)) === squeeze(dims(vb)) &&
        flat(va).length > 1
      )
        return [a, b];
    }
  }
  return undefined;
}

/** The functions the plants go into: the catalog's multi-block ones, and the course's network. */
function subjects() {
  const fromCatalog = catalog
    .filter(
      (e) =>
        e.input.like !== undefined &&
        typeof e.input.like === 'object' &&
        !ArrayBuffer.isView(e.input.like) &&
        !Array.isArray(e.input.like),
    )
    .map((e) => ({ name: e.name, f: e.f, grad: e.grad, options: (seed) => ({ ...e.input, seed }) }));
  const network = {
    name: 'course network',
    f: cost,
    grad: backprop,
    options: (seed) => ({ points: [initParams(100 + seed)] }),
  };
  return [...fromCatalog, network];
}

/** Every plant into every subject at every seed: the pattern the check named, against the one planted. */
export function patterns() {
  const results = [];
  for (const subject of subjects()) {
    for (const seed of SEEDS) {
      const options = subject.options(seed);
      const exact = checkGradient(subject.f, subject.grad, options);
      results.push({
        subject: subject.name,
        plant: 'none (exact)',
        outcome: exact.patterns?.length ? 'wrong' : 'right',
      });
      const probe = options.points?.[0] ?? options.like;
      for (const plant of plantsFor(blocksOf(subject.grad(probe)))) {
        const f = plant.f ? plant.f(subject.f) : subject.f;
        const grad = plant.grad ? (p) => plant.grad(subject.grad(p)) : subject.grad;
        const report = checkGradient(f, grad, options);
        const named = report.patterns ?? [];
        if (plant.expect === null) {
          results.push({
            subject: subject.name,
            plant: plant.name,
            outcome: named.length > 0 ? 'wrong' : 'right',
            shapeless: true,
          });
          continue;
        }
        const [kind, blocks] = plant.expect;
        const same = (p) => p.kind === kind && [...p.blocks].sort().join() === [...blocks].sort().join();
        const outcome = named.some((p) => !same(p)) ? 'wrong' : named.some(same) ? 'right' : 'none';
        results.push({ subject: subject.name, plant: plant.name, outcome });
      }
    }
  }
  return results;
}

export function formatPatterns(results) {
  const plants = [...new Set(results.map((r) => r.plant))];
  const header = ['planted', 'cases', 'named right', 'named wrong', 'none named'];
  const rows = plants.map((plant) => {
    const of = results.filter((r) => r.plant === plant);
    const count = (o) => String(of.filter((r) => r.outcome === o).length);
    const nameless = plant === 'none (exact)' || of[0].shapeless;
    return [
      plant,
      String(of.length),
      nameless ? '—' : count('right'),
      count('wrong'),
      nameless ? count('right') : count('none'),
    ];
  });
  const planted = results.filter((r) => r.plant !== 'none (exact)' && !r.shapeless);
  const right = planted.filter((r) => r.outcome === 'right').length;
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells) =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [
    `Bug patterns planted into ${new Set(results.map((r) => r.subject)).size} multi-block functions (the catalog's and the course's network), ${SEEDS.length} seeds each`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `right pattern named: ${right} of ${planted.length} (${((100 * right) / planted.length).toFixed(1)}%); a wrong one: ${results.filter((r) => r.outcome === 'wrong').length}`,
  ].join('\n');
}

export function run() {
  const text = formatPatterns(patterns());
  console.log(text);
  return { text };
}

if (import.meta.url === `file://${process.argv[1]}`) run();
