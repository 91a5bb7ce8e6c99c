/**
 * The security API-key endpoints. Each handler follows the real action's order: parse the body (400 parse errors),
 * build the request (400 illegal_argument), validate it (400 action_request_validation), authorize (403), then run.
 */
import { accessField, buildAccess, sameAccess } from "./access";
import { compareBy, compileQuery, parseSort, sortValue } from "./api-key-query";
import { ACTIONS, authenticateView, holds, MANAGES_ALL_KEYS, MANAGES_SECURITY, SEES_ALL_KEYS, unauthorizedAction, type Principal } from "./auth";
import { parseDuration } from "./duration";
import { EsError, illegalArgument, resourceNotFound, securityException, validationFailed } from "./errors";
import type { EsContext, EsRoute } from "./es-service";
import { toPlain } from "./json";
import { jsonReply } from "./reply";
import { parseRoleDescriptors } from "./role-descriptors";
import { NODE_ID } from "./cluster-info";
import { apiKeyView, createdKeyBody, type ApiKeyRecord, type ApiKeyStore, type ApiKeyType } from "./security-keys";
import { field, ObjectParser, type FieldSpec } from "./xcontent";

const roleDescriptorsField: FieldSpec<ReturnType<typeof parseRoleDescriptors>> = {
  tokens: ["START_OBJECT"],
  parse: parseRoleDescriptors,
};

const CREATE_CROSS_CLUSTER = new ObjectParser(
  "cross_cluster_api_key_request_payload",
  { name: field.string(), access: accessField, expiration: field.string(), metadata: field.map(), certificate_identity: field.stringOrNull() },
  { required: ["name", "access"] },
);

const UPDATE_CROSS_CLUSTER = new ObjectParser("update_cross_cluster_api_key_request_payload", {
  access: accessField,
  metadata: field.map(),
  expiration: field.string(),
  // Stack 9.3: a string sets it, null clears it.
  certificate_identity: field.stringOrNull(),
});

// Before Stack 9.3 the same parsers know no certificate_identity: it is an unknown field (400), as on those clusters.
const CREATE_CROSS_CLUSTER_BEFORE_9_3 = new ObjectParser(
  "cross_cluster_api_key_request_payload",
  { name: field.string(), access: accessField, expiration: field.string(), metadata: field.map() },
  { required: ["name", "access"] },
);
const UPDATE_CROSS_CLUSTER_BEFORE_9_3 = new ObjectParser("update_cross_cluster_api_key_request_payload", {
  access: accessField,
  metadata: field.map(),
  expiration: field.string(),
});

const CREATE_REST = new ObjectParser(
  "api_key_request",
  { name: field.string(), role_descriptors: roleDescriptorsField, expiration: field.string(), metadata: field.map() },
  { required: ["name"] },
);

const UPDATE_REST = new ObjectParser("update_api_key_request_payload", {
  role_descriptors: roleDescriptorsField,
  metadata: field.map(),
  expiration: field.string(),
});

const BULK_UPDATE_REST = new ObjectParser(
  "bulk_update_api_key_request_payload",
  { ids: field.stringArray(), role_descriptors: roleDescriptorsField, metadata: field.map(), expiration: field.string() },
  { required: ["ids"] },
);

const INVALIDATE = new ObjectParser("invalidate_api_key", {
  realm_name: field.string(),
  username: field.string(),
  name: field.string(),
  owner: field.boolean(),
  ids: field.stringArray(),
});

const QUERY = new ObjectParser("query_api_key_request", {
  query: field.raw(["START_OBJECT"]),
  from: field.integer(),
  size: field.integer(),
  sort: field.raw(),
  search_after: field.raw(["START_ARRAY"]),
  aggs: field.map(),
  aggregations: field.map(),
});

/** Java's String.trim() strips code points <= U+0020 only. */
function hasOuterWhitespace(name: string): boolean {
  return /^[\u0000-\u0020]|[\u0000-\u0020]$/.test(name);
}

function reservedMetadata(metadata: Record<string, unknown> | undefined): string[] {
  return metadata && Object.keys(metadata).some((k) => k.startsWith("_")) ? ["API key metadata keys may not start with [_]"] : [];
}

/** AbstractCreateApiKeyRequest.validate(): every broken rule is listed. */
function createErrors(name: string | undefined, metadata: Record<string, unknown> | undefined): string[] {
  const errors: string[] = [];
  if (!name) errors.push("api key name is required");
  else {
    if (name.length > 256) errors.push("api key name may not be more than 256 characters long");
    if (hasOuterWhitespace(name)) errors.push("api key name may not begin or end with whitespace");
    if (name.startsWith("_")) errors.push("api key name may not begin with an underscore");
  }
  return [...errors, ...reservedMetadata(metadata)];
}

function throwIfAny(errors: string[]): void {
  if (errors.length > 0) throw validationFailed(errors);
}

function expirationMs(expiration: string | undefined): number | undefined {
  return expiration === undefined ? undefined : parseDuration(expiration, "expiration");
}

/** Strings.hasText-style: empty means absent. */
function textOrUndefined(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === "" ? undefined : value;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function ownedBy(key: ApiKeyRecord, principal: Principal): boolean {
  return key.owner.username === principal.user.username && key.owner.realm === principal.user.realm.name;
}

/**
 * manage_own_api_key alone lets a get or invalidate request through only in one of three forms (Elasticsearch's
 * ManageOwnApiKeyClusterPrivilege): `owner=true`; `username` and `realm_name` both naming the caller; or an API key
 * naming only itself (and, for get, not asking for `with_limited_by`).
 */
function ownKeysRequest(
  principal: Principal,
  request: { owner: boolean; username?: string; realm?: string; ids?: readonly string[]; withLimitedBy?: boolean },
): boolean {
  if (request.owner) return true;
  if (principal.kind === "api_key" && !request.username && !request.realm) {
    return request.ids?.length === 1 && request.ids[0] === principal.apiKey.id && !request.withLimitedBy;
  }
  return request.username === principal.user.username && request.realm === principal.user.realm.name;
}

function requireBroadUnlessOwn(principal: Principal, action: { name: string }, broad: readonly string[], own: boolean): void {
  if (!holds(principal, broad) && !own) throw unauthorizedAction(principal, { name: action.name, grantedBy: broad });
}

/** Strings compare as text, numbers (dates) as numbers; search_after values may come as either. */
function compareSortValue(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  const x = typeof a === "number" ? a : String(a);
  const y = typeof a === "number" ? Number(b) : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `certificateIdentity`: whether the cluster is Stack 9.3+ and takes `certificate_identity` (default true). */
export function securityRoutes(keys: ApiKeyStore, options: { certificateIdentity?: boolean } = {}): EsRoute[] {
  const withIdentity = options.certificateIdentity ?? true;
  const createCrossCluster = withIdentity ? CREATE_CROSS_CLUSTER : CREATE_CROSS_CLUSTER_BEFORE_9_3;
  const updateCrossCluster = withIdentity ? UPDATE_CROSS_CLUSTER : UPDATE_CROSS_CLUSTER_BEFORE_9_3;
  /**
   * Keys the caller may see or act on — all with a broad privilege (unless `owner=true`), else its own — among the
   * given ids (looked up directly, so large key sets stay fast) or among all keys.
   */
  const keysFor = (principal: Principal, broad: readonly string[], ownerOnly: boolean, ids?: readonly string[]): ApiKeyRecord[] => {
    const candidates = ids ? [...new Set(ids)].flatMap((id) => keys.get(id) ?? []) : keys.list();
    const all = !ownerOnly && holds(principal, broad);
    return candidates.filter((key) => all || ownedBy(key, principal));
  };

  /** TransportBaseUpdateApiKeyAction and ApiKeyService.validateForUpdate, in their order. */
  const updatableKey = (ctx: EsContext, expectedType: ApiKeyType, id: string): ApiKeyRecord => {
    if (ctx.principal.kind === "api_key") {
      throw illegalArgument("authentication via API key not supported: An API key cannot be used to update an API key");
    }
    const key = keys.get(id);
    if (!key || !ownedBy(key, ctx.principal)) throw resourceNotFound(`no API key owned by requesting user found for ID [${id}]`);
    if (key.invalidated) throw illegalArgument(`cannot update invalidated API key [${id}]`);
    if (keys.isExpired(key)) throw illegalArgument(`cannot update expired API key [${id}]`);
    if (key.type !== expectedType) {
      throw illegalArgument(`cannot update API key of type [${key.type}] while expected type is [${expectedType}]`);
    }
    return key;
  };

  const applyMetadataAndExpiration = (key: ApiKeyRecord, metadata: Record<string, unknown> | undefined, expiresIn: number | undefined): boolean => {
    let updated = false;
    if (metadata !== undefined && canonical(metadata) !== canonical(key.metadata)) {
      key.metadata = metadata;
      updated = true;
    }
    if (expiresIn !== undefined) {
      keys.expireIn(key, expiresIn);
      updated = true;
    }
    return updated;
  };

  /**
   * A REST key's update: its role descriptors and metadata when given, and always its owner's current roles as
   * `limited_by` — so an update without fields still reports `updated` when the owner's roles changed.
   */
  const updateRestKey = (
    key: ApiKeyRecord,
    principal: Principal,
    request: { role_descriptors?: ApiKeyRecord["roleDescriptors"]; metadata?: Record<string, unknown> },
    expiresIn: number | undefined,
  ): boolean => {
    let updated = false;
    if (request.role_descriptors !== undefined && canonical(request.role_descriptors) !== canonical(key.roleDescriptors)) {
      key.roleDescriptors = request.role_descriptors;
      updated = true;
    }
    if (canonical(principal.user.roleDescriptors) !== canonical(key.limitedBy ?? {})) {
      key.limitedBy = structuredClone(principal.user.roleDescriptors);
      updated = true;
    }
    return applyMetadataAndExpiration(key, request.metadata, expiresIn) || updated;
  };

  return [
    {
      method: "GET",
      path: "/_security/_authenticate",
      handler: (ctx) => jsonReply(200, authenticateView(ctx.principal)),
    },
    {
      method: "POST",
      path: "/_security/cross_cluster/api_key",
      handler: (ctx) => {
        const request: ReturnType<typeof CREATE_CROSS_CLUSTER.parse> = createCrossCluster.parse(ctx.body());
        const expiresIn = expirationMs(request.expiration);
        const access = buildAccess(request.access ?? {});
        throwIfAny(createErrors(request.name, request.metadata));
        ctx.authorize(ACTIONS.createCrossClusterKey);
        if (ctx.principal.kind === "api_key") {
          throw illegalArgument("authentication via API key not supported: An API key cannot be used to create a cross-cluster API key");
        }
        const key = keys.create({
          type: "cross_cluster",
          name: request.name ?? "",
          owner: ctx.principal.user,
          expiresInMs: expiresIn,
          metadata: request.metadata,
          access,
          certificateIdentity: request.certificate_identity ?? undefined,
        });
        return jsonReply(200, createdKeyBody(key));
      },
    },
    {
      method: "PUT",
      path: "/_security/cross_cluster/api_key/{id}",
      handler: (ctx) => {
        const request: ReturnType<typeof UPDATE_CROSS_CLUSTER.parse> = updateCrossCluster.parse(ctx.body());
        const expiresIn = expirationMs(request.expiration);
        const access = request.access === undefined ? undefined : buildAccess(request.access);
        const errors = reservedMetadata(request.metadata);
        if (access === undefined && request.metadata === undefined && request.certificate_identity === undefined) {
          errors.push("must update either [access] or [metadata] for cross-cluster API keys");
        }
        throwIfAny(errors);
        ctx.authorize(ACTIONS.updateCrossClusterKey);
        const key = updatableKey(ctx, "cross_cluster", ctx.params.id ?? "");
        let updated = false;
        if (access !== undefined && (!key.access || !sameAccess(access, key.access))) {
          keys.setAccess(key, access);
          updated = true;
        }
        const identity = request.certificate_identity;
        if (identity !== undefined && (identity ?? undefined) !== key.certificateIdentity) {
          if (identity === null) delete key.certificateIdentity;
          else key.certificateIdentity = identity;
          updated = true;
        }
        updated = applyMetadataAndExpiration(key, request.metadata, expiresIn) || updated;
        return jsonReply(200, { updated });
      },
    },
    {
      method: "GET",
      path: "/_security/api_key",
      params: ["id", "name", "username", "realm_name", "owner", "active_only", "with_limited_by", "with_profile_uid"],
      handler: (ctx) => {
        const id = textOrUndefined(ctx.query.get("id"));
        const name = textOrUndefined(ctx.query.get("name"));
        const username = textOrUndefined(ctx.query.get("username"));
        const realm = textOrUndefined(ctx.query.get("realm_name"));
        const owner = ctx.booleanParam("owner") ?? false;
        const activeOnly = ctx.booleanParam("active_only") ?? false;
        const withLimitedBy = ctx.booleanParam("with_limited_by") ?? false;
        // Accepted and checked like Elasticsearch does, but profile_uid is not rendered.
        ctx.booleanParam("with_profile_uid");
        const errors: string[] = [];
        if ((username || realm) && (id || name)) {
          errors.push("username or realm name must not be specified when the api key id or api key name is specified");
        }
        if (owner && (username || realm)) errors.push("neither username nor realm-name may be specified when retrieving owned API keys");
        if (id && name) errors.push("only one of [api key id, api key name] can be specified");
        throwIfAny(errors);
        ctx.authorize(ACTIONS.getKeys);
        const ids = id === undefined ? undefined : [id];
        requireBroadUnlessOwn(ctx.principal, ACTIONS.getKeys, SEES_ALL_KEYS, ownKeysRequest(ctx.principal, { owner, username, realm, ids, withLimitedBy }));
        if (withLimitedBy && ctx.principal.kind === "api_key" && !holds(ctx.principal, MANAGES_ALL_KEYS)) {
          throw unauthorizedAction(ctx.principal, { name: ACTIONS.getKeys.name, grantedBy: MANAGES_ALL_KEYS });
        }
        const found = keysFor(ctx.principal, SEES_ALL_KEYS, owner, ids).filter(
          (key) =>
            (name === undefined || nameMatches(name, key.name)) &&
            (username === undefined || key.owner.username === username) &&
            (realm === undefined || key.owner.realm === realm) &&
            (!activeOnly || keys.isActive(key)),
        );
        return jsonReply(200, { api_keys: found.map((key) => apiKeyView(key, withLimitedBy)) });
      },
    },
    ...(["GET", "POST"] as const).map(
      (method): EsRoute => ({
        method,
        path: "/_security/_query/api_key",
        params: ["with_limited_by", "with_profile_uid", "typed_keys"],
        handler: (ctx) => {
          const body = ctx.optionalBody();
          const request = body ? QUERY.parse(body) : {};
          const errors: string[] = [];
          if (request.from !== undefined && request.from < 0) errors.push(`[from] parameter cannot be negative but was [${request.from}]`);
          if (request.size !== undefined && request.size < 0) errors.push(`[size] parameter cannot be negative but was [${request.size}]`);
          throwIfAny(errors);
          const matches = compileQuery(request.query && toPlain(request.query));
          const sort = request.sort ? parseSort(toPlain(request.sort)) : [];
          const searchAfter = request.search_after ? (toPlain(request.search_after) as unknown[]) : undefined;
          const withLimitedBy = ctx.booleanParam("with_limited_by") ?? false;
          ctx.authorize(ACTIONS.queryKeys);
          const found = keysFor(ctx.principal, SEES_ALL_KEYS, false).filter(matches);
          if (sort.length > 0) found.sort(compareBy(sort));
          // search_after: the keys sorting strictly after the given sort values; `total` still counts every match.
          const after = searchAfter
            ? found.filter((key) => {
                for (const [i, { field: name, order }] of sort.entries()) {
                  const diff = compareSortValue(sortValue(key, name), searchAfter[i]);
                  if (diff !== 0) return order === "asc" ? diff > 0 : diff < 0;
                }
                return false;
              })
            : found;
          const from = request.from ?? 0;
          const page = after.slice(from, from + (request.size ?? 10));
          const items = page.map((key) => ({
            ...apiKeyView(key, withLimitedBy),
            ...(sort.length > 0 && { _sort: sort.map((s) => sortValue(key, s.field) ?? null) }),
          }));
          return jsonReply(200, { total: found.length, count: page.length, api_keys: items });
        },
      }),
    ),
    {
      method: "DELETE",
      path: "/_security/api_key",
      handler: (ctx) => {
        const request = INVALIDATE.parse(ctx.body());
        const ids = request.ids;
        if (ids !== undefined) {
          if (ids.length === 0) throw validationFailed(["Field [ids] cannot be an empty array"]);
          const blank = ids.flatMap((id, i) => (id.trim() === "" ? [i] : []));
          if (blank.length > 0) {
            const plural = blank.length > 1;
            throw validationFailed([
              `Field [ids] must not contain blank ${plural ? "ids" : "id"}, but got blank ${plural ? "ids" : "id"} at index ${plural ? "positions" : "position"}: [${blank.join(", ")}]`,
            ]);
          }
        }
        const realm = textOrUndefined(request.realm_name);
        const username = textOrUndefined(request.username);
        const name = textOrUndefined(request.name);
        const owner = request.owner ?? false;
        const errors: string[] = [];
        if (!realm && !username && ids === undefined && !name && !owner) {
          errors.push("One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false");
        }
        if ((ids !== undefined || name) && (realm || username)) {
          errors.push("username or realm name must not be specified when the api key id(s) or api key name are specified");
        }
        if (owner && (realm || username)) errors.push("neither username nor realm-name may be specified when invalidating owned API keys");
        if (ids !== undefined && name) errors.push("only one of [api key id(s), api key name] can be specified");
        throwIfAny(errors);
        ctx.authorize(ACTIONS.invalidateKeys);
        requireBroadUnlessOwn(ctx.principal, ACTIONS.invalidateKeys, MANAGES_ALL_KEYS, ownKeysRequest(ctx.principal, { owner, username, realm, ids }));
        // Already-invalidated keys are not even found, so repeating a call answers with empty lists.
        const targets = keysFor(ctx.principal, MANAGES_ALL_KEYS, owner, ids).filter(
          (key) =>
            !key.invalidated &&
            (name === undefined || nameMatches(name, key.name)) &&
            (username === undefined || key.owner.username === username) &&
            (realm === undefined || key.owner.realm === realm),
        );
        const invalidated: string[] = [];
        const details: Array<Record<string, string>> = [];
        for (const key of targets) {
          if (key.type === "cross_cluster" && !holds(ctx.principal, MANAGES_SECURITY)) {
            const error = securityException(
              403,
              `Cannot invalidate cross-cluster API key [${key.id}]. This requires [manage_security] cluster privilege or higher`,
            );
            details.push({ type: error.type, reason: error.reason });
            continue;
          }
          keys.invalidate(key);
          invalidated.push(key.id);
        }
        return jsonReply(200, {
          invalidated_api_keys: invalidated,
          previously_invalidated_api_keys: [],
          error_count: details.length,
          ...(details.length > 0 && { error_details: details }),
        });
      },
    },
    ...(["POST", "PUT"] as const).map(
      (method): EsRoute => ({
        method,
        path: "/_security/api_key",
        params: ["refresh"],
        handler: (ctx) => {
          const request = CREATE_REST.parse(ctx.body());
          const expiresIn = expirationMs(request.expiration);
          throwIfAny(createErrors(request.name, request.metadata));
          ctx.authorize(ACTIONS.createKey);
          const key = keys.create({
            type: "rest",
            name: request.name ?? "",
            owner: ctx.principal.user,
            expiresInMs: expiresIn,
            metadata: request.metadata,
            roleDescriptors: request.role_descriptors,
          });
          return jsonReply(200, createdKeyBody(key));
        },
      }),
    ),
    {
      method: "PUT",
      path: "/_security/api_key/{id}",
      handler: (ctx) => {
        const body = ctx.optionalBody();
        const request = body ? UPDATE_REST.parse(body) : {};
        const expiresIn = expirationMs(request.expiration);
        throwIfAny(reservedMetadata(request.metadata));
        ctx.authorize(ACTIONS.updateKey);
        const key = updatableKey(ctx, "rest", ctx.params.id ?? "");
        return jsonReply(200, { updated: updateRestKey(key, ctx.principal, request, expiresIn) });
      },
    },
    {
      method: "POST",
      path: "/_security/api_key/_bulk_update",
      handler: (ctx) => {
        const request = BULK_UPDATE_REST.parse(ctx.body());
        const expiresIn = expirationMs(request.expiration);
        const errors = reservedMetadata(request.metadata);
        if (!request.ids || request.ids.length === 0) errors.push("Field [ids] cannot be empty");
        throwIfAny(errors);
        ctx.authorize(ACTIONS.updateKey);
        const updated: string[] = [];
        const noops: string[] = [];
        const details: Record<string, unknown> = {};
        for (const id of [...new Set(request.ids)]) {
          try {
            const key = updatableKey(ctx, "rest", id);
            (updateRestKey(key, ctx.principal, request, expiresIn) ? updated : noops).push(id);
          } catch (error) {
            if (!(error instanceof EsError)) throw error;
            details[id] = { type: error.type, reason: error.reason };
          }
        }
        const count = Object.keys(details).length;
        return jsonReply(200, { updated, noops, ...(count > 0 && { errors: { count, details } }) });
      },
    },
    {
      method: "POST",
      path: "/_security/api_key/{ids}/_clear_cache",
      handler: (ctx) => {
        ctx.authorize(ACTIONS.clearApiKeyCache);
        // Nothing is cached here; the answer is the one-node cluster's acknowledgement.
        return jsonReply(200, { _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: "emulator", nodes: { [NODE_ID]: { name: "emulator-node-1" } } });
      },
    },
  ];
}
