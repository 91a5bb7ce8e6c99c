import { randomUUID } from "node:crypto";
import { type ApiKeyInfo, type CreateApiKeyResponse, type ElasticsearchClient, ErrorCodes, isElasticError } from "../sdk";
import { now } from "./clock";

/**
 * Every metadata key the provider writes starts with this; users may not declare such keys (check refuses them),
 * and `userMetadata` hides them. No leading underscore: Elasticsearch reserves those.
 */
export const MARKER_METADATA_PREFIX = "pulumi_elastic_keys_";

/**
 * Which Pulumi resource a key belongs to: the resource's URN (project, stack, type, parents and name), computed by
 * the Resource class from the resource itself and passed as the hidden `owner` input. Written on every key the
 * provider creates or adopts, so any later run of the same resource can find keys that earlier, interrupted runs
 * made — and an adoption can tell a key another stack manages.
 */
export const OWNER_METADATA_KEY = `${MARKER_METADATA_PREFIX}owner`;

/**
 * Present only while a create is unconfirmed: written with the key, removed (by an update) once the create
 * response, with the key's secret, is in the provider's hands. A key of this resource that still carries it is a
 * key whose secret was lost (an interrupted `up`, a lost or late response): it can serve nobody.
 */
export const CREATE_TOKEN_METADATA_KEY = `${MARKER_METADATA_PREFIX}create_token`;

/** The metadata users declared: the provider's markers stripped. */
export function userMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([key]) => !key.startsWith(MARKER_METADATA_PREFIX)));
}

/** A check-time problem for user metadata that uses the provider's own keys (they would drift on every refresh). */
export function reservedMetadataProblems(metadata: unknown): { property: string; reason: string }[] {
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return [];
  return Object.keys(metadata)
    .filter((key) => key.startsWith(MARKER_METADATA_PREFIX))
    .map((key) => ({
      property: `metadata.${key}`,
      reason: `metadata keys starting with ${MARKER_METADATA_PREFIX} are the provider's own markers (which resource a key belongs to); rename ${JSON.stringify(key)}`,
    }));
}

/** The metadata a confirmed key carries: the user's plus which resource it belongs to. */
export function ownedMetadata(metadata: Record<string, unknown>, owner: string): Record<string, unknown> {
  return { ...metadata, [OWNER_METADATA_KEY]: owner };
}

/** The resource a key's metadata names as its owner (or, for keys of earlier versions, that it came from one). */
export function markerOf(key: Pick<ApiKeyInfo, "metadata">): string | undefined {
  const owner = key.metadata?.[OWNER_METADATA_KEY];
  if (typeof owner === "string") return owner;
  // Keys created before owners were recorded carry only the create token of the run that made them.
  const token = key.metadata?.[CREATE_TOKEN_METADATA_KEY];
  return typeof token === "string" ? `${CREATE_TOKEN_METADATA_KEY}=${token}` : undefined;
}

/** The owner to use when the inputs carry none (state written by an earlier version): unique, so it matches nothing. */
export function ownerOrFresh(owner: string | undefined): string {
  return owner ?? `unrecorded:${randomUUID()}`;
}

/** Attempts when the outcome of a create is unknown; a retry happens only once the lost attempt's key was found. */
const MAX_CREATE_ATTEMPTS = 3;

export interface MarkedCreate {
  client: ElasticsearchClient;
  /** The resource's URN (see {@link OWNER_METADATA_KEY}). */
  owner: string;
  /** How errors and log lines name the resource, e.g. `CrossClusterApiKey "remote"`. */
  subject: string;
  /** The user's metadata, without markers. */
  metadata: Record<string, unknown>;
  /** The create call; `metadata` is the full metadata to send. */
  attempt(metadata: Record<string, unknown>): Promise<CreateApiKeyResponse>;
  /** Replaces the key's metadata (to drop the create token once the secret is in hand). */
  confirm(id: string, metadata: Record<string, unknown>): Promise<unknown>;
}

/**
 * Runs a non-idempotent key creation so that no key whose secret was lost stays live:
 * 1. keys of this resource that earlier, interrupted attempts left unconfirmed are invalidated first (and said so);
 * 2. the key is created unconfirmed (owner + a fresh create token in its metadata);
 * 3. if the response is lost, the attempt's key is looked for: found → invalidated, and only then is the create tried
 *    again; not found (it may still land: a slow server) → the create fails, and the next create, refresh or destroy
 *    of this resource invalidates it;
 * 4. once the response is in hand the token is removed, which marks the key as the one this resource holds.
 */
export async function createMarked(c: MarkedCreate): Promise<CreateApiKeyResponse> {
  await retireUnconfirmed(c.client, c.owner, c.subject, []);
  for (let n = 1; ; n++) {
    const token = randomUUID();
    let created: CreateApiKeyResponse;
    try {
      created = await c.attempt({ ...ownedMetadata(c.metadata, c.owner), [CREATE_TOKEN_METADATA_KEY]: token });
    } catch (err) {
      if (!isElasticError(err, ErrorCodes.OUTCOME_UNKNOWN)) throw err;
      const retired = await retireAfterLostAttempt(c, token);
      if (!retired.some((key) => key.metadata?.[CREATE_TOKEN_METADATA_KEY] === token)) {
        throw new Error(
          `${err.message.replace(/\.$/, "")}. No key from this request has appeared yet, so the create was NOT retried ` +
            "(the server may still be processing it, and a retry could leave two live keys). Run `pulumi up` again: " +
            "it first invalidates any key this request made (its secret was lost with the response), then creates one.",
        );
      }
      if (n >= MAX_CREATE_ATTEMPTS) throw err;
      continue;
    }
    await confirmOrRetire(c, created);
    return created;
  }
}

async function retireAfterLostAttempt(c: MarkedCreate, token: string): Promise<ApiKeyInfo[]> {
  try {
    return await retireUnconfirmed(c.client, c.owner, c.subject, []);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `the create request's outcome is unknown and checking for a key it may have created failed (${detail}). ` +
        `Run \`pulumi up\` again: it invalidates any such key first. To do it by hand, invalidate the API keys whose metadata has ${CREATE_TOKEN_METADATA_KEY}=${token}`,
    );
  }
}

async function confirmOrRetire(c: MarkedCreate, created: CreateApiKeyResponse): Promise<void> {
  try {
    await c.confirm(created.id, ownedMetadata(c.metadata, c.owner));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    let fate = "it was invalidated";
    try {
      await c.client.invalidateApiKeys([created.id]);
    } catch {
      fate = `it could not be invalidated now; the next \`pulumi up\`, refresh or destroy of this resource invalidates it (API key id ${created.id})`;
    }
    throw new Error(`the key was created but recording it as this resource's key failed (${detail}); ${fate}. Run \`pulumi up\` again`);
  }
}

/**
 * Invalidates the keys of `owner` that carry a create token — keys whose secret never reached the state — except
 * `keep` (the resource's own key). Logs what it did: the key ids (never secrets) and why. Returns what it retired.
 */
export async function retireUnconfirmed(client: ElasticsearchClient, owner: string, subject: string, keep: string[]): Promise<ApiKeyInfo[]> {
  const { api_keys } = await client.queryApiKeys({
    query: { bool: { filter: [{ term: { [`metadata.${OWNER_METADATA_KEY}`]: owner } }, { term: { invalidated: false } }] } },
    size: 1000,
  });
  const strays = api_keys.filter(
    (key) =>
      !key.invalidated &&
      key.metadata?.[OWNER_METADATA_KEY] === owner &&
      typeof key.metadata?.[CREATE_TOKEN_METADATA_KEY] === "string" &&
      !keep.includes(key.id),
  );
  if (strays.length === 0) return [];
  await client.invalidateApiKeys(strays.map((key) => key.id));
  const ids = strays.map((key) => key.id).join(", ");
  // stderr of the provider host is shown by the Pulumi CLI: the user learns which keys went and why.
  console.error(
    `${subject}: invalidated ${strays.length} API key(s) (${ids}) that an earlier interrupted create of this resource left live; ` +
      "their secret was lost with the create response, so nothing can use them.",
  );
  return strays;
}

/**
 * The outputs every key created through {@link createMarked} starts with. `creation` is the provider's clock (what
 * `rotateAfter` counts from); `expiration` is the server's, as an ISO timestamp.
 */
export function createdKeyOutputs(created: CreateApiKeyResponse, expirationDuration: string | undefined) {
  return {
    keyId: created.id,
    name: created.name,
    apiKey: created.api_key,
    encoded: created.encoded,
    creation: new Date(now()).toISOString(),
    expiration: created.expiration !== undefined ? new Date(created.expiration).toISOString() : undefined,
    expirationDuration,
  };
}
