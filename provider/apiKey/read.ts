import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { now } from "../clock";
import { userMetadata } from "../createMarked";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { type ApiKeyOutputs, subjectOf } from "./outputs";

/**
 * Refresh. A key that is missing, invalidated or expired is gone (empty id): the next `up` creates a new one.
 * Metadata changed out of band comes back as drift (and so as a replacement). Role descriptors are kept as
 * declared: Elasticsearch returns them expanded with defaults, and they cannot change without an update call the
 * provider never makes. Key material cannot be read back and is kept from the previous state, as is `creation`
 * (the provider's record: the create response carries none), so a refresh shows no spurious drift.
 */
export async function read(id: string, props: ApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<ApiKeyOutputs>> {
  try {
    const key = await elasticsearchClient(props.connection).getApiKey(id);
    if (!key || key.invalidated || (key.expiration !== undefined && key.expiration <= now())) return { id: "" };
    if (key.type !== "rest") throw new Error(`API key ${JSON.stringify(id)} is of type [${key.type}], not a REST API key`);
    const metadata = userMetadata(key.metadata);
    const outs: ApiKeyOutputs = withoutUndefined({
      ...props,
      name: key.name,
      metadata,
      expiration: key.expiration !== undefined ? new Date(key.expiration).toISOString() : undefined,
    });
    const inputs = withoutUndefined({
      name: key.name,
      roleDescriptors: props.roleDescriptors,
      expiration: props.expirationDuration,
      metadata,
      connection: props.connection,
    });
    return { id, props: outs, inputs: inputs as unknown as ApiKeyOutputs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props.name), operation: "refresh" });
  }
}
