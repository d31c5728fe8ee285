/**
 * The power of a passing check over the catalog (bench/catalog.mjs): for each exact gradient at default
 * settings, Report.power says the smallest relative error in each coordinate that would have failed the
 * check. This prints its distribution per group, over every coordinate and over every check's least
 * sensitive one, and the evaluations of f per coordinate those checks spent.
 *
 * Run: `npm run bench -- power` or `node bench/power.mjs` (after `npm run build`).
 */
import { checkGradient } from '../dist/index.mjs';
import { catalog } from './catalog.mjs';

const SEED = 2024;
const SAMPLES = 3;
const GROUPS = ['well', 'badly', 'float32'];

function quantile(sorted, q) {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Per group: every coordinate's power (least over the samples), each check's worst, and its cost. */
export function power() {
  const groups = Object.fromEntries(
    GROUPS.map((g) => [g, { entries: [], worst: [], evaluations: [], failed: [] }]),
  );
  for (const entry of catalog) {
    const report = checkGradient(entry.f, entry.grad, { ...entry.input, seed: SEED, samples: SAMPLES });
    const sink = groups[entry.group];
    sink.evaluations.push(report.evaluations / (report.n * report.samples.length));
    if (!report.pass) sink.failed.push(entry.name);
    if (report.power === undefined) continue;
    sink.worst.push(report.power.worst);
    const least = new Map();
    for (const sample of report.samples) {
      for (const row of sample.coordinates) {
        if (row.power === undefined) continue;
        least.set(row.path, Math.min(least.get(row.path) ?? Number.POSITIVE_INFINITY, row.power));
      }
    }
    sink.entries.push(...least.values());
  }
  return groups;
}

export function formatPower(groups) {
  const header = ['group', 'checks', 'coordinates', 'median', 'p90', 'worst', 'checks ≤ 1e-6', 'evals/coord'];
  const rows = GROUPS.map((g) => {
    const { entries, worst, evaluations, failed } = groups[g];
    const sorted = [...entries].sort((a, b) => a - b);
    const e = (v) => (Number.isFinite(v) ? v.toExponential(1) : '—');
    const evals = [...evaluations].sort((a, b) => a - b);
    return [
      g,
      String(evaluations.length),
      String(entries.length),
      e(quantile(sorted, 0.5)),
      e(quantile(sorted, 0.9)),
      e(sorted.at(-1)),
      `${worst.filter((w) => w <= 1e-6).length} of ${worst.length}`,
      quantile(evals, 0.5).toFixed(2),
    ].concat(failed.length > 0 ? [`failed: ${failed.join(', ')}`] : []);
  });
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells) =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j] ?? 0))).join('  ');
  return [
    'Power of the checks of the exact gradients (default settings, 3 samples): the smallest relative error',
    'in a coordinate that would have failed the check, over every coordinate; "checks ≤ 1e-6" counts the',
    'checks whose least sensitive coordinate would have failed at 1e-6; evals/coord is the median over the',
    'checks of evaluations of f per coordinate and sample.',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

export function run() {
  const text = formatPower(power());
  console.log(text);
  return { text };
}

if (import.meta.url === `file://${process.argv[1]}`) run();
