import type { ConnectionInput } from "../connection";
import type { NormalizedAccess } from "./schema";

/**
 * What the provider stores as the resource's outputs. Inputs and outputs share one namespace in Pulumi, so the
 * declared duration is kept as `expirationDuration` while `expiration` is the absolute expiry (ISO 8601). Read only
 * receives old outputs, so everything needed to rebuild the inputs lives here too.
 */
export interface CrossClusterApiKeyOutputs {
  keyId: string;
  name: string;
  /** Absent for an adopted key: Elasticsearch never returns key material after creation. */
  apiKey?: string;
  encoded?: string;
  creation: string;
  expiration?: string;
  expirationDuration?: string;
  access: NormalizedAccess;
  metadata: Record<string, unknown>;
  rotateAfter?: string;
  triggers?: Record<string, string>;
  adoptKeyId?: string;
  /** The DN pattern as Elasticsearch stores it (9.3+); absent when the key has none. */
  certificateIdentity?: string;
  connection?: ConnectionInput;
  /** The resource's URN, written into the key's metadata (see ../createMarked.ts). */
  owner?: string;
  /** The UUID of the cluster the key lives on (`GET /` at creation), so a read that reaches another cluster says so. */
  clusterUuid?: string;
  /** Written by versions before `owner` existed; no longer used. */
  createToken?: string;
  __provider?: string;
}
/** How errors name this resource: by its key name, which is what users see in Kibana and the API. */
export function subjectOf(name: unknown): string {
  return `CrossClusterApiKey ${JSON.stringify(typeof name === "string" ? name : "(unnamed)")}`;
}
