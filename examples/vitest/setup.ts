// Adds toHaveGradient and toHaveJacobian to Vitest's expect, and to its typings.
import 'gradcheck/vitest';
