import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { type BindingOutputs, subjectOf } from "./outputs";

/**
 * Refresh: `GET _connector/{id}`. A missing (404 twice in a row) or deleted connector is gone (empty id), so the engine drops the
 * binding. Otherwise the connector's current key ids become the outputs and the inputs: a connector bound to
 * another key (or unbound, `""`) out of band then shows as drift, and the next `up` binds the declared key again.
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
      // "" is how an unbound secret id is stored; it means none.
      apiKeySecretId: connector.api_key_secret_id || undefined,
      connection: props.connection,
    });
    return { id, props: { ...current, __provider: props.__provider }, inputs: current };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "refresh" });
  }
}
