// Browser end-to-end tier: built services as real processes, the dashboard in headless Chromium.
module.exports = {
  displayName: 'supervisor-web:e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/e2e/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 180_000,
  // Both suites run supervisor-api processes on the one supervisor_test read model: two projectors
  // at once would apply the same events twice. One suite at a time.
  maxWorkers: 1,
};
