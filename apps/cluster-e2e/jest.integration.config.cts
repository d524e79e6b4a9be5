// Failover on the cluster profile (three Kafka brokers, the Temporal server's processes, two
// replicas of each service, all over TLS), on a cluster of the suite's own (own ports and state
// dir). Skips, saying so, when the profile's prerequisites are not cached: `npm run test:cluster`
// installs them (the Temporal server builds from its Go module once) and runs it.
module.exports = {
  displayName: 'cluster-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 120_000,
};
