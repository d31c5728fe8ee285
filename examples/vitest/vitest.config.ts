// A project's own Vitest config: the setup file registers gradcheck's matchers for every test file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    setupFiles: ['./setup.ts'],
  },
});
