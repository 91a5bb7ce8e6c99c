import type { ConnectionInput } from "../connection";
import type { RoleDescriptors } from "./schema";

/**
 * What the provider stores. As for cross-cluster keys, the declared duration is `expirationDuration` while
 * `expiration` is the absolute expiry (ISO 8601); read only receives old outputs, so the inputs can be rebuilt
 * from these.
 */
export interface ApiKeyOutputs {
  keyId: string;
  name: string;
  /** Key material: secret outputs. */
  apiKey: string;
  encoded: string;
  /** When the provider created the key (ISO 8601). */
  creation: string;
  expiration?: string;
  expirationDuration?: string;
  roleDescriptors: RoleDescriptors;
  metadata: Record<string, unknown>;
  connection?: ConnectionInput;
  /** The resource's URN, written into the key's metadata (see ../createMarked.ts). */
  owner?: string;
  /** The UUID of the cluster the key lives on (see ../clusterIdentity.ts). */
  clusterUuid?: string;
  /** Written by versions before `owner` existed; no longer used. */
  createToken?: string;
  __provider?: string;
}

export function subjectOf(name: unknown): string {
  return `ApiKey ${JSON.stringify(typeof name === "string" ? name : "(unnamed)")}`;
}
