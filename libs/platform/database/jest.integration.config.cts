// Integration tier: the append-only helper against a real PostgreSQL (see libs/testing).
module.exports = {
  displayName: 'platform-database:integration',
  preset: '../../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../testing/src/jest-global-teardown.ts',
  testTimeout: 60_000,
};
