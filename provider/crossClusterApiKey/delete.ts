import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { invalidateOwnedKey } from "../ownedKey";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Invalidates the key, and any key an interrupted create of this resource left live. Missing or already
 * invalidated keys are success (Elasticsearch answers 200 with empty lists) — on the cluster the key lives on: when
 * nothing was invalidated and the connection reaches another cluster, nothing is reported done. A 200 carrying
 * error_details is not success either; the sdk raises it as an error.
 */
export async function remove(id: string, props: CrossClusterApiKeyOutputs): Promise<void> {
  const subject = subjectOf(props.name);
  try {
    await invalidateOwnedKey(elasticsearchClient(props.connection), id, props, subject);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "delete (invalidate)" });
  }
}
