module.exports = {
  displayName: 'education-enrolment',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/education-enrolment',
};
