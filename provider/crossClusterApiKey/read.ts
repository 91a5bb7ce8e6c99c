import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { now } from "../clock";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { userMetadata } from "../createMarked";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";
import { normalizeAccess } from "./schema";

/**
 * Refresh. A key that is missing, invalidated or expired is reported gone (empty id) so the engine drops it and
 * the next `up` creates a new one. Out-of-band changes to access or metadata come back in both the outputs and
 * the returned inputs, so the next preview shows them as drift to be corrected. Key material cannot be read back
 * and is kept from the previous state.
 */
export async function read(id: string, props: CrossClusterApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(props.name);
  try {
    const client = elasticsearchClient(props.connection);
    const key = await client.getApiKey(id);
    if (!key || key.invalidated || (key.expiration !== undefined && key.expiration <= now())) return { id: "" };
    if (key.type !== "cross_cluster") {
      throw new Error(`API key ${JSON.stringify(id)} is of type [${key.type}], not a cross-cluster API key`);
    }
    const access = normalizeAccess(key.access ?? {});
    const metadata = userMetadata(key.metadata);
    const outs: CrossClusterApiKeyOutputs = withoutUndefined({
      ...props,
      name: key.name,
      access,
      metadata,
      // The creation time recorded at create is kept: it is what rotateAfter counts from, and re-reading the
      // server's (a few milliseconds apart) would report drift on every refresh.
      creation: props.creation ?? new Date(key.creation).toISOString(),
      expiration: key.expiration !== undefined ? new Date(key.expiration).toISOString() : undefined,
    });
    const inputs = withoutUndefined({
      name: key.name,
      access,
      metadata,
      expiration: props.expirationDuration,
      rotateAfter: props.rotateAfter,
      adoptKeyId: props.adoptKeyId,
      connection: props.connection,
    });
    return { id, props: outs, inputs: inputs as unknown as CrossClusterApiKeyOutputs };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "refresh" });
  }
}
