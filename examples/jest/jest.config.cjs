// A project's own Jest config: the setup file registers gradcheck's matchers on Jest's expect. The
// tests are plain CommonJS, so no transform is needed.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.cjs'],
  setupFilesAfterEnv: ['<rootDir>/setup.cjs'],
  transform: {},
};
