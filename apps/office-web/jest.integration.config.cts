// Browser end-to-end tier: built services as real processes, the office app in headless Chromium.
module.exports = {
  displayName: 'office-web:e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/e2e/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/office-jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/office-jest-global-teardown.ts',
  testTimeout: 180_000,
  // The spec files share one set of service processes (office-jest-global-setup.ts) and each opens
  // Chromium: one file at a time.
  maxWorkers: 1,
};
