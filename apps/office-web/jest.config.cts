// Unit tests of pure logic: the server's routing and headers, registration and role rules.
module.exports = {
  displayName: 'office-web',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/server/**/*.spec.ts'],
};
