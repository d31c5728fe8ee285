import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', vitest: 'src/matchers/vitest.ts', jest: 'src/matchers/jest.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'node',
  target: 'node20',
});
