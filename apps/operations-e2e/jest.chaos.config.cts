// `npm run chaos`: the chaos test (src/chaos.int-spec.ts) alone, at its long profile unless
// CHAOS_PROFILE=short (npm test runs the short profile with the restore drill and the upgrade).
process.env['CHAOS_PROFILE'] ??= 'long';
module.exports = {
  displayName: 'operations-e2e-chaos',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/chaos.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
