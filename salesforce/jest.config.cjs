// Unit tests of the LWC wrappers (`npm run test:lwc`, run from this folder by sfdx-lwc-jest).
// The wrappers load the real drop-in bundle (dist/cosell.iife.min.js) through a mocked loadScript.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
};
