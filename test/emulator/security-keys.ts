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
  /** Fixed credentials (the pre-created key the demo pins); random otherwise. */
  fixed?: { id: string; secret: string };
}

export class ApiKeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly secrets: SecretLog,
  ) {}

  create(input: NewApiKey): ApiKeyRecord {
    const creation = this.clock.now();
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
    this.keys.set(key.id, key);
    this.secrets.remember(key.secret, encodeApiKey(key.id, key.secret));
    return key;
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

/** One item of GET /_security/api_key (and of the query API), in Elasticsearch's field order. */
export function apiKeyView(key: ApiKeyRecord): Record<string, unknown> {
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
    role_descriptors: key.roleDescriptors,
  });
}
