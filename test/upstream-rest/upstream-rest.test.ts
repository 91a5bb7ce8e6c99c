/**
 * Elasticsearch's own YAML REST tests (../shared/upstream-rest-tests/, see its MANIFEST.md) against the emulator:
 * each upstream test is one vitest test with a fresh emulator, its file's setup and teardown, over loopback HTTP.
 * Outcomes are counted in the summary line `upstream REST tests: N passed, N failed, N not runnable`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator";
import { ES_VERSION } from "../emulator/cluster-info";
import { addFigures } from "../support/figures";
import { adminAuth, prepareCluster } from "./cluster";
import { exclusionFor } from "./exclusions";
import { loadSpecs, NotRunnable } from "./specs";
import { Stash } from "./stash";
import { runStep, type Context, type Step } from "./steps";
import { readSuite, verdict } from "./suite";

const ROOT = join(__dirname, "../../../shared/upstream-rest-tests");
const TESTS = join(ROOT, "test");
if (!existsSync(TESTS)) throw new Error(`the upstream REST tests are missing: expected them in ${ROOT} (the project's ../shared)`);
const specs = loadSpecs(join(ROOT, "api"));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith(".yml") ? [path] : [];
    })
    .sort();
}

/** Runs steps in order; a failure names the section and the step's position, as the Java runner's location does. */
async function runSteps(ctx: Context, section: string, steps: Step[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    try {
      await runStep(ctx, step);
    } catch (error) {
      if (error instanceof Error && !(error instanceof NotRunnable)) error.message = `${section}, step ${i + 1} (${Object.keys(step)[0]}): ${error.message}`;
      throw error;
    }
  }
}

for (const path of yamlFiles(TESTS)) {
  const file = relative(TESTS, path);
  const suite = readSuite(path);
  describe(file, () => {
    let emulator: Emulator;
    beforeEach(async () => {
      emulator = await startEmulator();
    });
    afterEach(async () => {
      await emulator.close();
    });

    for (const test of suite.tests) {
      it(test.name, async (t) => {
        const excluded = exclusionFor(file, test.name);
        if (excluded) {
          addFigures({ upstreamExcluded: 1 }, t.task);
          t.skip(`excluded: ${excluded.reason}`);
        }
        const allowed = verdict([...suite.setup, ...test.steps], ES_VERSION);
        if (!allowed.run) {
          // A `skip: version`/`requires` that rules out the emulator's version is upstream's own version reason.
          addFigures(allowed.kind === "skipped" ? { upstreamExcluded: 1 } : { upstreamNotRunnable: 1 }, t.task);
          t.skip(`${allowed.kind}: ${allowed.reason}`);
        }
        const ctx: Context = { esUrl: emulator.esUrl, adminAuth: adminAuth(emulator), specs, stash: new Stash() };
        try {
          await prepareCluster(emulator, file);
          // Teardown runs whatever happened; the first error is the one reported.
          let failure: unknown;
          try {
            await runSteps(ctx, "setup", suite.setup);
            await runSteps(ctx, "test", test.steps);
          } catch (error) {
            failure = error;
          }
          try {
            await runSteps(ctx, "teardown", suite.teardown);
          } catch (error) {
            failure ??= error;
          }
          if (failure !== undefined) throw failure;
        } catch (error) {
          if (error instanceof NotRunnable) {
            addFigures({ upstreamNotRunnable: 1 }, t.task);
            t.skip(`not runnable: ${error.message}`);
          }
          addFigures({ upstreamFailed: 1 }, t.task);
          throw error;
        }
        addFigures({ upstreamPassed: 1 }, t.task);
      });
    }
  });
}
