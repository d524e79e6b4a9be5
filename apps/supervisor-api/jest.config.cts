module.exports = {
  displayName: 'supervisor-api',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/supervisor-api',
};
