import { ResourceInitError } from "../errors";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";

type Outputs = CloudConnectedClusterApiKeyOutputs;

/**
 * A rotation whose answer was lost may have happened: the key the state holds may now be only pending (it stops
 * working within 7 days) and a new key exists that nobody holds. Failing with a plain error would leave the state
 * as if nothing had been tried, and the next `up` would rotate again without a word. Instead the state records it:
 * `rotationOutcomeUnknown` (when, and what it means) is stored through a ResourceInitError, so the engine keeps the
 * resource and calls update at the next `up`, which says so and rotates to a key Pulumi holds.
 */
export function lostRotation(
  err: Error,
  context: { subject: string; operation: string; kept: Partial<Outputs> & { clusterId: string }; at: string; providerText: unknown },
): ResourceInitError {
  const note =
    `a rotation was sent at ${context.at} but its answer was lost: it may have happened, and if so the key this state ` +
    "held is now pending (it stops working within 7 days) and its successor was lost";
  const properties = { ...context.kept, rotationOutcomeUnknown: note, __provider: context.providerText };
  return new ResourceInitError(
    `${context.subject}: ${context.operation} failed: ${err.message}. The state records that this rotation may have happened ` +
      "(rotationOutcomeUnknown); the next `pulumi up` says so and rotates to a key Pulumi holds",
    context.kept.clusterId,
    properties,
  );
}

/** What the update after a refresh that saw the cluster change outside Pulumi says (it does not rotate). */
export function reportChangedOutsidePulumi(subject: string, olds: Outputs): void {
  if (olds.changedOutsidePulumi === undefined) return;
  console.error(
    `warning: ${subject}: ${olds.changedOutsidePulumi}. If so it stops working within 7 days: change \`triggers\` to rotate ` +
      "to a key Pulumi holds, once nobody else manages this cluster's key.",
  );
}

/** What the next update says before rotating again (on the host's stderr, which the CLI shows). */
export function reportLostRotation(subject: string, olds: Outputs): void {
  if (olds.rotationOutcomeUnknown === undefined) return;
  console.error(`${subject}: ${olds.rotationOutcomeUnknown}. Rotating again now, so that the cluster's key is one Pulumi holds.`);
}
