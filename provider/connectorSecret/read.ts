import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { type ConnectorSecretOutputs, subjectOf } from "./outputs";

/**
 * Refresh. A missing secret is gone (empty id). A value rewritten out of band comes back (as a secret output) so
 * the next `up` shows the drift and stores the declared value again.
 */
export async function read(id: string, props: ConnectorSecretOutputs): Promise<pulumi.dynamic.ReadResult<ConnectorSecretOutputs>> {
  try {
    const secret = await elasticsearchClient(props.connection).getConnectorSecret(id);
    if (!secret) return { id: "" };
    const outs = withoutUndefined({ ...props, secretId: id, value: secret.value });
    return { id, props: outs, inputs: withoutUndefined({ value: secret.value, connection: props.connection }) as ConnectorSecretOutputs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(id), operation: "refresh" });
  }
}
