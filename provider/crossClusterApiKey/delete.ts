import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Invalidates the key. Missing or already invalidated keys are success (Elasticsearch answers 200 with empty
 * lists); a 200 carrying error_details is not, and the sdk raises it as an error.
 */
export async function remove(id: string, props: CrossClusterApiKeyOutputs): Promise<void> {
  try {
    await elasticsearchClient(props.connection).invalidateApiKeys([id]);
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props.name), operation: "delete (invalidate)" });
  }
}
