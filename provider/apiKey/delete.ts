import { elasticsearchClient } from "../clients";
import { ensureSameCluster } from "../clusterIdentity";
import { retireUnconfirmed } from "../createMarked";
import { explainFailure } from "../errors";
import { type ApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Invalidates the key, and any key an interrupted create of this resource left live. Missing or already
 * invalidated keys are success (Elasticsearch answers 200, empty lists) — on the key's own cluster (see
 * ../clusterIdentity.ts).
 */
export async function remove(id: string, props: ApiKeyOutputs): Promise<void> {
  const subject = subjectOf(props.name);
  try {
    const client = elasticsearchClient(props.connection);
    const result = await client.invalidateApiKeys([id]);
    if (!result.invalidated_api_keys.includes(id)) await ensureSameCluster(client, props.clusterUuid, id);
    if (props.owner !== undefined) await retireUnconfirmed(client, props.owner, subject, [id]);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "delete (invalidate)" });
  }
}
