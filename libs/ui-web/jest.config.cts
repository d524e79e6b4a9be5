// Unit tests of the shared web pieces' pure logic (no browser: jsdom is not installed).
module.exports = {
  displayName: 'ui-web',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
