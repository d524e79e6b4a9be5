// The chaos test (npm run chaos): kill -9 of the broker, the orchestrator, intake, a downstream
// service and PostgreSQL during a load, on a stack of its own. Not in npm test yet: it still finds
// a referral whose child workflow never starts (see README, "Chaos").
module.exports = {
  displayName: 'operations-e2e-chaos',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.chaos-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
