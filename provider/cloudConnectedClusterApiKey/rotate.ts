import { type CloudClient, ErrorCodes, isElasticError } from "../../sdk";
import { type KeyTarget, keyName, rotate } from "./target";

/**
 * Rotates the cluster's API key, or one service's (`target.service`), and returns the new key (a secret: never log,
 * throw or print it). Callers hold the cluster's lock (clusterLock.ts), so a sibling key of this stack never
 * rotates between the ETag read and the rotation.
 *
 * Why a service key's rotation sends `If-Match` too: the API docs give both endpoints the same optional header,
 * holding the ETag of the GET cluster request — there is one ETag per cluster, whatever the key. What it protects
 * against is an overlapping change of the cluster by someone else; for a service key the harmful one is another
 * writer rotating the same service's key at the same moment, which must be surfaced, not overrun. The ETag cannot
 * tell that apart from a rotation of the cluster's other keys, so a 412 is reported the same way for both; a
 * sibling in this stack never causes one (the lock), so a 412 always means a writer outside this `up`.
 *
 * With `useEtag`, the rotation is conditional: the cluster's ETag is read first and sent as `If-Match`. A 412 means
 * the cluster changed between that read and the rotation — almost always because someone else (another stack, a
 * person, a script) rotated it. Nothing was rotated by us, and we deliberately do not read the ETag again and retry:
 * that would silently rotate away the key the other writer has just been issued, hiding two owners fighting over one
 * cluster (each taking the key from the other) instead of surfacing it. The conflict is reported
 * ({@link rotationConflict}) and the user decides. Rotation is not idempotent either: an unknown outcome is never
 * retried (see {@link outcomeUnknown}).
 */
export async function rotateKey(client: CloudClient, target: KeyTarget, useEtag: boolean): Promise<string> {
  if (!useEtag) return (await send(client, target, undefined)).key;
  const etag = await currentEtag(client, target.clusterId);
  try {
    return (await send(client, target, etag)).key;
  } catch (err) {
    if (isPreconditionFailed(err)) throw rotationConflict(target);
    throw err;
  }
}

async function send(client: CloudClient, target: KeyTarget, etag: string | undefined) {
  try {
    return await rotate(client, target, etag);
  } catch (err) {
    if (isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw outcomeUnknown(err, target);
    if (isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 404) throw clusterNotFound(target.clusterId);
    throw err;
  }
}

/** The ETag to send as If-Match. A cluster that does not exist, or an API that sends no ETag, stops here. */
export async function currentEtag(client: CloudClient, clusterId: string): Promise<string> {
  const found = await client.getCluster(clusterId);
  if (!found) throw clusterNotFound(clusterId);
  if (found.etag === undefined) {
    throw new Error(
      "Elastic Cloud returned no ETag for the cluster, so the rotation cannot be made conditional. Nothing was rotated. " +
        "Set useEtag: false to rotate without the If-Match safety check",
    );
  }
  return found.etag;
}

export function clusterNotFound(clusterId: string): Error {
  return new Error(
    `no Cloud Connected cluster ${JSON.stringify(clusterId)} exists (Elastic Cloud answered 404). Check clusterId, and that ` +
      "elastic:cloudApiKey (or EC_API_KEY) belongs to the organization the cluster is connected to",
  );
}

/**
 * The 412 explained: what happened, that nothing was rotated, and both ways forward. It says "another rotation"
 * although only a rotation is known to change the ETag: any change is someone else's, and the advice is the same.
 */
export function rotationConflict(target: KeyTarget): Error {
  // A service key's 412 may come from a rotation of any key of the cluster: its ETag is one for all of them.
  const other = target.service === undefined ? "another rotation of this cluster's key" : `another change of this cluster (a rotation of ${keyName(target)} or of another of its keys)`;
  return new Error(
    `conflict: ${other} happened concurrently. Elastic Cloud answered 412 Precondition ` +
      "Failed: the cluster's ETag changed between this run reading it and rotating (If-Match was stale), so someone else " +
      "(another Pulumi stack, a person or a script) changed the cluster in between. Nothing was rotated by this run and " +
      "it was not retried; this resource's state is unchanged (a key it holds may now be only pending, valid for 7 days). " +
      "Two stacks must not manage the same cluster: each rotation takes the key away from the other. Find out who else " +
      "rotates this cluster and leave one owner. If this stack is the owner, run `pulumi up` again: it reads the new ETag " +
      "and rotates, and the key the other writer holds becomes pending (revoked at once with revokePreviousKey)",
  );
}

function isPreconditionFailed(err: unknown): boolean {
  return isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 412;
}

/**
 * Says what an unknown rotation outcome means for the user. The sdk's message (method, URL, what failed) carries no
 * key material; the lost key, if any, was only ever in the response that never arrived.
 */
function outcomeUnknown(err: Error, target: KeyTarget): Error {
  return new RotationOutcomeUnknown(
    `${err.message} The rotation was NOT retried (rotating is not idempotent). If it did happen, its new key was ` +
      `lost and the key ${target.service === undefined ? "this cluster" : `the ${target.service} service of this cluster`} used before is now pending: it stops working within 7 days. ` +
      "Run `pulumi up` again to rotate to a key that Pulumi holds (with revokePreviousKey, that also revokes the lost one)",
  );
}

/**
 * A rotation was sent and its answer lost: it may have happened. Create and update record that in the state
 * (`rotationOutcomeUnknown`, see lostRotation.ts) instead of failing as if nothing had been tried.
 */
export class RotationOutcomeUnknown extends Error {
  override readonly name = "RotationOutcomeUnknown";
}
