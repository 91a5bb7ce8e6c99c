import { withoutUndefined } from "../json";
import { elasticsearchClient } from "../clients";
import type { BindingOutputs } from "./outputs";
import type { BindingInputs } from "./schema";
import { verifyTargets } from "./verify";

/**
 * Create and update: verify what the binding points at, then one `PUT _connector/{id}/_api_key_id`. `noop` and
 * `updated` are both success. Elasticsearch ignores `null`, so a secret id that is no longer declared is cleared
 * by writing `""` — only when this binding had set one (`olds`), so a self-managed connector is never touched.
 */
export async function bind(inputs: BindingInputs, olds?: BindingOutputs): Promise<BindingOutputs> {
  const client = elasticsearchClient(inputs.connection);
  await verifyTargets(client, inputs);
  const clearSecret = inputs.apiKeySecretId === undefined && olds?.apiKeySecretId !== undefined;
  await client.updateConnectorApiKeyId(
    inputs.connectorId,
    withoutUndefined({ api_key_id: inputs.apiKeyId, api_key_secret_id: clearSecret ? "" : inputs.apiKeySecretId }),
  );
  return withoutUndefined({
    connectorId: inputs.connectorId,
    apiKeyId: inputs.apiKeyId,
    apiKeySecretId: inputs.apiKeySecretId,
    connection: inputs.connection,
  });
}
