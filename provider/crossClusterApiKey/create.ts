import type * as pulumi from "@pulumi/pulumi";
import type { ElasticsearchClient } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { now } from "../clock";
import { clusterUuidToRecord } from "../clusterIdentity";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { CREATE_TOKEN_METADATA_KEY, MARKER_METADATA_PREFIX, OWNER_METADATA_KEY, createdKeyOutputs, createMarked, markerOf, ownedMetadata, ownerOrFresh } from "../createMarked";
import { parseInputs } from "../inputs";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";
import { type CrossClusterApiKeyInputs, crossClusterApiKeyInputsSchema, normalizeAccess, toApiAccess } from "./schema";
import { certificateIdentityUpdate, olderClusterError } from "./certificateIdentity";

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(crossClusterApiKeyInputsSchema, news);
    const client = elasticsearchClient(inputs.connection);
    const owner = ownerOrFresh(inputs.owner);
    if (inputs.adoptKeyId && !(await hadKeys(client, owner, inputs.adoptKeyId))) return await adopt(client, inputs, inputs.adoptKeyId, owner);
    return await createNew(client, inputs, owner, subject);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create" });
  }
}

/**
 * Whether this resource has a key already — the key it adopted or created carries its owner marker. Then this
 * create is a replacement (rotation, rename, expiry…), and `adoptKeyId`, which applies only to the first create,
 * must not take the old key over again: a new key is created and the old one is invalidated after it. Keys left
 * invalidated by an earlier life of the resource (a destroy) do not count — else a later `adoptKeyId` would be
 * silently ignored — except the adopted key itself, which a delete-before-replace invalidates before this create.
 */
async function hadKeys(client: ElasticsearchClient, owner: string, adoptKeyId: string): Promise<boolean> {
  const { api_keys } = await client.queryApiKeys({ query: { term: { [`metadata.${OWNER_METADATA_KEY}`]: owner } }, size: 1000 });
  // Keys still carrying a create token never reached the state (an interrupted create): they do not count.
  return api_keys.some(
    (key) =>
      key.metadata?.[OWNER_METADATA_KEY] === owner &&
      key.metadata?.[CREATE_TOKEN_METADATA_KEY] === undefined &&
      (!key.invalidated || key.id === adoptKeyId),
  );
}

/** A new key, guarded against live keys without a secret when a create is lost (see ../createMarked.ts). */
async function createNew(client: ElasticsearchClient, inputs: CrossClusterApiKeyInputs, owner: string, subject: string) {
  const access = normalizeAccess(inputs.access);
  const metadata = inputs.metadata ?? {};
  const clusterUuid = await clusterUuidToRecord(client);
  const created = await createMarked({
    client,
    owner,
    subject,
    metadata,
    attempt: (marked) =>
      client.createCrossClusterApiKey(
        withoutUndefined({
          name: inputs.name,
          access: toApiAccess(access),
          expiration: inputs.expiration,
          metadata: marked,
          certificate_identity: inputs.certificateIdentity,
        }),
      ),
    confirm: (id, marked) => client.updateCrossClusterApiKey(id, { metadata: marked }),
  }).catch(async (err: unknown) => {
    // The create itself was refused: no key exists, and a key this resource already has is untouched.
    throw (await olderClusterError(err, client, "No key was created, and no existing key was changed.")) ?? err;
  });
  const outs: CrossClusterApiKeyOutputs = withoutUndefined({
    ...createdKeyOutputs(created, inputs.expiration),
    access,
    metadata,
    rotateAfter: inputs.rotateAfter,
    triggers: inputs.triggers,
    certificateIdentity: inputs.certificateIdentity,
    // Kept, so that the diff does not see a new adoptKeyId: the adopted key was this resource's first key.
    adoptKeyId: inputs.adoptKeyId,
    connection: inputs.connection,
    owner,
    clusterUuid,
  });
  return { id: created.id, outs };
}

/**
 * Takes over an existing cross-cluster key instead of creating one (Pulumi's `import` does not work for dynamic
 * resources). Its secret cannot be recovered, so `apiKey`/`encoded` stay absent rather than invented. A key that
 * another resource (of this or another stack) manages is refused: the two would undo each other's changes, and
 * either one's destroy would invalidate the key the other serves.
 */
async function adopt(client: ElasticsearchClient, inputs: CrossClusterApiKeyInputs, keyId: string, owner: string) {
  const existing = await client.getApiKey(keyId);
  const where = `adoptKeyId ${JSON.stringify(keyId)}`;
  if (!existing) throw new Error(`${where}: no API key with this id exists on this cluster (check the id with GET /_security/api_key?id=…; if the resource moved to another cluster, remove adoptKeyId and a new key is created there)`);
  if (existing.type !== "cross_cluster") {
    throw new Error(`${where} is an API key of type [${existing.type}]; only cross-cluster API keys can be adopted`);
  }
  const marker = markerOf(existing);
  if (marker !== undefined) {
    throw new Error(
      `${where} is managed by another Pulumi resource: its metadata says ${marker.includes("=") ? marker : `${OWNER_METADATA_KEY}=${marker}`}. ` +
        "Nothing was changed. To move the key here, first release it there: give that resource the retainOnDelete option and " +
        `remove it from its program (\`pulumi up\`), then delete the ${MARKER_METADATA_PREFIX}* keys from the key's metadata ` +
        `(PUT /_security/cross_cluster/api_key/${keyId} with the remaining metadata), then run \`pulumi up\` here again`,
    );
  }
  if (existing.invalidated) throw new Error(`${where} has been invalidated and cannot be adopted; remove adoptKeyId to create a new key`);
  if (existing.expiration !== undefined && existing.expiration <= now()) {
    throw new Error(`${where} has expired and cannot be adopted; remove adoptKeyId to create a new key`);
  }
  if (existing.name !== inputs.name) {
    throw new Error(`${where} is named ${JSON.stringify(existing.name)}, but name is ${JSON.stringify(inputs.name)}: keys cannot be renamed, so set name to ${JSON.stringify(existing.name)}`);
  }
  const access = normalizeAccess(inputs.access);
  const metadata = inputs.metadata ?? {};
  const clusterUuid = await clusterUuidToRecord(client);
  await client
    .updateCrossClusterApiKey(
      keyId,
      withoutUndefined({
        access: toApiAccess(access),
        metadata: ownedMetadata(metadata, owner),
        expiration: inputs.expiration,
        // The adopted key ends up with the declared pattern, or none: null is sent only to clear one it has.
        ...certificateIdentityUpdate(inputs.certificateIdentity, existing.certificate_identity ?? undefined),
      }),
    )
    .catch(async (err: unknown) => {
      throw (await olderClusterError(err, client, "The key was not adopted and nothing was changed.")) ?? err;
    });
  const adopted = (await client.getApiKey(keyId)) ?? existing;
  const outs: CrossClusterApiKeyOutputs = withoutUndefined({
    keyId,
    name: existing.name,
    creation: new Date(existing.creation).toISOString(),
    expiration: adopted.expiration !== undefined ? new Date(adopted.expiration).toISOString() : undefined,
    expirationDuration: inputs.expiration,
    access,
    metadata,
    rotateAfter: inputs.rotateAfter,
    triggers: inputs.triggers,
    certificateIdentity: inputs.certificateIdentity,
    adoptKeyId: keyId,
    connection: inputs.connection,
    owner,
    clusterUuid,
  });
  return { id: keyId, outs };
}
