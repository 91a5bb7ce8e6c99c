import type { CloudClient } from "../../sdk";
import { explainFailure, ResourceInitError } from "../errors";
import { withoutUndefined } from "../json";
import { flag } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { revokePending } from "./target";

type Outputs = CloudConnectedClusterApiKeyOutputs;

/** A step after the key was decided failed; `state` is what had been achieved by then (to be kept, not lost). */
export class SettleFailure extends Error {
  constructor(
    readonly step: string,
    readonly state: Outputs,
    readonly revoked: boolean,
    override readonly cause: unknown,
  ) {
    super(step);
  }
}

/**
 * Finishes a create or update once the key in `state` is decided (freshly rotated, or kept): revokes the pending
 * key if `revokePreviousKey` asks for it and that has not happened yet, then records the cluster's ETag after any
 * change (or when it is missing). Throws {@link SettleFailure} carrying the progress made.
 */
export async function settle(client: CloudClient, state: Outputs, changed: boolean): Promise<{ state: Outputs; revoked: boolean }> {
  let current = state;
  let revoked = false;
  if (flag(current, "revokePreviousKey") === true && !current.previousKeyRevoked) {
    try {
      // The pending keys of this resource's key only: a service's revocation leaves the cluster's keys alone.
      await revokePending(client, current);
    } catch (err) {
      throw new SettleFailure("revoking the previous (pending) key", current, revoked, err);
    }
    current = { ...current, previousKeyRevoked: true };
    revoked = true;
  }
  if (changed || revoked || current.etag === undefined) {
    try {
      const found = await client.getCluster(current.clusterId);
      current = withoutUndefined({ ...current, etag: found?.etag });
    } catch (err) {
      throw new SettleFailure("reading the cluster's new ETag", current, revoked, err);
    }
  }
  return { state: current, revoked };
}

/**
 * The error for a {@link SettleFailure}. When this operation already changed something remotely (a rotation or a
 * revocation), the host must keep the new state: a {@link ResourceInitError} carrying it, `__provider` included
 * because the host does not add it, makes the engine store it (the new key above all) and update on the next `up`,
 * which finishes the job without rotating again. Otherwise a plain error leaves the old state as it was.
 */
export function settleError(
  failure: SettleFailure,
  context: { subject: string; operation: string; rotated: boolean; providerText: unknown },
): Error {
  const done = [context.rotated && "the key was rotated", failure.revoked && "the previous key was revoked"].filter(Boolean);
  const operation = done.length > 0 ? `${context.operation}: ${done.join(" and ")}, but ${failure.step}` : `${context.operation}: ${failure.step}`;
  const explained = explainFailure(failure.cause, { subject: context.subject, operation });
  if (done.length === 0) return explained;
  const message =
    `${explained.message}. The new state${context.rotated ? " (with the new key)" : ""} is saved; run \`pulumi up\` again ` +
    "to finish — it does not rotate again";
  const properties = { ...failure.state, __provider: context.providerText };
  // The engine shows a partial failure's reasons only (not its message): the whole explanation is the reason.
  return new ResourceInitError(message, failure.state.clusterId, properties);
}
