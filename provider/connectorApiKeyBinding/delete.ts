import { ErrorCodes, isElasticError } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { claimedByAnother } from "./claims";
import { type BindingOutputs, subjectOf } from "./outputs";

/**
 * Unbinds by writing `""` (Elasticsearch ignores `null`). A connector that is gone is success. A connector bound
 * to another key since the last refresh is left alone: that binding is not this resource's to clear, and so is a
 * connector another binding of this deployment claims (a rename or a move, see claims.ts). The secret id is cleared
 * only when this binding had set it. (`retainOnDelete` is the engine's business: Delete is not
 * called at all then.)
 */
export async function remove(id: string, props: BindingOutputs): Promise<void> {
  try {
    if (claimedByAnother(id, props.connection)) {
      // Renamed or moved: the binding under its new name holds the connector now (claims.ts). Said on the host's
      // stderr, which the CLI shows as a diagnostic.
      console.error(
        `${subjectOf(id)}: not unbound — another ConnectorApiKeyBinding of this deployment now manages this connector ` +
          "(a renamed or moved binding), so the connector stays bound as that one declares",
      );
      return;
    }
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
