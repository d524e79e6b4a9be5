module.exports = {
  displayName: 'employment-matching',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/employment-matching',
};
