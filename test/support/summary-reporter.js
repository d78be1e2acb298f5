// Prints the closing line CI reads ("N passed, N failed"); jest's own summary is not recognised there.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    // Suites that failed to run (compile errors) count as failures too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    const dir = path.join(__dirname, '..', '..', 'test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.txt'), line + '\n');
    process.stdout.write('\n' + line + '\n');
  }
}
module.exports = SummaryReporter;
