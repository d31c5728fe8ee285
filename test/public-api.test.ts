/**
 * The public API, as src/index.ts declares it: one list, every public type from src/types.ts (and every
 * type there exported, each declared in one of the parts under src/types/ that it re-exports), and TSDoc on every export where it is declared, so that an editor's hover and the
 * built .d.ts explain each one. The same for gradcheck/tfjs (src/tfjs.ts): its two adapters and their
 * types, each documented.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const TFJS = fileURLToPath(new URL('../src/tfjs.ts', import.meta.url));
const TYPES = fileURLToPath(new URL('../src/types.ts', import.meta.url));
const TYPE_PARTS = fileURLToPath(new URL('../src/types/', import.meta.url)).replaceAll('\\', '/');

const program = ts.createProgram([INDEX, TFJS], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

function exportsOf(file: string): ts.Symbol[] {
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} is not in the program`);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${file} is not a module`);
  return checker.getExportsOfModule(module);
}

/** The symbol an export stands for, through re-exports. */
function target(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

const isTypeOnly = (symbol: ts.Symbol) =>
  (target(symbol).flags & ts.SymbolFlags.Value) === 0 && (target(symbol).flags & ts.SymbolFlags.Type) !== 0;

describe('the public API (src/index.ts)', () => {
  const exported = exportsOf(INDEX);
  const names = exported.map((s) => s.name).sort();

  it('exports the checks, configure, formatReport, EvaluationError and the public types', () => {
    expect(names.filter((name) => !isTypeOnly(exported.find((s) => s.name === name)!))).toEqual([
      'EvaluationError',
      'checkGradient',
      'checkHessian',
      'checkJVP',
      'checkJacobian',
      'checkVJP',
      'configure',
      'formatReport',
    ]);
    // Used in the signatures of checkHessian, checkJVP, checkVJP and their matchers.
    expect(names).toContain('Hessian');
    expect(names).toContain('Output');
  });

  it('exports every type of src/types.ts, and its types from there alone (declared in src/types/)', () => {
    const fromTypes = exportsOf(TYPES)
      .map((s) => s.name)
      .sort();
    const typeNames = exported.filter(isTypeOnly);
    expect(typeNames.map((s) => s.name).sort()).toEqual(fromTypes);
    for (const symbol of typeNames) {
      const files = (target(symbol).declarations ?? []).map((d) => d.getSourceFile().fileName);
      expect(files.length, symbol.name).toBe(1);
      expect(files[0]!.startsWith(TYPE_PARTS), `${symbol.name} is declared in ${files[0]}`).toBe(true);
    }
  });

  it('documents every export where it is declared (TSDoc)', () => {
    const undocumented = exported.filter((symbol) => {
      const declarations = target(symbol).declarations ?? [];
      return !declarations.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    });
    expect(undocumented.map((s) => s.name)).toEqual([]);
  });
});

describe('the public API of gradcheck/tfjs (src/tfjs.ts)', () => {
  const exported = exportsOf(TFJS);

  it('exports tfGradient and tfVJP, and the types of their arguments and results', () => {
    const values = exported.filter((s) => !isTypeOnly(s)).map((s) => s.name);
    expect(values.sort()).toEqual(['tfGradient', 'tfVJP']);
    for (const name of ['TF', 'TFGradient', 'TFVJP', 'TFOptions', 'Shapes', 'TensorValue'])
      expect(exported.map((s) => s.name)).toContain(name);
  });

  it('documents every export where it is declared (TSDoc)', () => {
    const undocumented = exported.filter((symbol) => {
      const declarations = target(symbol).declarations ?? [];
      return !declarations.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    });
    expect(undocumented.map((s) => s.name)).toEqual([]);
  });
});
