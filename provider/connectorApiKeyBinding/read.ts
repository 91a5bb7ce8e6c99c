import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { type BindingOutputs, subjectOf } from "./outputs";

/**
 * Refresh: `GET _connector/{id}`. A connector Elasticsearch says is missing (404 twice in a row) or deleted is gone
 * (empty id), so the engine drops the binding. Otherwise the connector's current key ids become the outputs and the
 * inputs: a connector bound to another key (or unbound, `""`) out of band then shows as drift, and the next `up`
 * binds the declared key again. `apiKeySecretId` is read only when the binding declares it.
 */
export async function read(id: string, props: BindingOutputs): Promise<pulumi.dynamic.ReadResult<BindingOutputs>> {
  try {
    const client = elasticsearchClient(props.connection);
    // Gone only when a second read agrees: one stray 404 (a proxy, a node restarting) must not drop a binding.
    const connector = (await client.getConnector(id)) ?? (await client.getConnector(id));
    if (!connector || connector.deleted === true) return { id: "" };
    const current = withoutUndefined({
      connectorId: id,
      apiKeyId: connector.api_key_id ?? "",
      // Only a secret id this binding declares is its business: one it leaves alone is never read into the state,
      // so it can neither show as drift nor be "restored" (cleared) by the next up. A declared one that is gone
      // from the connector reads as "" (none): drift, and the next up writes it again.
      apiKeySecretId: props.apiKeySecretId === undefined ? undefined : connector.api_key_secret_id ?? "",
      connection: props.connection,
    });
    return { id, props: { ...current, __provider: props.__provider }, inputs: current };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "refresh" });
  }
}
