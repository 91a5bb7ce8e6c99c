import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { invalidateOwnedKey } from "../ownedKey";
import { type ApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Invalidates the key, and any key an interrupted create of this resource left live. Missing or already
 * invalidated keys are success (Elasticsearch answers 200, empty lists) — on the key's own cluster (see
 * ../clusterIdentity.ts).
 */
export async function remove(id: string, props: ApiKeyOutputs): Promise<void> {
  const subject = subjectOf(props.name);
  try {
    await invalidateOwnedKey(elasticsearchClient(props.connection), id, props, subject);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "delete (invalidate)" });
  }
}
