import { onTestFinished } from "vitest";

/**
 * The reliability figures `npm test` ends with (see summary-reporter.mts). Tests add to them through the current
 * test's `meta`, which vitest carries from the worker to the reporter; the reporter sums them over the run.
 */
export interface Figures {
  /** Fault-matrix cases run (each one fault on one operation of one resource). */
  faultCases?: number;
  /** Of those, cases whose outcome, inventory check and converging `up` all held. */
  faultsSurvived?: number;
  /** Invalid inputs refused at preview with a property path and zero requests. */
  badInputsRejected?: number;
  /** Scenarios whose output, state, errors and logs the secret scanner read. */
  secretScans?: number;
  /** Issued secrets found in any of them (must stay 0). */
  secretHits?: number;
  /** Scenarios run through the real `pulumi` CLI (test/e2e-cli), the engine's differential runs included. */
  cliScenarios?: number;
  /** Upstream YAML REST tests (test/upstream-rest/) that passed against the emulator. */
  upstreamPassed?: number;
  /** …that failed. */
  upstreamFailed?: number;
  /** …that cannot run because the emulator or the runner lacks an API or feature (named in the test's skip note). */
  upstreamNotRunnable?: number;
  /** …left out for a version reason: recorded in test/upstream-rest/exclusions.ts, or upstream's own `skip: version`. */
  upstreamExcluded?: number;
}

declare module "vitest" {
  interface TaskMeta {
    figures?: Figures;
  }
}

/** Adds to the figures of the test now running (or of `task`, from a hook that has it). */
export function addFigures(add: Figures, task?: { meta: { figures?: Figures } }): void {
  if (task) merge(task, add);
  // The figures land when the test ends, with the test's own context: no global "current test" to look up.
  else onTestFinished(({ task: current }) => merge(current, add));
}

function merge(task: { meta: { figures?: Figures } }, add: Figures): void {
  const figures = (task.meta.figures ??= {});
  for (const [name, value] of Object.entries(add) as [keyof Figures, number][]) figures[name] = (figures[name] ?? 0) + value;
}
