import { type CloudClient, ErrorCodes, isElasticError } from "../../sdk";

/** One retry after a 412: enough to survive a concurrent change, bounded so two writers cannot loop forever. */
const MAX_ETAG_ATTEMPTS = 2;

/**
 * Rotates the cluster's API key and returns the new key (a secret: never log, throw or print it).
 *
 * With `useEtag`, the rotation is conditional: the cluster's ETag is read first and sent as `If-Match`, so a
 * rotation that someone else made in between is not silently stacked on top of. A 412 means nothing was rotated,
 * so it is safe to read the ETag again and retry once; a second 412 is reported. Rotation is not idempotent: an
 * unknown outcome is never retried (see {@link outcomeUnknown}).
 */
export async function rotateKey(client: CloudClient, clusterId: string, useEtag: boolean): Promise<string> {
  if (!useEtag) return (await send(client, clusterId, undefined)).key;
  for (let attempt = 1; ; attempt++) {
    const etag = await currentEtag(client, clusterId);
    try {
      return (await send(client, clusterId, etag)).key;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
      if (attempt >= MAX_ETAG_ATTEMPTS) {
        throw new Error(
          `the cluster changed while its key was being rotated: Elastic Cloud answered 412 Precondition Failed to ${MAX_ETAG_ATTEMPTS} ` +
            "rotations in a row (the If-Match ETag was stale each time). Someone else is changing or rotating this cluster's key; " +
            "nothing was rotated by this run (any key already in state is unchanged). Run `pulumi up` again once they are done",
        );
      }
    }
  }
}

async function send(client: CloudClient, clusterId: string, etag: string | undefined) {
  try {
    return await client.rotateClusterApiKey(clusterId, etag === undefined ? {} : { ifMatch: etag });
  } catch (err) {
    if (isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw outcomeUnknown(err);
    if (isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 404) throw clusterNotFound(clusterId);
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

function isPreconditionFailed(err: unknown): boolean {
  return isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 412;
}

/**
 * Says what an unknown rotation outcome means for the user. The sdk's message (method, URL, what failed) carries no
 * key material; the lost key, if any, was only ever in the response that never arrived.
 */
function outcomeUnknown(err: Error): Error {
  return new Error(
    `${err.message} The rotation was NOT retried (rotating is not idempotent). If it did happen, its new key was ` +
      "lost and the key this cluster used before is now pending: it stops working within 7 days. " +
      "Run `pulumi up` again to rotate to a key that Pulumi holds (with revokePreviousKey, that also revokes the lost one)",
  );
}
