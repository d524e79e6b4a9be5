// Writes each jest run's counts to artifacts/jest/<display name>.json, so `npm test` can print
// one closing line over every project and tier (tools/scripts/summarize-jest.mjs).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = join(__dirname, '../..');
    this.name = String(globalConfig.displayName?.name ?? globalConfig.rootDir.split('/').pop());
  }

  onRunComplete(contexts, results) {
    const [context] = contexts;
    const name = String(context?.config.displayName?.name ?? this.name).replace(/[^\w.-]+/g, '-');
    const dir = join(this.rootDir, 'artifacts/jest');
    mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numTotalTestSuites } =
      results;
    const numRuntimeErrorTestSuites = results.numRuntimeErrorTestSuites;
    writeFileSync(
      join(dir, `${name}.json`),
      JSON.stringify({
        numPassedTests,
        numFailedTests,
        numPendingTests,
        numTodoTests,
        numTotalTestSuites,
        numRuntimeErrorTestSuites,
      }),
    );
  }
}

module.exports = SummaryReporter;
