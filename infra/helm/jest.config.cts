module.exports = {
  displayName: 'helm-chart',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // helm template runs once per values file; each service's config module loads its platform libraries.
  testTimeout: 120_000,
};
