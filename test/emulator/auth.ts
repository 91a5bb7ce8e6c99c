/**
 * Elasticsearch authentication (Basic, Bearer, ApiKey; schemes are case-insensitive) and the cluster-privilege
 * checks of the actions the emulator serves.
 */
import { EsError, securityException } from "./errors";
import type { ApiKeyRecord, ApiKeyStore } from "./security-keys";
import type { User, UserStore } from "./users";

export type Principal =
  | { kind: "realm"; user: User }
  | { kind: "token"; user: User }
  | { kind: "api_key"; user: User; apiKey: ApiKeyRecord };

const WWW_AUTHENTICATE = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', "ApiKey"];

/** Which cluster privileges grant each action, least powerful first (as Elasticsearch lists them in 403s). */
export const ACTIONS = {
  main: { name: "cluster:monitor/main", grantedBy: ["monitor", "manage", "all"] },
  createCrossClusterKey: { name: "cluster:admin/xpack/security/cross_cluster/api_key/create", grantedBy: ["manage_security", "all"] },
  updateCrossClusterKey: { name: "cluster:admin/xpack/security/cross_cluster/api_key/update", grantedBy: ["manage_security", "all"] },
  createKey: {
    name: "cluster:admin/xpack/security/api_key/create",
    grantedBy: ["manage_own_api_key", "manage_api_key", "manage_security", "all"],
  },
  updateKey: {
    name: "cluster:admin/xpack/security/api_key/update",
    grantedBy: ["manage_own_api_key", "manage_api_key", "manage_security", "all"],
  },
  getKeys: {
    name: "cluster:admin/xpack/security/api_key/get",
    grantedBy: ["read_security", "manage_own_api_key", "manage_api_key", "manage_security", "all"],
  },
  queryKeys: {
    name: "cluster:admin/xpack/security/api_key/query",
    grantedBy: ["read_security", "manage_own_api_key", "manage_api_key", "manage_security", "all"],
  },
  invalidateKeys: {
    name: "cluster:admin/xpack/security/api_key/invalidate",
    grantedBy: ["manage_own_api_key", "manage_api_key", "manage_security", "all"],
  },
  clearApiKeyCache: { name: "cluster:admin/xpack/security/api_key/clear_cache", grantedBy: ["manage_security", "all"] },
  putUser: { name: "cluster:admin/xpack/security/user/put", grantedBy: ["manage_security", "all"] },
  deleteUser: { name: "cluster:admin/xpack/security/user/delete", grantedBy: ["manage_security", "all"] },
  putRole: { name: "cluster:admin/xpack/security/role/put", grantedBy: ["manage_security", "all"] },
  deleteRole: { name: "cluster:admin/xpack/security/role/delete", grantedBy: ["manage_security", "all"] },
  putPrivileges: { name: "cluster:admin/xpack/security/privilege/put", grantedBy: ["manage_security", "all"] },
  deletePrivileges: { name: "cluster:admin/xpack/security/privilege/delete", grantedBy: ["manage_security", "all"] },
  clusterHealth: { name: "cluster:monitor/health", grantedBy: ["monitor", "manage", "all"] },
  putConnector: { name: "cluster:admin/xpack/connector/put", grantedBy: ["manage_connector", "all"] },
  getConnector: { name: "cluster:admin/xpack/connector/get", grantedBy: ["monitor_connector", "manage_connector", "all"] },
  updateConnectorApiKeyId: { name: "cluster:admin/xpack/connector/update_api_key_id", grantedBy: ["manage_connector", "all"] },
  postSecret: { name: "cluster:admin/xpack/connector/secret/post", grantedBy: ["write_connector_secrets", "all"] },
  getSecret: { name: "cluster:admin/xpack/connector/secret/get", grantedBy: ["read_connector_secrets", "all"] },
  putSecret: { name: "cluster:admin/xpack/connector/secret/put", grantedBy: ["write_connector_secrets", "all"] },
  deleteSecret: { name: "cluster:admin/xpack/connector/secret/delete", grantedBy: ["write_connector_secrets", "all"] },
} as const;

export type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

/** Privilege sets used for checks inside actions (which keys a caller sees or may invalidate). */
export const SEES_ALL_KEYS = ["read_security", "manage_api_key", "manage_security", "all"] as const;
export const MANAGES_ALL_KEYS = ["manage_api_key", "manage_security", "all"] as const;
export const MANAGES_SECURITY = ["manage_security", "all"] as const;

/**
 * Whether the principal holds one of `privileges`. An API key with role descriptors is limited to them as well
 * as to its owner's privileges; one without inherits the owner's.
 */
export function holds(principal: Principal, privileges: readonly string[]): boolean {
  if (!principal.user.clusterPrivileges.some((p) => privileges.includes(p))) return false;
  if (principal.kind !== "api_key") return true;
  const descriptors = Object.values(principal.apiKey.roleDescriptors);
  if (descriptors.length === 0) return true;
  return descriptors.some((d) => d.cluster.some((p) => privileges.includes(p)));
}

export function authorize(principal: Principal, action: Action): void {
  if (!holds(principal, action.grantedBy)) throw unauthorizedAction(principal, action);
}

/** The 403 of an action the principal may not run; `grantedBy` narrows the privileges named (conditional ones). */
export function unauthorizedAction(principal: Principal, action: { name: string; grantedBy: readonly string[] }): EsError {
  const who =
    principal.kind === "api_key"
      ? `API key id [${principal.apiKey.id}] of user [${principal.user.username}]`
      : `user [${principal.user.username}] with declared roles [${principal.user.roles.join(",")}] (all resolved)`;
  return securityException(
    403,
    `action [${action.name}] is unauthorized for ${who}, this action is granted by the cluster privileges [${action.grantedBy.join(",")}]`,
  );
}

function unauthorized(reason: string, metadata: Record<string, string> = {}): EsError {
  return securityException(401, reason, { metadata, headers: { "WWW-Authenticate": WWW_AUTHENTICATE } });
}

const NO_ANONYMOUS = "unable to authenticate with provided credentials and anonymous access is not allowed for this request";

export class Authenticator {
  constructor(
    private readonly users: UserStore,
    private readonly bearerToken: string,
    private readonly apiKeys: ApiKeyStore,
  ) {}

  /** `uri` is the request URI as received (path and query), as Elasticsearch quotes it. */
  authenticate(authorization: string | undefined, uri: string): Principal {
    const header = authorization?.trim() ?? "";
    const match = /^(\S+)\s+(.*)$/s.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    const credentials = match?.[2]?.trim() ?? "";
    if (scheme === "basic") return this.basic(credentials, uri);
    if (scheme === "bearer") {
      const owner = credentials === this.bearerToken ? this.users.resolve(this.users.superuser) : undefined;
      if (owner) return { kind: "token", user: owner };
      throw unauthorized(NO_ANONYMOUS);
    }
    if (scheme === "apikey") return this.apiKey(credentials);
    throw unauthorized(`missing authentication credentials for REST request [${uri}]`);
  }

  private basic(credentials: string, uri: string): Principal {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw unauthorized(`missing authentication credentials for REST request [${uri}]`);
    const username = decoded.slice(0, colon);
    const user = this.users.resolve(username);
    if (!user || user.password !== decoded.slice(colon + 1)) {
      throw unauthorized(`unable to authenticate user [${username}] for REST request [${uri}]`);
    }
    return { kind: "realm", user };
  }

  /** Checks in Elasticsearch's order: found, not invalidated, secret, key type, not expired. */
  private apiKey(credentials: string): Principal {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw unauthorized(NO_ANONYMOUS);
    const id = decoded.slice(0, colon);
    const fail = (why: string): EsError => unauthorized(NO_ANONYMOUS, { additional_unsuccessful_credentials: `API key: ${why}` });
    const key = this.apiKeys.get(id);
    if (!key) throw fail(`unable to find apikey with id [${id}]`);
    if (key.invalidated) throw fail(`api key [${id}] has been invalidated`);
    if (key.secret !== decoded.slice(colon + 1)) throw fail(`invalid credentials for API key [${id}]`);
    if (key.type !== "rest") throw unauthorized(`authentication expected API key type of [rest], but API key [${id}] has type [${key.type}]`);
    if (this.apiKeys.isExpired(key)) throw fail("api key is expired");
    const owner = this.users.resolve(key.owner.username);
    if (!owner || owner.realm.name !== key.owner.realm) throw fail(`unable to find owner of api key [${id}]`);
    return { kind: "api_key", user: owner, apiKey: key };
  }
}

/** The body of GET /_security/_authenticate. */
export function authenticateView(principal: Principal): Record<string, unknown> {
  const { user } = principal;
  const realm = principal.kind === "api_key" ? { name: "_es_api_key", type: "_es_api_key" } : user.realm;
  return {
    username: user.username,
    roles: principal.kind === "api_key" ? [] : user.roles,
    full_name: user.fullName,
    email: user.email,
    metadata: user.metadata,
    enabled: true,
    authentication_realm: realm,
    lookup_realm: realm,
    authentication_type: principal.kind === "realm" ? "realm" : principal.kind,
    ...(principal.kind === "api_key" && { api_key: { id: principal.apiKey.id, name: principal.apiKey.name } }),
  };
}
