import { randomUUID } from "node:crypto";
import { type CreateApiKeyResponse, type ElasticsearchClient, ErrorCodes, isElasticError } from "../sdk";
import { now } from "./clock";

/**
 * Metadata key the provider adds to every API key it creates (one key for every kind, so `userMetadata` hides it
 * everywhere). No leading underscore: Elasticsearch reserves those.
 */
export const CREATE_TOKEN_METADATA_KEY = "pulumi_elastic_keys_create_token";

/** The metadata users declared: the provider's marker stripped. */
export function userMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const { [CREATE_TOKEN_METADATA_KEY]: _marker, ...rest } = metadata ?? {};
  return rest;
}

/** Attempts when the outcome of a create is unknown; each retry first retires what the lost attempt may have made. */
const MAX_CREATE_ATTEMPTS = 3;

/**
 * Runs a non-idempotent key creation (`attempt`, which must write `createToken` into the key's metadata under
 * {@link CREATE_TOKEN_METADATA_KEY}) and retries it only when its outcome is unknown — after finding the key the
 * lost attempt may have made by its marker and invalidating it. Such a key is useless (its secret was only in the
 * lost response), so this never leaves a live duplicate.
 */
export async function createMarked<T>(
  client: ElasticsearchClient,
  name: string,
  attempt: (createToken: string) => Promise<T>,
): Promise<{ created: T; createToken: string }> {
  for (let n = 1; ; n++) {
    // A fresh marker per attempt: finding it later proves which attempt a stray key came from.
    const createToken = randomUUID();
    try {
      return { created: await attempt(createToken), createToken };
    } catch (err) {
      if (!isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw err;
      await retireLostAttempt(client, name, createToken);
      if (n >= MAX_CREATE_ATTEMPTS) throw err;
    }
  }
}

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
 * The outputs every key created through {@link createMarked} starts with. `creation` is the provider's clock (what
 * `rotateAfter` counts from); `expiration` is the server's, as an ISO timestamp.
 */
export function createdKeyOutputs(created: CreateApiKeyResponse, createToken: string, expirationDuration: string | undefined) {
  return {
    keyId: created.id,
    name: created.name,
    apiKey: created.api_key,
    encoded: created.encoded,
    creation: new Date(now()).toISOString(),
    expiration: created.expiration !== undefined ? new Date(created.expiration).toISOString() : undefined,
    expirationDuration,
    createToken,
  };
}
