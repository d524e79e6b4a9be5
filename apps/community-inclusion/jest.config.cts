module.exports = {
  displayName: 'community-inclusion',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/community-inclusion',
};
