module.exports = {
  displayName: 'dev-identity',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/dev-identity',
};
