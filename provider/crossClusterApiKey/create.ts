import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { type ElasticsearchClient, ErrorCodes, isElasticError } from "../../sdk";
import { elasticsearchClient } from "../clients";
import { now } from "../clock";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { parseInputs, subjectOf } from "./inputs";
import { CREATE_TOKEN_METADATA_KEY, type CrossClusterApiKeyOutputs } from "./outputs";
import { type CrossClusterApiKeyInputs, normalizeAccess, toApiAccess } from "./schema";

/** Attempts when the outcome of a create is unknown; each retry first retires what the lost attempt may have made. */
const MAX_CREATE_ATTEMPTS = 3;

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CrossClusterApiKeyOutputs>> {
  const subject = subjectOf(news.name);
  try {
    const inputs = parseInputs(news);
    const client = elasticsearchClient(inputs.connection);
    return inputs.adoptKeyId ? await adopt(client, inputs, inputs.adoptKeyId) : await createNew(client, inputs);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create" });
  }
}

async function createNew(client: ElasticsearchClient, inputs: CrossClusterApiKeyInputs) {
  const access = normalizeAccess(inputs.access);
  const metadata = inputs.metadata ?? {};
  for (let attempt = 1; ; attempt++) {
    // A fresh marker per attempt: finding it later proves which attempt a stray key came from.
    const createToken = randomUUID();
    try {
      const created = await client.createCrossClusterApiKey(
        withoutUndefined({
          name: inputs.name,
          access: toApiAccess(access),
          expiration: inputs.expiration,
          metadata: { ...metadata, [CREATE_TOKEN_METADATA_KEY]: createToken },
        }),
      );
      const outs: CrossClusterApiKeyOutputs = withoutUndefined({
        keyId: created.id,
        name: created.name,
        apiKey: created.api_key,
        encoded: created.encoded,
        creation: new Date(now()).toISOString(),
        expiration: created.expiration !== undefined ? new Date(created.expiration).toISOString() : undefined,
        expirationDuration: inputs.expiration,
        access,
        metadata,
        rotateAfter: inputs.rotateAfter,
        connection: inputs.connection,
        createToken,
      });
      return { id: created.id, outs };
    } catch (err) {
      if (!isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw err;
      await retireLostAttempt(client, inputs.name, createToken);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw err;
    }
  }
}

/**
 * The create request may have succeeded even though its response was lost. Such a key can never be used (its
 * secret was only in that response), so it is found by its marker and invalidated before trying again — never
 * leaving a live duplicate behind. If even that cannot be checked, the error says exactly what to look for.
 */
async function retireLostAttempt(client: ElasticsearchClient, name: string, createToken: string): Promise<void> {
  try {
    const strays = (await client.getApiKeysByName(name)).filter(
      (key) => key.metadata?.[CREATE_TOKEN_METADATA_KEY] === createToken && !key.invalidated,
    );
    if (strays.length > 0) await client.invalidateApiKeys(strays.map((key) => key.id));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `the create request's outcome is unknown and checking for a key it may have created failed (${detail}). ` +
        `Look for an API key named ${JSON.stringify(name)} with metadata ${CREATE_TOKEN_METADATA_KEY}=${createToken} and invalidate it, then run \`pulumi up\` again`,
    );
  }
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
