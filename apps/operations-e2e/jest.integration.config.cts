// Operations tier: the restore drill and the upgrade (the chaos test: jest.chaos.config.cts, npm
// run chaos), each on a stack of its own (own ports and state dir), so npm test runs it beside
// the suites that share the main test stack.
module.exports = {
  displayName: 'operations-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
