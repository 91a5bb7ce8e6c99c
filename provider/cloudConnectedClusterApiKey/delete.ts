import { ErrorCodes, isElasticError } from "../../sdk";
import { cloudClient } from "../clients";
import { explainFailure } from "../errors";
import { flag, subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { revokePending } from "./target";

/**
 * By default nothing is called: Elastic Cloud has no way to revoke a cluster's (or a service's) current key, so the key in state
 * keeps working after the resource is deleted. With `revokeOnDelete`, the pending (previously rotated) keys are
 * revoked (of this resource's key only). A cluster that is already gone (404, confirmed by a read) counts as done.
 */
export async function remove(_id: string, props: CloudConnectedClusterApiKeyOutputs): Promise<void> {
  if (flag(props, "revokeOnDelete") !== true) return;
  const client = cloudClient(props.connection);
  const { clusterId } = props;
  try {
    await revokePending(client, props);
  } catch (err) {
    // Done when the cluster is gone — if a read agrees; a stray 404 must not skip the revocation that was asked for.
    if (isElasticError(err, ErrorCodes.CLOUD_API) && err.status === 404 && (await client.getCluster(clusterId).catch(() => "unknown")) === undefined) return;
    throw explainFailure(err, { subject: subjectOf(clusterId, props.service), operation: "delete (revoke pending keys)" });
  }
}
