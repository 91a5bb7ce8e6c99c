import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { toCheckFailures } from "../../checkFailures";
import type { ApiKeyInfo } from "../../../sdk";
import { elasticsearchClient } from "../../clients";
import { type ConnectionInput, connectionSchema } from "../../connection";
import { userMetadata } from "../../createMarked";
import { connectionCheckFailures } from "../../credentials";
import { explainFailure } from "../../errors";
import { withoutUndefined } from "../../json";
import { normalizeAccess, type NormalizedAccess } from "../schema";
import { keyIdProblem } from "./id";

/** What a read key is stored and returned as: what Elasticsearch says of it, never key material (it cannot be read). */
export interface ReadKeyOutputs {
  keyId: string;
  name: string;
  creation: string;
  expiration?: string;
  access: NormalizedAccess;
  metadata: Record<string, unknown>;
  certificateIdentity?: string;
  invalidated: boolean;
  connection?: ConnectionInput;
}

// Read gets what `get()` sent (`connection` only) or, on refresh, its own earlier outputs: only `connection` and
// `keyId` are looked at, and nothing in them can make this read change anything.
const propsSchema = z.looseObject({ connection: connectionSchema.optional(), keyId: z.string().optional() });

/**
 * The read behind `CrossClusterApiKey.get` (and `pulumi refresh` of such a resource): one GET, never a write. The
 * key may be managed by another Pulumi stack (its owner marker is left alone and not shown), invalidated
 * (`invalidated: true`) or expired; it must be a cross-cluster key. An id that names no key fails the read that
 * `get()` asked for (the engine would otherwise store an empty resource), while on refresh the key is gone and the
 * resource is dropped from the state.
 */
export async function readExistingKey(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult<ReadKeyOutputs>> {
  const connection = checkedConnection(props);
  const idProblem = keyIdProblem(id);
  if (idProblem) throw new Error(`CrossClusterApiKey.get: ${idProblem}`);
  let key: ApiKeyInfo | undefined;
  try {
    key = await elasticsearchClient(connection).getApiKey(id);
  } catch (err) {
    throw explainFailure(err, { subject: `CrossClusterApiKey.get ${JSON.stringify(id)}`, operation: "get" });
  }
  if (!key) {
    if (props.keyId === id) return { id: "" }; // a refresh: deleted since it was read
    throw new Error(`CrossClusterApiKey.get: resource '${id}' does not exist: Elasticsearch has no API key with this id (check it with GET /_security/api_key?id=${id})`);
  }
  if (key.type !== "cross_cluster") {
    throw new Error(`CrossClusterApiKey.get: API key ${JSON.stringify(id)} is of type [${key.type}], not a cross-cluster API key; only cross-cluster keys can be read`);
  }
  const outs: ReadKeyOutputs = withoutUndefined({
    keyId: key.id,
    name: key.name,
    creation: new Date(key.creation).toISOString(),
    expiration: key.expiration !== undefined ? new Date(key.expiration).toISOString() : undefined,
    access: normalizeAccess(key.access ?? {}),
    metadata: userMetadata(key.metadata),
    certificateIdentity: key.certificate_identity ?? undefined,
    invalidated: key.invalidated,
    connection,
  });
  return { id: key.id, props: outs };
}

/** The connection, refused before any request when a setting is wrong (no Check runs for a read). */
function checkedConnection(props: Record<string, unknown>): ConnectionInput | undefined {
  const parsed = propsSchema.safeParse(props);
  const failures = parsed.success
    ? connectionCheckFailures(parsed.data.connection, "elasticsearch")
    : toCheckFailures(parsed.error.issues, props);
  if (failures.length > 0) {
    throw new Error(`CrossClusterApiKey.get: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
  return parsed.success ? parsed.data.connection : undefined;
}
