// Adds toHaveGradient and toHaveJacobian to Jest's expect (and to @types/jest and @jest/globals typings).
require('gradcheck/jest');
