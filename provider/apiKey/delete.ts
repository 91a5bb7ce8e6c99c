import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { type ApiKeyOutputs, subjectOf } from "./outputs";

/** Invalidates the key. Missing or already invalidated keys are success (Elasticsearch answers 200, empty lists). */
export async function remove(id: string, props: ApiKeyOutputs): Promise<void> {
  try {
    await elasticsearchClient(props.connection).invalidateApiKeys([id]);
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props.name), operation: "delete (invalidate)" });
  }
}
