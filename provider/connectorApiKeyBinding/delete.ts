import { ErrorCodes, isElasticError } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { type BindingOutputs, subjectOf } from "./outputs";

/**
 * Unbinds by writing `""` (Elasticsearch ignores `null`). A connector that is gone is success. A connector bound
 * to another key since the last refresh is left alone: that binding is not this resource's to clear. The secret
 * id is cleared only when this binding had set it. (`retainOnDelete` is the engine's business: Delete is not
 * called at all then.)
 */
export async function remove(id: string, props: BindingOutputs): Promise<void> {
  try {
    const client = elasticsearchClient(props.connection);
    const connector = (await client.getConnector(id)) ?? (await client.getConnector(id)); // gone once two reads agree
    if (!connector || connector.deleted === true || connector.api_key_id !== props.apiKeyId) return;
    await client.updateConnectorApiKeyId(
      id,
      withoutUndefined({ api_key_id: "", api_key_secret_id: props.apiKeySecretId !== undefined ? "" : undefined }),
    );
  } catch (err) {
    // A 404 on the PUT means the connector was deleted since the GET — if a new GET agrees. Otherwise the binding
    // is still there, and reporting success would leave it behind while the state forgets it.
    if (isElasticError(err, ErrorCodes.ES_API) && err.status === 404 && !(await connectorStillExists(id, props))) return;
    throw explainFailure(err, { subject: subjectOf(id), operation: "delete (unbind)" });
  }
}

async function connectorStillExists(id: string, props: BindingOutputs): Promise<boolean> {
  try {
    return (await elasticsearchClient(props.connection).getConnector(id)) !== undefined;
  } catch {
    return true; // unknown: keep the binding in state rather than forget one that may still be there
  }
}
