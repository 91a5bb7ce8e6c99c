/** API keys (REST and cross-cluster): storage, lifecycle and Elasticsearch's renderings of them. */
import { accessView, crossClusterRoleDescriptors, type CrossClusterAccess } from "./access";
import type { Clock } from "./clock";
import { encodeApiKey, newApiKeySecret, newId } from "./ids";
import type { RoleDescriptor } from "./role-descriptors";
import type { SecretLog } from "./secret-log";
import type { InventoryApiKey } from "./types";
import type { User } from "./users";

export type ApiKeyType = "rest" | "cross_cluster";

export interface KeyOwner {
  username: string;
  realm: string;
  realmType: string;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  type: ApiKeyType;
  secret: string;
  creation: number;
  expiration?: number;
  invalidated: boolean;
  invalidation?: number;
  owner: KeyOwner;
  metadata: Record<string, unknown>;
  roleDescriptors: Record<string, RoleDescriptor>;
  access?: CrossClusterAccess;
  /** Cross-cluster keys (Stack 9.3): the DN pattern the remote cluster's client certificate must match. */
  certificateIdentity?: string;
  /** REST keys: the owner's role descriptors as of the key's creation or last update (GET's `limited_by`). */
  limitedBy?: Record<string, RoleDescriptor>;
}

export interface NewApiKey {
  type: ApiKeyType;
  name: string;
  owner: User;
  /** Duration from now; undefined for a key that never expires. */
  expiresInMs?: number;
  metadata?: Record<string, unknown>;
  /** REST keys only; cross-cluster keys derive theirs from `access`. */
  roleDescriptors?: Record<string, RoleDescriptor>;
  access?: CrossClusterAccess;
  certificateIdentity?: string;
  /** Fixed credentials (the pre-created key the demo pins); random otherwise. */
  fixed?: { id: string; secret: string };
}

export class ApiKeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();
  private lastCreation = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly secrets: SecretLog,
  ) {}

  create(input: NewApiKey): ApiKeyRecord {
    const creation = this.nextCreation();
    const key: ApiKeyRecord = {
      id: input.fixed?.id ?? newId(),
      name: input.name,
      type: input.type,
      secret: input.fixed?.secret ?? newApiKeySecret(),
      creation,
      invalidated: false,
      owner: { username: input.owner.username, realm: input.owner.realm.name, realmType: input.owner.realm.type },
      metadata: input.metadata ?? {},
      roleDescriptors: input.access ? crossClusterRoleDescriptors(input.access) : (input.roleDescriptors ?? {}),
    };
    // Sub-millisecond durations (nanos, micros) cannot be expressed in epoch millis.
    if (input.expiresInMs !== undefined) key.expiration = creation + Math.trunc(input.expiresInMs);
    if (input.access) key.access = input.access;
    if (input.certificateIdentity !== undefined) key.certificateIdentity = input.certificateIdentity;
    if (input.type === "rest") key.limitedBy = structuredClone(input.owner.roleDescriptors);
    this.keys.set(key.id, key);
    this.secrets.remember(key.secret, encodeApiKey(key.id, key.secret));
    return key;
  }

  /**
   * Now, but never the millisecond of the previous key: a real cluster takes longer than that per create, and sorts
   * on `creation` (upstream's query tests) rely on distinct values. A clock moved back is followed as it is.
   */
  private nextCreation(): number {
    const now = this.clock.now();
    const creation = now <= this.lastCreation && this.lastCreation - now < 1000 ? this.lastCreation + 1 : now;
    this.lastCreation = creation;
    return creation;
  }

  get(id: string): ApiKeyRecord | undefined {
    return this.keys.get(id);
  }

  /** In creation order. */
  list(): ApiKeyRecord[] {
    return [...this.keys.values()];
  }

  isExpired(key: ApiKeyRecord): boolean {
    return key.expiration !== undefined && key.expiration <= this.clock.now();
  }

  isActive(key: ApiKeyRecord): boolean {
    return !key.invalidated && !this.isExpired(key);
  }

  invalidate(key: ApiKeyRecord): void {
    key.invalidated = true;
    key.invalidation = this.clock.now();
  }

  setAccess(key: ApiKeyRecord, access: CrossClusterAccess): void {
    key.access = access;
    key.roleDescriptors = crossClusterRoleDescriptors(access);
  }

  expireIn(key: ApiKeyRecord, ms: number): void {
    key.expiration = this.clock.now() + Math.trunc(ms);
  }
}

/** The create response, fields in Elasticsearch's order: id, name, expiration?, api_key, encoded. */
export function createdKeyBody(key: ApiKeyRecord): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    ...(key.expiration !== undefined && { expiration: key.expiration }),
    api_key: key.secret,
    encoded: encodeApiKey(key.id, key.secret),
  };
}

/**
 * One item of GET /_security/api_key (and of the query API), in Elasticsearch's field order. `limited_by` (REST keys
 * only) when asked for.
 */
export function apiKeyView(key: ApiKeyRecord, withLimitedBy = false): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    type: key.type,
    creation: key.creation,
    ...(key.expiration !== undefined && { expiration: key.expiration }),
    invalidated: key.invalidated,
    ...(key.invalidation !== undefined && { invalidation: key.invalidation }),
    username: key.owner.username,
    realm: key.owner.realm,
    realm_type: key.owner.realmType,
    metadata: key.metadata,
    role_descriptors: key.roleDescriptors,
    ...(key.access && { access: accessView(key.access) }),
    ...(key.certificateIdentity !== undefined && { certificate_identity: key.certificateIdentity }),
    ...(withLimitedBy && key.limitedBy && { limited_by: [key.limitedBy] }),
  };
}

export function inventoryItem(key: ApiKeyRecord): InventoryApiKey {
  const view = apiKeyView(key);
  return structuredClone({
    id: key.id,
    name: key.name,
    type: key.type,
    creation: key.creation,
    ...(key.expiration !== undefined && { expiration: key.expiration }),
    invalidated: key.invalidated,
    ...(key.invalidation !== undefined && { invalidation: key.invalidation }),
    username: key.owner.username,
    metadata: key.metadata,
    ...(view.access !== undefined && { access: view.access }),
    ...(key.certificateIdentity !== undefined && { certificate_identity: key.certificateIdentity }),
    role_descriptors: key.roleDescriptors,
  });
}
