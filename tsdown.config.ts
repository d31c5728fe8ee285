import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    vitest: 'src/matchers/vitest.ts',
    jest: 'src/matchers/jest.ts',
    bun: 'src/matchers/bun.ts',
    tfjs: 'src/tfjs.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'node',
  target: 'node20',
  // Bun's built-in test module, which only gradcheck/bun imports: it exists at run time inside Bun alone.
  deps: { neverBundle: ['bun:test'] },
});
