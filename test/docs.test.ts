/**
 * The generated docs cannot drift: docs/options.md lists exactly the options of CheckOptions, and the
 * generated parts of docs/options.md, docs/guide.md and docs/troubleshooting.md are what their scripts
 * write from the current code (every output and number in them comes from running it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { optionNames } from '../src/options/validate.js';
import { ensureBuilt, repo, run } from './integration/runners.js';

/**
 * The members of CheckOptions, read from src/types/options.ts (re-exported by src/types.ts) by the
 * compiler, not by the script under test.
 */
function checkOptionsMembers(): string[] {
  const file = join(repo, 'src/types/options.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'CheckOptions',
  );
  if (declaration === undefined) throw new Error('src/types/options.ts declares no CheckOptions');
  return declaration.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
}

const optionsPage = () => readFileSync(join(repo, 'docs/options.md'), 'utf8');

beforeAll(() => {
  ensureBuilt();
});

describe('docs/options.md', () => {
  test('has a section for exactly the options of CheckOptions, in their order', () => {
    const sections = [...optionsPage().matchAll(/^## `(\w+)`$/gm)].map((m) => m[1]);
    expect(sections).toEqual(checkOptionsMembers());
  });

  test('its summary table lists the same options', () => {
    const rows = [...optionsPage().matchAll(/^\| \[`(\w+)`\]\(#\w+\) \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(checkOptionsMembers());
  });

  test('the options the checks accept are the options of the type', () => {
    expect([...optionNames].sort()).toEqual(checkOptionsMembers().sort());
  });

  test('every section gives a default and an example', () => {
    const sections = optionsPage().split(/^## /m).slice(1);
    for (const section of sections) {
      expect(section, section.split('\n')[0]).toMatch(/^- default: \S/m);
      expect(section, section.split('\n')[0]).toMatch(/^expect\(f\)\.toHaveGradient\(grad, \{.*\}\);$/m);
    }
  });

  test('is what scripts/options-doc.mjs writes from src/types/options.ts (its examples all run and pass)', () => {
    const check = run(['scripts/options-doc.mjs', '--check']);
    expect(check.output.trim()).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('docs/guide.md and docs/troubleshooting.md', () => {
  test('hold what scripts/docs.mjs generates: every run block runs, every output and number is current', () => {
    const check = run(['scripts/docs.mjs', '--check']);
    expect(check.output.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  test('show a real runner failure and the outputs of their code, not placeholders', () => {
    const guide = readFileSync(join(repo, 'docs/guide.md'), 'utf8');
    const troubleshooting = readFileSync(join(repo, 'docs/troubleshooting.md'), 'utf8');
    expect(guide).toContain('Error: expect(f).toHaveGradient(gradient)');
    expect(guide).toMatch(/^ {2}W2\[\d\]\[\d\] /m);
    for (const page of [guide, troubleshooting]) {
      // No generated region is empty: each holds a value or a fenced block with a line in it.
      for (const [, name, body] of page.matchAll(/<!-- gen:([\w./:-]+) -->([\s\S]*?)<!-- \/gen -->/g)) {
        expect(body!.replace(/```\w*/g, '').trim(), name).not.toBe('');
      }
    }
  });

  test('docs/tfjs.md shows real TF.js failures: a Vitest run, and reports named in the tensor shape', () => {
    const page = readFileSync(join(repo, 'docs/tfjs.md'), 'utf8');
    expect(page).toContain('Error: expect(f).toHaveGradient(gradient)');
    expect(page).toMatch(/^VJP check failed: 4 of 4 coordinates/m);
    expect(page).toMatch(/^ {2}x\[1\]\[1\] /m);
    expect(page).toMatch(
      /^VJP check failed: 1 of 5 coordinates .*\n\n {2}coordinate .*\n(?: {2}x\[2\] .*\n)+\n/m,
    );
    for (const [, name, body] of page.matchAll(/<!-- gen:([\w./:-]+) -->([\s\S]*?)<!-- \/gen -->/g)) {
      expect(body!.replace(/```\w*/g, '').trim(), name).not.toBe('');
    }
  });
});
