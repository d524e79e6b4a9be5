// Browser end-to-end tier: built services as real processes, the office app in headless Chromium.
module.exports = {
  displayName: 'office-web:e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/e2e/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180_000,
  // Each spec file starts six processes and Chromium (office-test-bed.ts): one file at a time.
  maxWorkers: 1,
};
