// What the real `pulumi` CLI prints for provider failures (from the engine's source, see
// ../shared/pulumi-engine-review.md D4/D5), built from the structured data the test engine returns, so the tests
// assert on the text users read whatever the test engine's own report looks like.
import type { EngineError } from "../../engine";

/** A check failure as the host returned it. */
export interface HostCheckFailure {
  property: string;
  reason: string;
}

/** The check failures of one resource, recovered from the engine's errors (its text ends with the host's reason). */
export function checkFailuresOf(errors: readonly EngineError[], resource: string): HostCheckFailure[] {
  // A failure on the resource as a whole (property "") carries no property in the engine's errors.
  return errors
    .filter((e) => e.resource === resource && /has a problem: /.test(e.message))
    .map((e) => ({ property: e.property ?? "", reason: /has a problem: ([\s\S]*)$/.exec(e.message)?.[1] ?? e.message }));
}

/**
 * `issueCheckFailures` of the engine: a failure with a property prints the program's top-level input of that exact
 * key (`inputs[failure.Property]`: a nested path finds nothing, `{<nil>}`), in clear even when it is secret.
 */
export function renderCheckFailure(type: string, name: string, failure: HostCheckFailure, programInputs: Record<string, unknown>): string {
  if (failure.property === "") return `${type} resource '${name}' has a problem: ${failure.reason}`;
  const value = programInputs[failure.property];
  // As the real CLI prints it (test/e2e-cli/cli-behaviour.test.ts); a secret value shows as {&{{…}}}, in clear too.
  const shown = value === undefined ? "{<nil>}" : `{${typeof value === "string" ? value : JSON.stringify(value)}}`;
  return `${type} resource '${name}': property ${failure.property} value ${shown} has a problem: ${failure.reason}`;
}

/** A partial failure (ErrorResourceInitFailed): the CLI prints its reasons only; the host's message is dropped. */
export function renderInitFailure(reasons: readonly string[]): string {
  return reasons.map((r) => `* ${r}`).join("\n");
}
