/**
 * Hints for the first mistakes, added to the message of a throw of the user's function: an f that takes
 * an array but was given no shape, so that gradcheck called it with the default input, one number; and
 * an f of several parameters called without `args`, so that its second argument is undefined. Both end
 * in a TypeError from deep inside the user's code (`x.reduce is not a function`, `Cannot read properties
 * of undefined`) that reads as a bug of f, when the mistake is in how the check was called.
 */

/** What the hints need to know of a check, beyond the error. */
export interface HintFacts {
  /** The user's f, as they gave it (before any wrapper of args): its parameters are counted. */
  f: unknown;
  /** Their names as the user knows them, as messages print them. */
  names: readonly [string, string];
  /** The input is the default one: a single number, since no points, like, dim, sample or args was given. */
  defaultInput: boolean;
  /** The check could take `args`: checkGradient or checkJacobian, called without it. */
  argsPossible: boolean;
}

/** Of a check, the hint for a throw of its function `which` (0: f, 1: the derivative), or ''. */
export type Hint = (which: 0 | 1, error: unknown) => string;

/** The hints of a check with these facts. */
export function firstMistakes(facts: HintFacts): Hint {
  return (which, error) => {
    // f's parameters, whichever function threw: a derivative of f(x, y) that throws on a missing y has
    // the same cure, args, and a derivative of two parameters for an f of one is no such mistake.
    const count = facts.argsPossible ? parameterCount(facts.f) : 0;
    // Several parameters first: the default input is then one of the symptoms, and `dim` would not help.
    if (count > 1) return severalParameters(facts.names[0], count);
    if (facts.defaultInput && isTypeError(error)) return oneNumber(facts.names[which]);
    return '';
  };
}

/** The hint for a function of several parameters, called with one input. */
function severalParameters(name: string, count: number): string {
  const templates = Array.from({ length: count }, (_, i) => `template${i}`);
  const named = templates.map((t, i) => `name${i}: ${t}`);
  return `${name} declares ${count} parameters but is called with one input; for a function of several arguments, give { args: [${templates.join(', ')}] }, one template per argument, or { args: { ${named.join(', ')} } } to name them.`;
}

/** The hint for a TypeError of a function that was called with the default input. */
function oneNumber(name: string): string {
  return `${name} was called with one number, the default input when no dim, like, points or sample is given; if ${name} takes an array or an object, give its shape: { dim: n } for n random numbers, { like: template } for random values in the shape of a template, or { points: [...] } for inputs of your own.`;
}

/** `fn.length`, 0 where reading it throws (a Proxy trap) or it is not a count. */
function parameterCount(fn: unknown): number {
  try {
    const length: unknown = (fn as { length?: unknown }).length;
    return typeof length === 'number' ? length : 0;
  } catch {
    return 0;
  }
}

/** `instanceof TypeError`, false where asking throws (a revoked Proxy has no prototype to ask for). */
function isTypeError(error: unknown): boolean {
  try {
    return error instanceof TypeError;
  } catch {
    return false;
  }
}
