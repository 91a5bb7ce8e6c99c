// The emulator's public contract. Other engineers code against these shapes; change them only together with them.

export type Target = "es" | "cloud";

export interface EmulatorOptions {
  /** Interface both listeners bind to. Default "127.0.0.1". */
  host?: string;
  /** Elasticsearch listener port. Default 0 (any free port). */
  esPort?: number;
  /** Elastic Cloud listener port. Default 0 (any free port). */
  cloudPort?: number;
  /** PEM key and certificate; when given, both listeners speak HTTPS. */
  tls?: { key: string; cert: string };
  /** Fix any credential (the demo uses fixed ones); the others are random. */
  credentials?: Partial<EmulatorCredentials>;
  /** Initial clock (epoch ms). Default Date.now(). The clock then runs with real time. */
  now?: number;
  /** Seed of the PRNG that decides probabilistic faults (rules may bring their own `seed`). Default random. */
  seed?: number;
  /**
   * Pre-create `credentials.restApiKey` (a REST key of the superuser, visible to GET and query). Default false: like
   * a fresh cluster, the emulator starts without any API key, and `credentials.restApiKey` does not authenticate.
   */
  restApiKey?: boolean;
  /**
   * The Elasticsearch version `GET /` reports. Given a version before 9.3, the cross-cluster key endpoints refuse
   * `certificate_identity` (400 unknown field), as those clusters do. Default: `8.15.0` in `GET /`, with
   * `certificate_identity` accepted all the same (the one Stack 9.3 feature the emulator has).
   */
  esVersion?: string;
}

export interface EmulatorCredentials {
  /** Username "elastic"; has manage_security and everything else. */
  superuser: { username: string; password: string };
  /** "key_admin": only manage_api_key (403 on cross-cluster create; 200 + error_count:1 when invalidating cross-cluster keys). */
  apiKeyAdmin: { username: string; password: string };
  /** "viewer": 403 on every security and connector call. */
  noPrivileges: { username: string; password: string };
  /** OAuth-style access token of the superuser: "Authorization: Bearer <token>". */
  bearerToken: string;
  /** A REST-type API key owned by the superuser; it exists (and appears in GET) only with `restApiKey: true`. */
  restApiKey: { id: string; api_key: string; encoded: string };
  /** Elastic Cloud API key with full access. */
  cloudApiKey: string;
  /** Elastic Cloud API key that may GET but gets 403 on _rotate and _revoke-pending. */
  cloudReadOnlyApiKey: string;
}

export type Fault =
  /** Delay, then process normally. */
  | { kind: "latency"; ms: number }
  /** Answer without processing, with the API's error envelope (ES or Cloud) unless `body` is given. */
  | {
      kind: "status";
      status: number;
      retryAfter?: number | string;
      body?: unknown;
      /** When given, the reply's headers are exactly these (no Elastic headers): an answer from a proxy in between. */
      headers?: Record<string, string>;
    }
  /** Destroy the socket before processing. */
  | { kind: "reset-before" }
  /** Process (state changes!), then destroy the socket without answering. */
  | { kind: "reset-after" }
  /** Never answer (default: not processed); the socket stays open until the client gives up or close(). */
  | { kind: "hang"; process?: boolean }
  /** Default process:true — state changes, then a body that is not valid JSON, with the real status. */
  | { kind: "malformed"; process?: boolean };

export interface FaultRule {
  target?: Target;
  method?: string;
  /** Matched against the URL pathname; a string must match exactly. */
  path: string | RegExp;
  /**
   * Only requests whose path, query string or body contain this text (a key name, an id): lets one operation carry
   * a different fault for each resource, although they all call the same route.
   */
  contains?: string;
  /** How many times the rule fires. Default 1; Infinity allowed. */
  times?: number;
  /** Chance (0..1) that a matching request triggers the rule. Default 1. */
  probability?: number;
  /** Seed of this rule's own PRNG, for reproducible probabilistic runs. Default: drawn from the emulator's `seed`. */
  seed?: number;
  fault: Fault;
}

export interface FaultHandle {
  remove(): void;
  readonly hits: number;
}

export type CloudKeyStatus = "active" | "pending" | "revoked" | "unknown";

export interface RequestRecord {
  target: Target;
  method: string;
  /** Route template, e.g. "PUT /_security/cross_cluster/api_key/{id}". */
  route: string;
  /** The URL pathname as received (no query string). */
  path: string;
  /** HTTP status; "reset" when the socket was destroyed; "hang" while unanswered. */
  status: number | "reset" | "hang";
  /** Emulator clock at arrival (epoch ms). */
  at: number;
}

export interface EmulatorStats {
  requests: { total: number; byRoute: Record<string, number> };
  /** TCP connections accepted per listener (connections used only for /_emulator calls are not counted). */
  connections: { es: number; cloud: number };
}

export interface Emulator {
  esUrl: string;
  /** The Cloud API lives under `${cloudUrl}/api/v1`. */
  cloudUrl: string;
  credentials: EmulatorCredentials;
  /** One Cloud Connected cluster exists at start. */
  defaultClusterId: string;
  /** Adds a Cloud Connected cluster and returns its new 32-char [a-z0-9] id. */
  addCloudCluster(name?: string): string;
  faults: { inject(rule: FaultRule): FaultHandle; clear(): void };
  /** Drives creation, expiration and pending-key expiry. */
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  /** Deep copy, JSON-clean. */
  inventory(): Inventory;
  stats(): EmulatorStats;
  /** Resets the request and connection counters and the request log. */
  resetStats(): void;
  /** In arrival order. */
  requests(): RequestRecord[];
  /** Every secret ever issued or accepted: passwords, bearer token, each api_key and encoded value, every Cloud key, connector secret values. */
  issuedSecrets(): string[];
  /** What a Cloud Connected cluster key currently is. */
  cloudKeyStatus(key: string): CloudKeyStatus;
  /** Closes both listeners and any hanging sockets. */
  close(): Promise<void>;
  /** A second Elasticsearch (on an Elastic Cloud deployment) that connects to this one as its remote cluster. */
  local: EmulatorLocalCluster;
}

/**
 * The "local" cluster of cross-cluster access: its own listener (same users and credentials as the remote one; its
 * requests are not in `requests()`), `_cluster/settings` and `_remote/info`, and the Cloud deployment whose keystore
 * (`PATCH ${cloudUrl}/api/v1/deployments/{deploymentId}/elasticsearch/{refId}/keystore`) it reads its credentials from.
 */
export interface EmulatorLocalCluster {
  esUrl: string;
  deploymentId: string;
  refId: string;
  /** The body `GET _remote/info` would answer now. */
  remoteInfo(): Record<string, Record<string, unknown>>;
  /** Proxy settings in place and the keystore holding the `encoded` of a live cross-cluster key of the remote cluster. */
  connected(alias: string): boolean;
  /** The id of the remote key whose `encoded` is the alias' keystore credentials (live or not); never the secret. */
  credentialsKeyId(alias: string): string | undefined;
  /** The stored cluster settings (flat keys) and `_remote/info`. */
  settings(): { persistent: Record<string, string>; transient: Record<string, string>; remoteInfo: Record<string, unknown> };
  /** Names of the deployment's keystore entries; values never leave the emulator. */
  keystore(): string[];
  /** The local cluster's own request log, in arrival order. */
  requests(): RequestRecord[];
  resetRequests(): void;
}

export interface InventoryApiKey {
  id: string;
  name: string;
  type: "rest" | "cross_cluster";
  creation: number;
  expiration?: number;
  invalidated: boolean;
  invalidation?: number;
  username: string;
  metadata: Record<string, unknown>;
  access?: unknown;
  /** Cross-cluster keys with strong identity verification (Stack 9.3). */
  certificate_identity?: string;
  role_descriptors: unknown;
}

export interface InventoryCloudKeys {
  activeKey?: string;
  pendingKeys: Array<{ key: string; expiresAt: number }>;
  revokedKeys: number;
  rotations: number;
}

/** A Cloud Connected cluster: its own key's lineage, and each service's (`services.eis`). */
export interface InventoryCluster extends InventoryCloudKeys {
  id: string;
  name: string;
  etag: string;
  services: Record<string, InventoryCloudKeys>;
}

export interface Inventory {
  apiKeys: InventoryApiKey[];
  /** The stored connector documents. */
  connectors: Array<Record<string, unknown>>;
  /** Ids only, never values. */
  connectorSecrets: Array<{ id: string }>;
  clusters: InventoryCluster[];
}
