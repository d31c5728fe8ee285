import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.mjs'],
    setupFiles: ['./setup.mjs'],
    server: {
      deps: {
        // tfjs-core's Node bundle has no gradients of built-in ops; they ship as ES modules with
        // extensionless imports, which Vite resolves when it processes them (Node alone cannot).
        inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/],
      },
    },
  },
});
