import type * as pulumi from "@pulumi/pulumi";
import { elasticsearchClient } from "../clients";
import { userMetadata } from "../createMarked";
import { explainFailure } from "../errors";
import { canonicalJson, withoutUndefined } from "../json";
import { readOwnedKey } from "../ownedKey";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";
import { accessAsWritten, normalizeAccess } from "./schema";

/**
 * Refresh. A key that is missing, invalidated or expired is reported gone (empty id) so the engine drops it and
 * the next `up` creates a new one — unless the connection now reaches another cluster than the key's, which is an
 * error (the key is not gone, it is elsewhere). Keys an interrupted create of this resource left live are
 * invalidated. Out-of-band changes to access, metadata or certificateIdentity come back in the outputs and in the
 * returned inputs, so the next preview shows them as drift to be corrected; without drift the inputs are left as the
 * program wrote them, so a later preview shows only what the program changes. Key material cannot be read back and
 * is kept.
 */
export async function read(id: string, props: CrossClusterApiKeyOutputs): Promise<pulumi.dynamic.ReadResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(props.name);
  try {
    const client = elasticsearchClient(props.connection);
    const key = await readOwnedKey(client, id, props, subject);
    if (!key) return { id: "" };
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
      certificateIdentity: key.certificate_identity ?? undefined,
    });
    const drifted =
      key.name !== props.name ||
      canonicalJson(access) !== canonicalJson(props.access) ||
      canonicalJson(metadata) !== canonicalJson(props.metadata ?? {}) ||
      outs.certificateIdentity !== props.certificateIdentity;
    if (!drifted) return { id, props: outs };
    const inputs = withoutUndefined({
      name: key.name,
      access: accessAsWritten(access),
      metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
      expiration: props.expirationDuration,
      rotateAfter: props.rotateAfter,
      triggers: props.triggers,
      adoptKeyId: props.adoptKeyId,
      certificateIdentity: outs.certificateIdentity,
      connection: props.connection,
      owner: props.owner,
    });
    return { id, props: outs, inputs: inputs as unknown as CrossClusterApiKeyOutputs };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "refresh" });
  }
}
