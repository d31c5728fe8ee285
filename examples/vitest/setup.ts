// Adds toHaveGradient, toHaveJacobian, toHaveHessian, toHaveJVP and toHaveVJP to Vitest's expect, and
// to its typings.
import 'gradcheck/vitest';
