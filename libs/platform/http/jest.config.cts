const preset = require('../../../jest.preset.js');

module.exports = {
  displayName: 'platform-http',
  preset: '../../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../../coverage/libs/platform/http',
  // The OpenAPI validator's dependencies ship as ES modules only: compile them for jest.
  transform: {
    ...preset.transform,
    '/@apidevtools/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@apidevtools/)'],
};
