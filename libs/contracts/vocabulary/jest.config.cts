module.exports = {
  displayName: 'vocabulary',
  preset: '../../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../../coverage/libs/contracts/vocabulary',
};
