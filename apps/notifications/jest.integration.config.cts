// Integration tier: real PostgreSQL, Kafka and Temporal (see libs/testing).
module.exports = {
  displayName: 'notifications:integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 90_000,
};
