/**
 * The shape of src/: its module graph, read from the import statements of every file (`import`,
 * `import type`, `export … from`, `import()`), must have
 *
 * (a) no cycle, type-only imports included;
 * (b) no import that points up the data-flow order of LAYERS, nor sideways between two files of an
 *     `independent` layer (the two modes, the entry points);
 * (c) no import of a name from a file other than its home (HOMES; and every type that index.ts
 *     exports belongs in the types layer: types.ts and types/): a constant or public type that lives in the wrong file drags in a
 *     dependency the layering would not need;
 *
 * and every file must be placed in exactly one layer and be at most MAX_LINES lines long.
 *
 * There are no exceptions. The re-layout (issue 12, ../shared/design/layout.md) started this test with
 * a list of the violations of its day, and removed each entry as its move landed.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const MAX_LINES = 300;

/**
 * The data-flow order, lowest first: a file may import from its own layer (unless the layer is
 * `independent`) and from the layers before it. Following layout.md: shared leaves, how f is called,
 * options, params → sample → difference → compare → check → derived → report → matchers, and the
 * package's entry points last (nothing imports them).
 */
const LAYERS: ReadonlyArray<{ name: string; files: readonly string[]; independent?: boolean }> = [
  // The public types, the one home of every type index.ts exports (types.ts, and the parts it re-exports).
  { name: 'types', files: ['types.ts', 'types/'] },
  // Leaves everything may use: errors and value printing, the maybe-async helpers.
  { name: 'leaves', files: ['util/'] },
  // How a check calls f and the derivative, sync or async: call codes and the driver.
  { name: 'calls', files: ['calls/'] },
  // Defaults, configure(), the environment seed, validation and typo suggestions of the options.
  { name: 'options', files: ['options/'] },
  // The shape of an input (flatten, paths, rebuild, working copy) and functions of several arguments.
  { name: 'params', files: ['params/'] },
  // The seeded random source and the sample points.
  { name: 'sample', files: ['sample/'] },
  // Pure arithmetic on values of f: steps, stencils, ladders, extrapolation, noise.
  { name: 'difference', files: ['difference/'] },
  // The tolerance rule and the metrics.
  { name: 'compare', files: ['compare/'] },
  // What a check is set up with: the type every part of the check shares.
  { name: 'check/setup', files: ['check/setup.ts'] },
  // The budget in the check's words: the calls each mode plans, and what a check out of budget says.
  { name: 'check/budget', files: ['check/budget.ts'] },
  // The start of each sample, before any difference: f's value, mutation, nondeterminism, noise probe.
  { name: 'check/per-sample', files: ['check/per-sample/'] },
  // The 1-D primitive: lines through the point (an axis or a direction), ladders and refinement along
  // them, and the verdict on one derivative.
  { name: 'check/line', files: ['check/line.ts', 'check/verdict.ts'] },
  // Which estimate of a derivative stands from ladder to ladder, and when it settles the derivative.
  { name: 'check/standing', files: ['check/standing.ts'] },
  // Ladders of steps and Richardson extrapolation along a line, until the estimate settles.
  { name: 'check/refine', files: ['check/refine.ts'] },
  // What a check proves: the smallest relative error per entry that would have failed it.
  { name: 'check/power', files: ['check/power.ts', 'check/compact-power.ts'] },
  // The shapes of a bug (a factor, a sign, a transpose, a swap, an L2 term, a shift, zeros), per block.
  { name: 'check/patterns', files: ['check/patterns/'] },
  // The loop over the samples (kink redraws) and the assembly of the Report.
  { name: 'check/rows', files: ['check/rows.ts'] },
  { name: 'check/sample-loop', files: ['check/sample-loop.ts'] },
  // Directional mode's parts: its random directions, and group testing that names wrong coordinates.
  {
    name: 'check/modes/parts',
    files: [
      'check/modes/directions.ts',
      'check/modes/disagreement.ts',
      'check/modes/localize.ts',
      'check/modes/found.ts',
      'check/modes/proven.ts',
      'check/modes/held.ts',
      'check/modes/rest.ts',
      'check/modes/sweep.ts',
    ],
  },
  // The two modes, which share everything above and know nothing of each other.
  {
    name: 'check/modes',
    files: ['check/modes/coordinate.ts', 'check/modes/directional.ts'],
    independent: true,
  },
  // Validate, resolve, set up, choose the mode, drive.
  { name: 'check/run', files: ['check/choose-mode.ts', 'check/run-check.ts'] },
  // Hessian, JVP and VJP, built on the gradient and Jacobian checks.
  { name: 'derived', files: ['derived/'] },
  // Text for a human, from a Report: the words, the table, the diff.
  { name: 'report', files: ['report/'] },
  // The TensorFlow.js adapter: tensor functions as the plain f and derivative every check takes. Above
  // every layer of the core, so that no file of the core can import it (the core never touches TF.js,
  // not even its types); below the matchers, so that it cannot import one and stays the same for every
  // runner and for the check functions. Only its entry point, tfjs.ts, imports it.
  { name: 'tfjs', files: ['tfjs/'] },
  // What every matcher shares: its types, the runner's printers, un-awaited checks, the messages.
  {
    name: 'matchers/parts',
    files: ['matchers/types.ts', 'matchers/utils.ts', 'matchers/unawaited.ts', 'matchers/messages.ts'],
  },
  // The matchers, independent of the runner.
  { name: 'matchers/core', files: ['matchers/core.ts'] },
  // The package's exports (package.json, tsdown.config.ts).
  {
    name: 'entry points',
    files: ['index.ts', 'matchers/vitest.ts', 'matchers/jest.ts', 'matchers/bun.ts', 'tfjs.ts'],
    independent: true,
  },
];

/** Whether the LAYERS entry `entry` (a file, or a folder ending in `/`) holds `file`. */
function holds(entry: string, file: string): boolean {
  return entry.endsWith('/') ? file.startsWith(entry) : entry === file;
}

/**
 * Where a name belongs, when that is not the file that exports it today: a layer (any of its files) or
 * one file. Importing the name from anywhere else breaks rule (c).
 */
const HOMES: Readonly<Record<string, { home: string; why: string }>> = {
  ERROR_MULTIPLE: { home: 'compare', why: 'the k of the tolerance rule (layout.md: compare/tolerance)' },
  Precision: { home: 'leaves', why: 'floating-point precision (layout.md: util/float)' },
  UNIT_ROUNDOFF: { home: 'leaves', why: 'a precision constant (layout.md: util/float)' },
  SUBNORMAL_SPACING: { home: 'leaves', why: 'a precision constant (layout.md: util/float)' },
  hash32: { home: 'leaves', why: 'a hash, used by more than directions (layout.md: util/hash)' },
  chooseCoordinates: { home: 'sample', why: 'which coordinates to check (layout.md: sample/coordinates)' },
  // Every type index.ts exports is also at home in the types layer only (RULES.publicTypes); these two were
  // used in public signatures before index.ts exported them (layout.md), and stay listed.
  Hessian: { home: 'types', why: 'a public type (used in the signatures of checkHessian, toHaveHessian)' },
  Output: { home: 'types', why: 'a public type (used in the signatures of checkJVP, checkVJP)' },
};

// ---------------------------------------------------------------------------------------------------------
// Reading the imports.

interface ImportStatement {
  specifier: string;
  /** The names imported or re-exported (`default`, `*` for a namespace or `export *`), sorted. */
  names: string[];
  /** `import type`, `export type`, an `import('…')` type, or every name marked `type`. */
  typeOnly: boolean;
  /** For `export … from`: the names it re-exports as types (`export type {…}`, `export { type X }`). */
  exportedTypes: string[];
  line: number;
}

/** Every import of a module in `text`: static, `export … from`, `import()`, `import('…').T`, `require`. */
function parseImports(fileName: string, text: string): ImportStatement[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportStatement[] = [];
  const add = (specifier: ts.Node, names: string[], typeOnly: boolean, exportedTypes: string[] = []) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1;
    const sorted = (list: string[]) => [...new Set(list)].sort();
    found.push({
      specifier: specifier.text,
      names: sorted(names),
      typeOnly,
      exportedTypes: sorted(exportedTypes),
      line,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const elements = bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
      const names = [
        ...(clause?.name ? ['default'] : []),
        ...(bindings && ts.isNamespaceImport(bindings) ? ['*'] : []),
        ...elements.map((e) => (e.propertyName ?? e.name).text),
      ];
      const everyNameTyped =
        !clause?.name &&
        elements.length > 0 &&
        elements.length === names.length &&
        elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, names, clause !== undefined && (clause.isTypeOnly || everyNameTyped));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      if (clause === undefined || ts.isNamespaceExport(clause))
        add(node.moduleSpecifier, ['*'], node.isTypeOnly);
      else {
        const names = clause.elements.map((e) => (e.propertyName ?? e.name).text);
        const typeOnly = node.isTypeOnly || (names.length > 0 && clause.elements.every((e) => e.isTypeOnly));
        const types = clause.elements.filter((e) => node.isTypeOnly || e.isTypeOnly);
        add(
          node.moduleSpecifier,
          names,
          typeOnly,
          types.map((e) => (e.propertyName ?? e.name).text),
        );
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, ['*'], node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const qualifier = node.qualifier;
      const first =
        qualifier === undefined
          ? 'default'
          : ts.isIdentifier(qualifier)
            ? qualifier.text
            : leftmost(qualifier);
      add(node.argument.literal, [first], true);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] !== undefined
    ) {
      add(node.arguments[0], ['*'], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function leftmost(name: ts.QualifiedName): string {
  let left: ts.EntityName = name;
  while (ts.isQualifiedName(left)) left = left.left;
  return left.text;
}

// ---------------------------------------------------------------------------------------------------------
// The graph.

interface Edge {
  from: string;
  to: string;
  names: string[];
  typeOnly: boolean;
}

interface Analysis {
  files: string[];
  lines: Record<string, number>;
  edges: Edge[];
  external: string[];
  unresolved: string[];
  /** Per file, the names it re-exports as types from other files of src/. */
  typeExports: Record<string, string[]>;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(dir, rel);
    return /\.(ts|mts|cts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Reads every TypeScript file under `dir` and the imports between them. Paths are relative, with `/`. */
function analyse(dir: string): Analysis {
  const files = listFiles(dir).sort();
  const known = new Set(files);
  const lines: Record<string, number> = {};
  const merged = new Map<string, Edge>();
  const external = new Set<string>();
  const unresolved: string[] = [];
  const typeExports: Record<string, string[]> = {};
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    lines[file] = lineCount(text);
    for (const statement of parseImports(file, text)) {
      if (!statement.specifier.startsWith('.')) {
        external.add(statement.specifier);
        continue;
      }
      const target = resolve(file, statement.specifier, known);
      if (target === undefined) {
        unresolved.push(`${file}:${statement.line}: ${statement.specifier}`);
        continue;
      }
      if (statement.exportedTypes.length > 0) {
        typeExports[file] = [...(typeExports[file] ?? []), ...statement.exportedTypes].sort();
      }
      const key = `${file} → ${target}`;
      const edge = merged.get(key);
      if (edge === undefined) {
        merged.set(key, { from: file, to: target, names: statement.names, typeOnly: statement.typeOnly });
      } else {
        edge.names = [...new Set([...edge.names, ...statement.names])].sort();
        edge.typeOnly &&= statement.typeOnly;
      }
    }
  }
  return {
    files,
    lines,
    edges: [...merged.values()],
    external: [...external].sort(),
    unresolved,
    typeExports,
  };
}

function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.tsx`, `${base}/index.ts`];
  return candidates.find((c) => known.has(c));
}

/** The strongly connected components with more than one file, or a file that imports itself (Tarjan). */
function findCycles(
  nodes: readonly string[],
  edges: ReadonlyArray<{ from: string; to: string }>,
): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const n of nodes) if (!index.has(n)) connect(n);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}

type Layers = ReadonlyArray<{ name: string; files: readonly string[]; independent?: boolean }>;
type Homes = Readonly<Record<string, { home: string }>>;

/** What each edge breaks of rules (b) and (c): `up`, `sideways`, `misplaced <names>`, joined by `; `. */
function layerViolations(
  edges: readonly Edge[],
  layers: Layers,
  homes: Homes,
): Array<{ from: string; to: string; breaks: string }> {
  const rankOf = (file: string) => {
    const i = layers.findIndex((layer) => layer.files.some((entry) => holds(entry, file)));
    return i < 0 ? undefined : i;
  };
  const layerOf = (file: string) => layers[rankOf(file) ?? -1]?.name;
  const out: Array<{ from: string; to: string; breaks: string }> = [];
  for (const edge of edges) {
    const from = rankOf(edge.from);
    const to = rankOf(edge.to);
    const broken: string[] = [];
    if (from !== undefined && to !== undefined) {
      if (to > from) broken.push('up');
      else if (to === from && edge.from !== edge.to && layers[from]!.independent) broken.push('sideways');
    }
    const misplaced = edge.names.filter((name) => {
      const home = Object.hasOwn(homes, name) ? homes[name]!.home : undefined;
      return home !== undefined && home !== edge.to && home !== layerOf(edge.to);
    });
    if (misplaced.length > 0) broken.push(`misplaced ${misplaced.join(', ')}`);
    if (broken.length > 0) out.push({ from: edge.from, to: edge.to, breaks: broken.join('; ') });
  }
  return out;
}

interface Rules {
  layers: Layers;
  homes: Homes;
  maxLines: number;
  /** The public API: every type it exports is a public type, at home in `publicTypes`. */
  publicApi: string;
  publicTypes: string;
}

/** Everything wrong with `analysis` under `rules`, one line each; empty when all is well. */
function audit(analysis: Analysis, rules: Rules): string[] {
  const problems: string[] = [];

  const placed = rules.layers.flatMap((l) => l.files);
  for (const file of analysis.files) {
    const count = placed.filter((entry) => holds(entry, file)).length;
    if (count === 0) problems.push(`${file} is in no layer: add it to LAYERS`);
    if (count > 1) problems.push(`${file} is in ${count} layers`);
  }
  for (const entry of new Set(placed)) {
    if (!analysis.files.some((file) => holds(entry, file)))
      problems.push(`LAYERS lists ${entry}, which does not exist`);
  }
  for (const entry of analysis.unresolved)
    problems.push(`an import resolves to no file under src/: ${entry}`);

  const key = (v: { from: string; to: string; breaks: string }) => `${v.from} → ${v.to} (${v.breaks})`;
  const publicTypes = Object.fromEntries(
    (analysis.typeExports[rules.publicApi] ?? []).map((name) => [name, { home: rules.publicTypes }]),
  );
  const homes = { ...publicTypes, ...rules.homes };
  for (const v of layerViolations(analysis.edges, rules.layers, homes))
    problems.push(`import not allowed: ${key(v)}`);
  for (const c of findCycles(analysis.files, analysis.edges)) problems.push(`import cycle: ${c.join(' ↔ ')}`);
  for (const file of analysis.files) {
    const lines = analysis.lines[file]!;
    if (lines > rules.maxLines) problems.push(`${file} has ${lines} lines, more than ${rules.maxLines}`);
  }
  return problems;
}

/**
 * The exported declarations of `text` without a TSDoc comment (`/** … *\/`) of their own: functions,
 * classes, interfaces, types and constants. Of a function's overloads, the first must have one.
 */
function undocumentedExports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText(source))
      : ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement)
        ? [statement.name?.getText(source) ?? 'default']
        : [];
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const documented = ts
        .getJSDocCommentsAndTags(statement)
        .some((doc) => ts.isJSDoc(doc) && doc.getFullText(source).trimStart().startsWith('/**'));
      if (!documented) missing.push(`${fileName}: ${name}`);
    }
  }
  return missing;
}

const RULES: Rules = {
  layers: LAYERS,
  homes: HOMES,
  maxLines: MAX_LINES,
  publicApi: 'index.ts',
  publicTypes: 'types',
};

// ---------------------------------------------------------------------------------------------------------

describe('architecture of src/', () => {
  const analysis = analyse(SRC);

  it('reads a graph of the size of src/', () => {
    expect(analysis.files.length).toBeGreaterThanOrEqual(25);
    expect(analysis.edges.length).toBeGreaterThanOrEqual(60);
    expect(analysis.files).toContain('index.ts');
    expect(analysis.files).toContain('matchers/core.ts');
  });

  it('has no cycle, no import up the layers or sideways, no misplaced name, no file over 300 lines', () => {
    expect(audit(analysis, RULES)).toEqual([]);
  });

  it('gives every export a TSDoc comment', () => {
    const missing = analysis.files.flatMap((file) =>
      undocumentedExports(file, readFileSync(path.join(SRC, file), 'utf8')),
    );
    expect(missing).toEqual([]);
  });
});

describe('the rules can fail', () => {
  it('parses import, import type, export … from, import() and import types, and nothing in comments', () => {
    const text = [
      "import a, { b, type C } from './one.js';",
      "import type { D } from './two.js';",
      "import * as ns from './three.js';",
      "import './side-effect.js';",
      "export { e as f, type G } from './four.js';",
      "export type { H } from './five.js';",
      "export * from './six.js';",
      "export * as seven from './seven.js';",
      'import {',
      '  type I,',
      '  type J,',
      "} from './eight.js';",
      "// import { nope } from './comment.js';",
      'const s = "import { nope } from \'./string.js\'";',
      "type K = import('./nine.js').Deep.Name;",
      "const lazy = () => import('./ten.js');",
    ].join('\n');
    expect(parseImports('x.ts', text)).toEqual([
      { specifier: './one.js', names: ['C', 'b', 'default'], typeOnly: false, exportedTypes: [], line: 1 },
      { specifier: './two.js', names: ['D'], typeOnly: true, exportedTypes: [], line: 2 },
      { specifier: './three.js', names: ['*'], typeOnly: false, exportedTypes: [], line: 3 },
      { specifier: './side-effect.js', names: [], typeOnly: false, exportedTypes: [], line: 4 },
      { specifier: './four.js', names: ['G', 'e'], typeOnly: false, exportedTypes: ['G'], line: 5 },
      { specifier: './five.js', names: ['H'], typeOnly: true, exportedTypes: ['H'], line: 6 },
      { specifier: './six.js', names: ['*'], typeOnly: false, exportedTypes: [], line: 7 },
      { specifier: './seven.js', names: ['*'], typeOnly: false, exportedTypes: [], line: 8 },
      { specifier: './eight.js', names: ['I', 'J'], typeOnly: true, exportedTypes: [], line: 12 },
      { specifier: './nine.js', names: ['Deep'], typeOnly: true, exportedTypes: [], line: 15 },
      { specifier: './ten.js', names: ['*'], typeOnly: false, exportedTypes: [], line: 16 },
    ]);
  });

  it('finds an export without TSDoc, and counts an overload set once', () => {
    const text = [
      '/** Documented. */',
      'export function a(x: number): number;',
      'export function a(x: string): string;',
      'export function a(x: unknown): unknown { return x; }',
      '// A line comment is not TSDoc.',
      'export const b = 1;',
      'export interface C {}',
      '/** Documented. */',
      'export type D = number;',
      "export { e } from './e.js';",
    ].join('\n');
    expect(undocumentedExports('x.ts', text)).toEqual(['x.ts: b', 'x.ts: C']);
  });

  it('finds cycles, type-only edges included, and layer violations on a small graph', () => {
    const edges: Edge[] = [
      { from: 'a.ts', to: 'b.ts', names: ['x'], typeOnly: false },
      { from: 'b.ts', to: 'c.ts', names: ['y'], typeOnly: false },
      { from: 'c.ts', to: 'a.ts', names: ['T'], typeOnly: true },
      { from: 'd.ts', to: 'd.ts', names: ['z'], typeOnly: false },
      { from: 'e.ts', to: 'a.ts', names: ['x'], typeOnly: false },
      { from: 'm1.ts', to: 'm2.ts', names: ['K'], typeOnly: false },
    ];
    expect(findCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'm1.ts', 'm2.ts'], edges)).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
      ['d.ts'],
    ]);
    const layers = [
      { name: 'low', files: ['c.ts', 'd.ts'] },
      { name: 'mid', files: ['b.ts', 'e.ts'] },
      { name: 'modes', files: ['m1.ts', 'm2.ts'], independent: true },
      { name: 'high', files: ['a.ts'] },
    ];
    expect(layerViolations(edges, layers, { K: { home: 'low' }, y: { home: 'c.ts' } })).toEqual([
      { from: 'c.ts', to: 'a.ts', breaks: 'up' },
      { from: 'e.ts', to: 'a.ts', breaks: 'up' },
      { from: 'm1.ts', to: 'm2.ts', breaks: 'sideways; misplaced K' },
    ]);
  });

  describe('on a scratch copy of src/ with a bad edge, a misplaced name, a new long file', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'gradcheck-architecture-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('reports each of them, and only them', () => {
      cpSync(SRC, scratch, { recursive: true });
      const edit = (file: string, change: (text: string) => string) => {
        const at = path.join(scratch, file);
        writeFileSync(at, change(readFileSync(at, 'utf8')));
      };
      // A leaf that imports options, by a type-only import: up the layers, and a cycle errors → validate
      // (which throws its errors) → errors.
      edit('util/errors.ts', (text) => `import type { validate } from '../options/validate.js';\n${text}`);
      // Per-coordinate mode importing directional mode: sideways between the independent modes.
      edit(
        'check/modes/coordinate.ts',
        (text) => `import { runDirectional } from './directional.js';\n${text}`,
      );
      // The k of the tolerance rule taken from a file that re-exports it: misplaced, though not up.
      edit(
        'difference/steps.ts',
        (text) => `${text}export { ERROR_MULTIPLE } from '../compare/tolerance.js';\n`,
      );
      edit(
        'check/line.ts',
        (text) => `import { ERROR_MULTIPLE as K } from '../difference/steps.js';\n${text}`,
      );
      // A new file, in no layer, too long, with an import of nothing; a listed file gone (an entry point,
      // which nothing imports).
      const extra = `import { y } from './missing.js';\n${'export const x = 1;\n'.repeat(MAX_LINES)}`;
      writeFileSync(path.join(scratch, 'extra.ts'), extra);
      rmSync(path.join(scratch, 'matchers/bun.ts'));

      expect(audit(analyse(scratch), RULES)).toEqual([
        'extra.ts is in no layer: add it to LAYERS',
        'LAYERS lists matchers/bun.ts, which does not exist',
        'an import resolves to no file under src/: extra.ts:1: ./missing.js',
        'import not allowed: check/line.ts → difference/steps.ts (misplaced ERROR_MULTIPLE)',
        'import not allowed: check/modes/coordinate.ts → check/modes/directional.ts (sideways)',
        'import not allowed: difference/steps.ts → compare/tolerance.ts (up)',
        'import not allowed: util/errors.ts → options/validate.ts (up)',
        'import cycle: options/validate.ts ↔ util/errors.ts',
        'extra.ts has 301 lines, more than 300',
      ]);
    });
  });
});
