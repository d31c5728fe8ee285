import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    testTimeout: 60_000,
    server: {
      deps: {
        // test/tfjs.test.ts: tfjs-core's Node bundle has no gradients of built-in ops; they ship as ES
        // modules with extensionless imports, which Vite resolves when it processes them (Node cannot).
        inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/],
      },
    },
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text', 'text-summary'],
      thresholds: { lines: 90 },
    },
  },
});
