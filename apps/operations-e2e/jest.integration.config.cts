// Operations tier: the restore drill, the upgrade and the chaos test (short profile; the long one
// is `npm run chaos`), each on a stack of its own (own ports and state dir), so npm test runs
// them beside the suites that share the main test stack.
module.exports = {
  displayName: 'operations-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
