/**
 * Directional mode end to end: grad·u against the derivative of f along random unit directions, and
 * adaptive group testing that names the wrong coordinates when a direction disagrees. Every check runs the
 * real engine on an O(n) function, with evaluation counts asserted exactly or bounded by O(w·log n).
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, checkJacobian, formatReport, type Report } from '../src/index.js';
import { defaultDirections } from '../src/options/defaults.js';
import { weightedSquares } from './helpers/functions.js';
import { counted, failingPathsInSamples } from './helpers/report.js';

/** Per sample: value, repeat, 6 for the noise probe, and 4 per direction for the first look. */
const directionalEvaluations = (samples: number, directions: number) => samples * (8 + 4 * directions);

function namedIn(report: Report): string[][] {
  return report.samples.map((s) => [...(s.localization?.named ?? [])].sort());
}

describe('a correct gradient passes in directional mode', () => {
  it.each([
    { n: 1000, samples: 1, directions: 3 },
    { n: 1000, samples: 2, directions: 6 },
    { n: 3000, samples: 3, directions: 4 },
  ])('n = $n, $samples samples, $directions directions: evaluations counted exactly', ({
    n,
    samples,
    directions,
  }) => {
    const { f, gradient } = weightedSquares(n);
    const fc = counted(f);
    const gc = counted(gradient());
    const report = checkGradient(fc.fn, gc.fn, {
      like: new Float64Array(n),
      samples,
      mode: 'directional',
      directions,
    });
    expect(report.pass).toBe(true);
    expect(report.mode).toBe('directional');
    expect(report.problems).toEqual([]);
    expect(report.evaluations).toBe(fc.calls());
    // Well scaled and exactly quadratic: every direction is verified to tol by its first look.
    expect(report.evaluations).toBe(directionalEvaluations(samples, directions));
    // One gradient per sample, and a second call in sample 1 for the nondeterminism check.
    expect(report.gradientEvaluations).toBe(gc.calls());
    expect(report.gradientEvaluations).toBe(samples + 1);
    for (const sample of report.samples) {
      expect(sample.directions).toHaveLength(directions);
      expect(sample.directions!.every((d) => d.ok && d.status === 'ok')).toBe(true);
      expect(sample.coordinates).toEqual([]);
      expect(sample.localization).toBeUndefined();
    }
  });

  it('at n = 1e5, where f is too noisy to verify a direction at its first look, refines one a sample', () => {
    const n = 100_000;
    const { f, gradient } = weightedSquares(n);
    const fc = counted(f);
    const report = checkGradient(fc.fn, gradient(), { like: new Float64Array(n), mode: 'directional' });
    expect(report.pass).toBe(true);
    expect(report.evaluations).toBe(fc.calls());
    // At most one refined direction a sample: the standard ladder (14 calls) and the wide one (22).
    expect(report.evaluations).toBeGreaterThanOrEqual(directionalEvaluations(3, defaultDirections(3)));
    expect(report.evaluations).toBeLessThanOrEqual(
      directionalEvaluations(3, defaultDirections(3)) + 3 * (14 + 22),
    );
  });

  it('says which mode ran, in the report and in formatReport', () => {
    const { f, gradient } = weightedSquares(500);
    const report = checkGradient(f, gradient(), { like: new Float64Array(500), mode: 'directional' });
    expect(report.mode).toBe('directional');
    const text = formatReport(report);
    expect(text).toContain('all 500 coordinates agree along random directions in 3 samples');
    expect(text).toContain('(directional,');
  });

  it('is reproducible: the same seed gives the same report', () => {
    const { f, gradient } = weightedSquares(2000);
    const options = { like: new Float64Array(2000), mode: 'directional', seed: 'again' } as const;
    const first = checkGradient(f, gradient([5], [1e-3]), options);
    const second = checkGradient(f, gradient([5], [1e-3]), options);
    expect(second).toEqual(first);
  });

  it('an async f gives a Promise of the same report', async () => {
    const { f, gradient } = weightedSquares(300);
    const options = { like: new Float64Array(300), mode: 'directional', samples: 2 } as const;
    const sync = checkGradient(f, gradient([7], [1e-3]), options);
    const pending = checkGradient(async (x: Float64Array) => f(x), gradient([7], [1e-3]), options);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(sync);
  });

  it('checks float32 code at float32 precision, without false alarms', () => {
    const n = 5000;
    const c = Float32Array.from({ length: n }, (_, i) => 1 + (i % 7) / 7);
    const f = (x: Float32Array) => {
      let s = Math.fround(0);
      for (let i = 0; i < n; i++) s = Math.fround(s + Math.fround(c[i]! * Math.fround(x[i]! * x[i]!)));
      return s;
    };
    const grad = (x: Float32Array) => Float32Array.from(x, (v, i) => 2 * c[i]! * v);
    const report = checkGradient(f, grad, { like: new Float32Array(n), mode: 'directional' });
    expect(report.settings.precision).toBe('float32');
    expect(report.pass).toBe(true);
  });
});

describe('a wrong gradient fails, and localization names exactly the wrong coordinates', () => {
  it('a relative error of 1e-4 in one coordinate of a well-scaled n = 1e5 gradient', () => {
    const n = 100_000;
    const { f, gradient } = weightedSquares(n);
    const fc = counted(f);
    // Domain [0.5, 1]: every partial 2c·x is at least 1, a well-scaled gradient.
    const report = checkGradient(fc.fn, gradient([31_337], [1e-4]), {
      like: new Float64Array(n),
      domain: [0.5, 1],
      mode: 'directional',
    });
    expect(report.pass).toBe(false);
    expect(report.evaluations).toBe(fc.calls());
    for (const named of namedIn(report)) expect(named).toEqual(['x[31337]']);
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[31337]']));
    const wrong = report.worst[0]!;
    expect(wrong.path).toBe('x[31337]');
    expect(wrong.relErr).toBeCloseTo(1e-4, 5);
    // Localization is O(log n): two restricted directions of 2 evaluations per halving, on the way
    // down, and the per-coordinate refinement of the coordinate it names (at most 2·(7 + 7 + 5) calls).
    for (const sample of report.samples) {
      const localization = sample.localization!;
      expect(localization.complete).toBe(true);
      expect(localization.tests).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 4);
      expect(localization.evaluations).toBeGreaterThanOrEqual(2 * localization.tests);
      expect(localization.evaluations).toBeLessThanOrEqual(2 * localization.tests + 38);
    }
  });

  it('a half whose |grad·u| is larger than the whole direction’s does not hide the disagreement', () => {
    // At this seed the wrong partial (x[18033], small there) shows only in direction 2, by little more
    // than tol·|grad·u|; the half that holds it has a larger projection, as halves can when they cancel.
    const n = 100_000;
    const { f, gradient } = weightedSquares(n);
    const report = checkGradient(f, gradient([18_033], [1e-4]), {
      dim: n,
      samples: 1,
      seed: 1010,
      mode: 'directional',
    });
    expect(report.pass).toBe(false);
    expect(report.samples[0]!.localization!.named).toEqual(['x[18033]']);
  });

  it('three wrong coordinates at n = 1e5, named exactly in every sample', () => {
    const n = 100_000;
    const { f, gradient } = weightedSquares(n);
    const at = [12, 50_000, 99_998];
    const fc = counted(f);
    const report = checkGradient(fc.fn, gradient(at, [1e-3, -1e-3, 2e-3]), {
      like: new Float64Array(n),
      domain: [0.5, 1],
      mode: 'directional',
    });
    expect(report.pass).toBe(false);
    expect(report.evaluations).toBe(fc.calls());
    for (const named of namedIn(report)) expect(named).toEqual(['x[12]', 'x[50000]', 'x[99998]']);
    for (const sample of report.samples) {
      expect(sample.mismatches).toBe(3);
      const localization = sample.localization!;
      expect(localization.complete).toBe(true);
      // Three paths down a tree of depth 17 share their first levels: far below 3 full searches.
      expect(localization.evaluations).toBeLessThanOrEqual(3 * (4 * Math.ceil(Math.log2(n)) + 38));
    }
    const text = formatReport(report);
    expect(text).toContain('3 of 100000 coordinates disagree in sample 1 of 3, and in sample 2, sample 3');
    expect(text).toContain('(directional,');
  });

  it('a coordinate named once is left out of later directions, which then agree', () => {
    const n = 4096;
    const { f, gradient } = weightedSquares(n);
    const report = checkGradient(f, gradient([1000], [1e-2]), {
      like: new Float64Array(n),
      samples: 1,
      mode: 'directional',
      directions: 5,
    });
    const [sample] = report.samples;
    const directions = sample!.directions!;
    // The first direction finds it; the others leave x[1000] out and agree.
    expect(directions[0]!.ok).toBe(false);
    expect(directions.slice(1).every((d) => d.ok)).toBe(true);
    expect(sample!.localization!.named).toEqual(['x[1000]']);
  });

  it('many wrong coordinates: names at most 10 per sample, and says that it stopped', () => {
    const n = 2000;
    const { f, gradient } = weightedSquares(n);
    const at = Array.from({ length: 40 }, (_, j) => 50 * j + 7);
    const report = checkGradient(
      f,
      gradient(
        at,
        at.map(() => 1),
      ),
      {
        like: new Float64Array(n),
        domain: [0.5, 1],
        samples: 1,
        mode: 'directional',
      },
    );
    expect(report.pass).toBe(false);
    const localization = report.samples[0]!.localization!;
    expect(localization.named).toHaveLength(10);
    expect(localization.complete).toBe(false);
    for (const path of localization.named) expect(at.map((i) => `x[${i}]`)).toContain(path);
  });

  it('a wrong entry of a Jacobian is named J[k, path]', () => {
    const n = 3000;
    const { f } = weightedSquares(n);
    const vector = (x: Float64Array) => [f(x), x[0]! * x[1]!, Math.sin(x[2]!)];
    const jacobian = (wrongAt: number) => (x: Float64Array) => {
      const row0 = Float64Array.from(x, (v, i) => 2 * (1 + (i % 7) / 7) * v);
      row0[wrongAt]! *= 1.001;
      const row1 = new Float64Array(n);
      row1[0] = x[1]!;
      row1[1] = x[0]!;
      const row2 = new Float64Array(n);
      row2[2] = Math.cos(x[2]!);
      return [row0, row1, row2];
    };
    const report = checkJacobian(vector, jacobian(2500), {
      like: new Float64Array(n),
      domain: [0.5, 1],
      mode: 'directional',
    });
    expect(report.pass).toBe(false);
    expect(report.m).toBe(3);
    expect(failingPathsInSamples(report)).toEqual(new Set(['J[0, x[2500]]']));
    // One result per direction and output.
    expect(report.samples[0]!.directions).toHaveLength(3 * defaultDirections(report.samples.length));
  });

  // scipy's rosen and rosen_der, with one partial wrong. The wide look measured the direction at a step
  // of 30, Richardson-extrapolated; its ranges, compared by plain central differences there, were each
  // off by some 0.3 where the direction disagreed by 1e-3: localization checked about 640 ranges and
  // their coordinates (22 000 evaluations a sample at 2e5, past the time limit) to name x[7].
  const rosen = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
    return s;
  };
  const rosenWrongAt = (at: number, error: number) => (x: Float64Array) => {
    const d = new Float64Array(x.length);
    for (let i = 0; i + 1 < x.length; i++) {
      const a = x[i + 1]! - x[i]! ** 2;
      d[i]! += -400 * x[i]! * a - 2 * (1 - x[i]!);
      d[i + 1]! += 200 * a;
    }
    d[at]! *= 1 + error;
    return d;
  };
  const localizations = (report: Report) =>
    report.samples.flatMap((s) => (s.localization === undefined ? [] : [s.localization]));

  it('on a quartic (Rosenbrock at n = 1e5), ranges are compared at a step their truncation cannot mislead', () => {
    const report = checkGradient(rosen, rosenWrongAt(7, 1e-3), {
      like: new Float64Array(1e5),
      seed: 3,
      samples: 2,
    });
    expect(report.pass).toBe(false);
    expect(localizations(report).length).toBeGreaterThan(0);
    for (const localization of localizations(report)) {
      expect(localization.named).toEqual(['x[7]']);
      expect(localization.evaluations).toBeLessThan(100);
    }
  });

  // At 1e6 and a 1e-4 error the step that keeps a plain difference's truncation small drowns the
  // disagreement in f's noise: ranges are then compared by Richardson's extrapolation at the wide step.
  it('where a smaller step would drown the disagreement in noise (Rosenbrock at 1e6), by extrapolation', () => {
    const report = checkGradient(rosen, rosenWrongAt(697902, 1e-4), {
      like: new Float64Array(1e6),
      seed: 1002,
      timeLimit: Number.POSITIVE_INFINITY,
    });
    expect(report.pass).toBe(false);
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[697902]']));
    for (const localization of localizations(report)) expect(localization.evaluations).toBeLessThan(200);
  });
});

describe('kinks along a direction', () => {
  const relu = (x: readonly number[]) => x.reduce((s, v) => s + Math.max(0, v), 0);
  const point = [0, 1, -1, 0.5, 0, 2];

  it('a derivative between the one-sided slopes is accepted, as in per-coordinate mode', () => {
    const step = (x: readonly number[]) => x.map((v) => (v > 0 ? 1 : 0));
    const report = checkGradient(relu, step, { points: [point], mode: 'directional' });
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.directions!.some((d) => d.status === 'kink' && d.ok)).toBe(true);
  });

  it('one outside them fails, and the report says which directions cross the kink', () => {
    // Right everywhere but at the kinks (x = 0), where 2 is outside the one-sided slopes 0 and 1.
    const wrong = (x: readonly number[]) => x.map((v) => (v > 0 ? 1 : v === 0 ? 2 : 0));
    const report = checkGradient(relu, wrong, { points: [point], mode: 'directional' });
    expect(report.pass).toBe(false);
    const rows = report.samples[0]!.coordinates;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.path.startsWith('direction ') && row.status !== 'ok')).toBe(true);
    expect(formatReport(report)).toMatch(
      new RegExp(`\\d of ${defaultDirections(1)} random directions disagree in sample 1 of 1`),
    );
  });
});

describe('problems of f and of the gradient are found in directional mode too', () => {
  it('a nondeterministic gradient', () => {
    const { f, gradient } = weightedSquares(1000);
    let calls = 0;
    const noisy = (x: Float64Array) => {
      const g = gradient()(x);
      g[calls++ % 1000]! += 1e-3;
      return g;
    };
    const report = checkGradient(f, noisy, { like: new Float64Array(1000), mode: 'directional' });
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['nondeterministic']);
    expect(report.problems[0]!.message).toContain('is not deterministic');
  });

  it('an f that writes to its input', () => {
    const { f, gradient } = weightedSquares(100);
    const writes = (x: Float64Array) => {
      const value = f(x);
      x[3] = 0;
      return value;
    };
    const report = checkGradient(writes, gradient(), { like: new Float64Array(100), mode: 'directional' });
    expect(report.pass).toBe(false);
    expect(report.problems[0]!.kind).toBe('mutates-input');
    expect(report.problems[0]!.message).toContain('x[3]');
  });

  it('f receives one working copy, the same object in every call', () => {
    const { f, gradient } = weightedSquares(256);
    const seen = new Set<unknown>();
    const report = checkGradient(
      (x: Float64Array) => {
        seen.add(x);
        return f(x);
      },
      gradient([9], [1e-2]),
      { like: new Float64Array(256), mode: 'directional' },
    );
    expect(report.evaluations).toBeGreaterThan(100);
    expect(seen.size).toBe(1);
  });
});
