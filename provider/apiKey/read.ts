import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { userMetadata } from "../createMarked";
import { explainFailure } from "../errors";
import { canonicalJson, withoutUndefined } from "../json";
import { readOwnedKey } from "../ownedKey";
import { type ApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Refresh. A key that is missing, invalidated or expired is gone (empty id): the next `up` creates a new one —
 * unless the connection reaches another cluster than the key's, which is an error. Keys an interrupted create of
 * this resource left live are invalidated. Metadata changed out of band comes back as drift (and so as a
 * replacement). Role descriptors are kept as declared: Elasticsearch returns them expanded with defaults, and they
 * cannot change without an update call the provider never makes. Key material cannot be read back and is kept from
 * the previous state, as is `creation` (the provider's record: the create response carries none).
 */
export async function read(id: string, props: ApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<ApiKeyOutputs>> {
  const subject = subjectOf(props.name);
  try {
    const client = elasticsearchClient(props.connection);
    const key = await readOwnedKey(client, id, props, subject);
    if (!key) return { id: "" };
    if (key.type !== "rest") throw new Error(`API key ${JSON.stringify(id)} is of type [${key.type}], not a REST API key`);
    const metadata = userMetadata(key.metadata);
    const outs: ApiKeyOutputs = withoutUndefined({
      ...props,
      name: key.name,
      metadata,
      expiration: key.expiration !== undefined ? new Date(key.expiration).toISOString() : undefined,
    });
    // Without drift the inputs stay as the program wrote them, so a later preview shows only what it changes.
    if (key.name === props.name && canonicalJson(metadata) === canonicalJson(props.metadata ?? {})) return { id, props: outs };
    const inputs = withoutUndefined({
      name: key.name,
      roleDescriptors: props.roleDescriptors,
      expiration: props.expirationDuration,
      metadata,
      connection: props.connection,
      owner: props.owner,
    });
    return { id, props: outs, inputs: inputs as unknown as ApiKeyOutputs };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "refresh" });
  }
}
