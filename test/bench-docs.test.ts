/**
 * The figures docs/numerics.md shows from the power, patterns and real-client benchmarks are what those benchmarks
 * print now: both are seeded and count verdicts, not time, so that they do not depend on the machine.
 * `npm run bench -- power patterns clients --write-docs` rewrites them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const numerics = readFileSync(new URL('../docs/numerics.md', import.meta.url), 'utf8');

/** The fenced text of the `<!-- bench:NAME -->` section of docs/numerics.md. */
function section(name: string): string {
  const start = numerics.indexOf(`<!-- bench:${name} -->`);
  const end = numerics.indexOf(`<!-- /bench:${name} -->`);
  expect(start, `docs/numerics.md has a bench:${name} section`).toBeGreaterThanOrEqual(0);
  const body = numerics.slice(start, end);
  return body.slice(body.indexOf('```text\n') + 8, body.lastIndexOf('\n```'));
}

describe('the benchmark figures of docs/numerics.md', () => {
  it('power: what the checks of the catalog prove', async () => {
    // @ts-expect-error TS7016: no declaration file for a .mjs module
    const { formatPower, power } = await import('../bench/power.mjs');
    expect(section('power')).toBe((formatPower as (g: unknown) => string)((power as () => unknown)()));
  });

  it('patterns: the right one named, never a wrong one', async () => {
    // @ts-expect-error TS7016: no declaration file for a .mjs module
    const { formatPatterns, patterns } = await import('../bench/patterns.mjs');
    const results = (patterns as () => Array<{ outcome: string }>)();
    expect(section('patterns')).toBe((formatPatterns as (r: unknown) => string)(results));
    expect(results.filter((r) => r.outcome === 'wrong')).toEqual([]);
  });

  it('clients: false alarms, misses and errors on code nobody here wrote', async () => {
    // @ts-expect-error TS7016: no declaration file for a .mjs module
    const { run } = await import('../bench/clients/index.mjs');
    const { summary, totals } = (
      run as (o: { print: boolean }) => { summary: string; totals: Record<string, number> }
    )({
      print: false,
    });
    expect(section('clients')).toBe(summary);
    expect([totals.falseAlarms, totals.misses, totals.errors]).toEqual([0, 0, 0]);
    expect(totals.valid).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
