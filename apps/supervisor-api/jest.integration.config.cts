// Integration tier: real PostgreSQL, Kafka and Temporal (see libs/testing).
module.exports = {
  displayName: 'supervisor-api:integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 90_000,
  // Each suite runs the whole app on the one supervisor_test read model: two projectors at once
  // would both apply the same events (doubled timelines). One suite at a time.
  maxWorkers: 1,
};
