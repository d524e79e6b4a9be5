// Property-based fuzzing of every service's OpenAPI document (Schemathesis) against the built
// services running as real processes on the real stack.
module.exports = {
  displayName: 'api-fuzz',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 600_000,
};
