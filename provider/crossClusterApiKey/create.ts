import type * as pulumi from "@pulumi/pulumi";
import type { ElasticsearchClient } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { now } from "../clock";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { CREATE_TOKEN_METADATA_KEY, createdKeyOutputs, createMarked } from "../createMarked";
import { parseInputs } from "../inputs";
import { type CrossClusterApiKeyOutputs, subjectOf } from "./outputs";
import { type CrossClusterApiKeyInputs, crossClusterApiKeyInputsSchema, normalizeAccess, toApiAccess } from "./schema";

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(crossClusterApiKeyInputsSchema, news);
    const client = elasticsearchClient(inputs.connection);
    return inputs.adoptKeyId ? await adopt(client, inputs, inputs.adoptKeyId) : await createNew(client, inputs);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create" });
  }
}

/** A new key, guarded against duplicates when the create response is lost (see ../createMarked.ts). */
async function createNew(client: ElasticsearchClient, inputs: CrossClusterApiKeyInputs) {
  const access = normalizeAccess(inputs.access);
  const metadata = inputs.metadata ?? {};
  const { created, createToken } = await createMarked(client, inputs.name, (token) =>
    client.createCrossClusterApiKey(
      withoutUndefined({
        name: inputs.name,
        access: toApiAccess(access),
        expiration: inputs.expiration,
        metadata: { ...metadata, [CREATE_TOKEN_METADATA_KEY]: token },
      }),
    ),
  );
  const outs: CrossClusterApiKeyOutputs = withoutUndefined({
    ...createdKeyOutputs(created, createToken, inputs.expiration),
    access,
    metadata,
    rotateAfter: inputs.rotateAfter,
    connection: inputs.connection,
  });
  return { id: created.id, outs };
}

/**
 * Takes over an existing cross-cluster key instead of creating one (Pulumi's `import` does not work for dynamic
 * resources). Its secret cannot be recovered, so `apiKey`/`encoded` stay absent rather than invented.
 */
async function adopt(client: ElasticsearchClient, inputs: CrossClusterApiKeyInputs, keyId: string) {
  const existing = await client.getApiKey(keyId);
  const where = `adoptKeyId ${JSON.stringify(keyId)}`;
  if (!existing) throw new Error(`${where}: no API key with this id exists (check the id with GET /_security/api_key?id=…)`);
  if (existing.type !== "cross_cluster") {
    throw new Error(`${where} is an API key of type [${existing.type}]; only cross-cluster API keys can be adopted`);
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
  await client.updateCrossClusterApiKey(keyId, withoutUndefined({ access: toApiAccess(access), metadata, expiration: inputs.expiration }));
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
    adoptKeyId: keyId,
    connection: inputs.connection,
  });
  return { id: keyId, outs };
}
