import type { Reporter, TestModule } from "vitest/node";
import type { Figures } from "./figures.js";

/**
 * Ends every run with two plain lines that CI systems and people can read without knowing vitest's own format:
 * `tests: N passed, N failed, N skipped`, the reliability figures tests recorded with `addFigures`, and how the
 * emulator fared in Elasticsearch's own YAML REST tests (test/upstream-rest/).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const figures: Required<Figures> = {
      faultCases: 0,
      faultsSurvived: 0,
      badInputsRejected: 0,
      secretScans: 0,
      secretHits: 0,
      upstreamPassed: 0,
      upstreamFailed: 0,
      upstreamNotRunnable: 0,
      upstreamExcluded: 0,
      cliScenarios: 0,
    };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
        for (const [name, value] of Object.entries(test.meta().figures ?? {}) as [keyof Figures, number][]) figures[name] += value;
      }
      // A file that failed to load has no tests to count, but it is a failure all the same.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed++;
    }
    console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    console.log(
      `reliability: ${figures.faultCases} fault cases run, ${figures.faultsSurvived} faults survived, ` +
        `${figures.badInputsRejected} bad inputs rejected, ${figures.secretHits} secret hits in ${figures.secretScans} scanned scenarios`,
    );
    console.log(
      `upstream REST tests: ${figures.upstreamPassed} passed, ${figures.upstreamFailed} failed, ${figures.upstreamNotRunnable} not runnable` +
        `; ${figures.upstreamExcluded} excluded for a recorded version reason`,
    );
    console.log(`real pulumi CLI: ${figures.cliScenarios} scenarios run`);
  }
}
