/**
 * Misspelt options, one per matcher, that must not compile: test/integration/types.test.ts runs
 * `tsc -p test/types/tsconfig.typos.json` and checks that each error names the matcher's options
 * interface and suggests the name meant ("Did you mean to write 'samples'?"), formatReport's maxRows
 * included. Not part of `npm run test:types`, whose files must compile without errors.
 */
import 'gradcheck/vitest';
import { expect } from 'vitest';
import { backprop, f, jac, loss, lossGrad, net, params } from './shared.js';

expect(net).toHaveGradient(backprop, { like: params, sampels: 5 });
expect(f).toHaveJacobian(jac, { dim: 4, maxRow: 5 });
expect(loss).toHaveHessian((x) => [x], { dim: 3, gradiant: lossGrad });
expect(f).toHaveJVP((_, v) => v, { dim: 4, vector: 2 });
expect(f).toHaveVJP((x) => x.map(() => 0), { dim: 4, maxRow: 5 });
