/**
 * Which mode runs a check: the one the options name, or for `'auto'` per-coordinate mode while its cost
 * fits `maxEvaluations`, and directional mode beyond.
 */

import { STANDARD_LADDER } from '../difference/richardson.js';
import { EVALUATIONS_PER_COORDINATE } from '../difference/stencils.js';
import { chooseCoordinates } from '../sample/coordinates.js';
import type { CheckSetup } from './setup.js';

/** The mode of `setup`'s check: `options.mode`, or for `'auto'` the one whose cost fits the budget. */
export function chooseMode(
  setup: Pick<CheckSetup, 'options' | 'shape' | 'where'>,
): 'coordinate' | 'directional' {
  const { options, shape } = setup;
  if (options.mode !== 'auto') return options.mode;
  const choice = options.coordinates;
  const checked =
    choice === undefined
      ? shape.n
      : typeof choice === 'number'
        ? Math.min(choice, shape.n)
        : chooseCoordinates(shape, options, setup.where).length;
  const perCoordinate =
    options.method === 'richardson'
      ? 2 * STANDARD_LADDER.multiples.length
      : EVALUATIONS_PER_COORDINATE[options.method];
  return checked * perCoordinate * options.samples <= options.maxEvaluations ? 'coordinate' : 'directional';
}
