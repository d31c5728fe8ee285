/**
 * Real-client benchmark: gradcheck's verdicts on derivatives that third-party libraries ship (stdlib,
 * jStat, math.js, nerdamer, bezier-js, simplegrad, adnn), code that nobody in this repo wrote or tuned the
 * engine on. Each case's library derivative is first checked against the harness's own Ridders reference;
 * then gradcheck judges it, and two planted bugs (one coordinate scaled, one negated) that must fail.
 *
 * Run: `npm run bench -- clients` or `node bench/clients/index.mjs` (after `npm run build`).
 */
import { formatReport } from '../../dist/index.mjs';
import { cases as autodiff } from './autodiff.mjs';
import { cases as bezier } from './bezier.mjs';
import { leaves, runCase } from './harness.mjs';
import { cases as jstat } from './jstat.mjs';
import { cases as mathjs } from './mathjs.mjs';
import { cases as nerdamer } from './nerdamer.mjs';
import { cases as stdlib } from './stdlib.mjs';

export const cases = [...stdlib, ...jstat, ...mathjs, ...nerdamer, ...bezier, ...autodiff];

const sci = (v) => (Number.isFinite(v) ? v.toExponential(1) : String(v));

/** A point as text; long ones are cut, since the failing coordinate is named in the report anyway. */
function pointText(point) {
  const flat = leaves(point);
  if (typeof point === 'number') return String(point);
  const head = flat.slice(0, 6).map(String).join(', ');
  return flat.length > 6 ? `[${head}, … (${flat.length} coordinates)]` : `[${head}]`;
}

/**
 * The point where a run fails: its worst failing row's sample, else its first problem's; for a throw, the
 * sample its message names.
 */
function failingPoint(result, run) {
  const report = run.report;
  if (!report) {
    const named = /sample (\d+)/.exec(run.error);
    const point = result.points[named ? Number(named[1]) - 1 : 0];
    return point === undefined ? 'unknown' : pointText(point);
  }
  const sample = report.worst.find((w) => !w.ok)?.sample ?? report.problems[0]?.sample ?? 1;
  const s = report.samples[sample - 1] ?? report.samples[0];
  return s ? pointText(s.point) : 'no sample';
}

/** What went wrong in one run, for the list that the engine's maintainers read: case, point, report. */
function incident(result, label, run) {
  const text = run.report ? formatReport(run.report) : run.error.split('\n    at ')[0];
  const head = text.split('\n').slice(0, 12).join('\n');
  return `${result.name} [${result.lib}], ${label}: ${run.verdict} at ${failingPoint(result, run)}\n${head}`;
}

function cell(run, wanted) {
  if (!run) return '—';
  const mark = run.verdict === wanted ? '' : ' ✗';
  return `${run.verdict}${mark}`;
}

/** Tallies and the list of incidents over the results. */
function summarize(results) {
  const totals = {
    cases: results.length,
    valid: 0,
    falseAlarms: 0,
    falseAlarmsMismatch: 0,
    falseAlarmsInconclusive: 0,
    misses: 0,
    errors: 0,
    findings: 0,
    findingsCaught: 0,
  };
  const incidents = [];
  for (const r of results) {
    if (r.finding) {
      totals.findings++;
      if (r.correct.verdict !== 'pass') totals.findingsCaught++;
      continue;
    }
    totals.valid++;
    const runs = [
      ['library gradient', r.correct, 'pass'],
      [`planted ×(1+${r.float32 ? '1e-2' : '1e-4'}) at coordinate ${r.planted}`, r.scaled, 'fail'],
      [`planted sign flip at coordinate ${r.planted}`, r.flipped, 'fail'],
    ];
    for (const [label, run, wanted] of runs) {
      if (!run) continue;
      if (run.verdict === 'error') totals.errors++;
      else if (wanted === 'pass' && run.verdict !== 'pass') {
        totals.falseAlarms++;
        if (run.verdict === 'inconclusive') totals.falseAlarmsInconclusive++;
        else totals.falseAlarmsMismatch++;
      } else if (wanted === 'fail' && run.verdict === 'pass') totals.misses++;
      else continue;
      incidents.push(incident(r, label, run));
    }
  }
  return { totals, incidents };
}

function table(results) {
  const header = [
    'case',
    'library',
    'n',
    'prec',
    'points',
    'library grad',
    '×(1+δ)',
    'sign',
    'evals',
    'ref err',
  ];
  const rows = results.map((r) => {
    const evals = [r.correct, r.scaled, r.flipped].map((x) => x?.report?.evaluations ?? '—').join('/');
    const how = r.drawn ? `drawn ×${r.points.length}, seed ${r.drawn.seed}` : `explicit ×${r.points.length}`;
    const prec = r.correct.report?.settings.precision ?? '?';
    const status = r.finding
      ? `FINDING ${sci(r.validation.rel)}`
      : `${sci(r.validation?.rel)}${r.tol ? ` (tol ${sci(r.tol)})` : ''}`;
    return [
      r.name,
      r.lib,
      String(r.n ?? '?'),
      prec,
      how,
      cell(r.correct, r.finding ? 'fail' : 'pass'),
      cell(r.scaled, 'fail'),
      cell(r.flipped, 'fail'),
      evals,
      status,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The library findings: where the library's own derivative disagrees with the reference. */
function findingsText(results) {
  return results
    .filter((r) => r.finding)
    .map((r) => {
      const v = r.validation;
      const where = v.error
        ? v.error
        : `coordinate ${v.coordinate} at ${pointText(r.points[v.sample])}: library ${v.analytic}, reference ${v.ref}`;
      if (r.unreliable) return `  ${r.name} [${r.lib}]: reference error ${sci(v.refErr)}, too large to judge`;
      const caught = r.correct.verdict === 'pass' ? 'gradcheck passed it' : `gradcheck: ${r.correct.verdict}`;
      return `  ${r.name} [${r.lib}]: relative error ${sci(v.rel)}; ${where} (${caught})`;
    })
    .join('\n');
}

/**
 * Runs every case and prints the table, the totals and the incidents (false alarms, misses, errors),
 * each with its point and the head of its report. Returns them too, for a caller that wants numbers;
 * `summary` is the totals and findings alone, which do not depend on the machine (docs/numerics.md).
 */
export function run({ print = true, only } = {}) {
  const started = performance.now();
  const chosen = only ? cases.filter((c) => only.test(c.name) || only.test(c.lib)) : cases;
  const results = chosen.map(runCase);
  const { totals, incidents } = summarize(results);
  const seconds = (performance.now() - started) / 1000;
  const summary = [
    `cases: ${totals.cases} (${totals.valid} valid, ${totals.findings} library findings, kept out of the counts)`,
    `false alarms (library gradient failed): ${totals.falseAlarms}` +
      ` (mismatch or other failure ${totals.falseAlarmsMismatch}, inconclusive ${totals.falseAlarmsInconclusive})`,
    `misses (planted bug passed): ${totals.misses} of ${2 * totals.valid}`,
    `errors (threw): ${totals.errors}`,
    `library findings: ${totals.findings} (gradcheck failed ${totals.findingsCaught} of them)`,
    findingsText(results),
  ].join('\n');
  const text = [
    'Real-client benchmark: library derivatives checked by gradcheck (✗: not the verdict wanted)',
    '',
    table(results),
    '',
    summary,
    `time: ${seconds.toFixed(1)} s`,
  ].join('\n');
  const incidentText = incidents.length
    ? `\nIncidents (${incidents.length}):\n\n${incidents.join('\n\n')}`
    : '\nIncidents: none';
  if (print) console.log(`${text}\n${incidentText}`);
  return { results, totals, incidents, text, summary, seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const filter = process.argv[2];
  run({ only: filter ? new RegExp(filter, 'i') : undefined });
}
