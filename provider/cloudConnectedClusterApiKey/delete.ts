import { ErrorCodes, isElasticError } from "../../sdk";
import { cloudClient } from "../clients";
import { explainFailure } from "../errors";
import { flag, subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";

/**
 * By default nothing is called: Elastic Cloud has no way to revoke a cluster's current key, so the key in state
 * keeps working after the resource is deleted. With `revokeOnDelete`, the pending (previously rotated) keys are
 * revoked. A cluster that is already gone (404, confirmed by a read) counts as done.
 */
export async function remove(id: string, props: CloudConnectedClusterApiKeyOutputs): Promise<void> {
  if (flag(props, "revokeOnDelete") !== true) return;
  const client = cloudClient(props.connection);
  try {
    await client.revokePendingClusterApiKeys(id);
  } catch (err) {
    // Done when the cluster is gone — if a read agrees; a stray 404 must not skip the revocation that was asked for.
    if (isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 404 && (await client.getCluster(id).catch(() => "unknown")) === undefined) return;
    throw explainFailure(err, { subject: subjectOf(id), operation: "delete (revoke pending keys)" });
  }
}
