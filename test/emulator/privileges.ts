/**
 * What a set of role descriptors grants, for `_has_privileges`: cluster privileges with their implications, index
 * privileges over name patterns, and application privileges over resources. An API key grants what both its own
 * role descriptors (none: everything) and its owner's roles as of its last create/update (`limited_by`) grant.
 */
import type { Principal } from "./auth";
import type { RoleDescriptor } from "./role-descriptors";
import type { UserStore } from "./users";

/** Privileges each named privilege also grants (besides itself); `all` grants everything. */
const CLUSTER_IMPLIES: Record<string, readonly string[]> = {
  manage: ["monitor", "monitor_enrich", "manage_enrich", "manage_connector", "monitor_connector", "manage_ilm", "manage_pipeline", "manage_index_templates"],
  manage_security: ["manage_api_key", "manage_own_api_key", "read_security", "manage_token", "manage_service_account"],
  manage_api_key: ["manage_own_api_key"],
  read_security: [],
  manage_connector: ["monitor_connector"],
  monitor: ["monitor_enrich"],
};

const INDEX_IMPLIES: Record<string, readonly string[]> = {
  manage: ["monitor", "view_index_metadata", "manage_ilm", "manage_follow_index"],
  write: ["index", "create", "create_doc", "delete", "update"],
  index: ["create", "create_doc", "update"],
  create: ["create_doc"],
  read: ["read_cross_cluster"],
};

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "s");
}

function implies(table: Record<string, readonly string[]>, granted: string, wanted: string): boolean {
  const g = granted.toLowerCase();
  const w = wanted.toLowerCase();
  return g === "all" || g === w || (table[g]?.includes(w) ?? false);
}

type Roles = RoleDescriptor[];

interface Grants {
  cluster(privilege: string): boolean;
  index(name: string, privilege: string): boolean;
  application(application: string, resource: string, privilege: string): boolean;
}

function rolesGrant(roles: Roles, users: UserStore): Grants {
  return {
    cluster: (privilege) => roles.some((r) => r.cluster.some((g) => implies(CLUSTER_IMPLIES, g, privilege))),
    index: (name, privilege) =>
      roles.some((r) =>
        r.indices.some((entry) => entry.names.some((n) => glob(n).test(name)) && entry.privileges.some((g) => implies(INDEX_IMPLIES, g, privilege))),
      ),
    application: (application, resource, privilege) =>
      roles.some((r) =>
        (r.applications as Array<{ application?: string; privileges?: string[]; resources?: string[] }>).some(
          (entry) =>
            glob(entry.application ?? "").test(application) &&
            (entry.resources ?? []).some((p) => glob(p).test(resource)) &&
            (entry.privileges ?? []).some((granted) => {
              if (granted === "*" || granted === privilege) return true;
              const named = users.applicationPrivilege(application, granted);
              return named?.actions.some((action) => glob(action).test(privilege)) ?? false;
            }),
        ),
      ),
  };
}

function both(a: Grants, b: Grants): Grants {
  return {
    cluster: (p) => a.cluster(p) && b.cluster(p),
    index: (n, p) => a.index(n, p) && b.index(n, p),
    application: (app, res, p) => a.application(app, res, p) && b.application(app, res, p),
  };
}

export function grantsOf(principal: Principal, users: UserStore): Grants {
  if (principal.kind !== "api_key") return rolesGrant(Object.values(principal.user.roleDescriptors), users);
  const key = principal.apiKey;
  const owner = rolesGrant(Object.values(key.limitedBy ?? principal.user.roleDescriptors), users);
  const own = Object.values(key.roleDescriptors);
  return own.length === 0 ? owner : both(rolesGrant(own, users), owner);
}

export interface PrivilegesRequest {
  cluster?: string[];
  index?: Array<{ names: string | string[]; privileges: string[] }>;
  application?: Array<{ application: string; resources: string[]; privileges: string[] }>;
}

/** The body of `_has_privileges`. */
export function hasPrivileges(principal: Principal, users: UserStore, request: PrivilegesRequest): Record<string, unknown> {
  const grants = grantsOf(principal, users);
  let all = true;
  const check = (granted: boolean): boolean => {
    all &&= granted;
    return granted;
  };
  const cluster: Record<string, boolean> = {};
  for (const privilege of request.cluster ?? []) cluster[privilege] = check(grants.cluster(privilege));
  const index: Record<string, Record<string, boolean>> = {};
  for (const entry of request.index ?? []) {
    for (const name of [entry.names].flat()) {
      const result = (index[name] ??= {});
      for (const privilege of entry.privileges) result[privilege] = check(grants.index(name, privilege));
    }
  }
  const application: Record<string, Record<string, Record<string, boolean>>> = {};
  for (const entry of request.application ?? []) {
    const app = (application[entry.application] ??= {});
    for (const resource of entry.resources) {
      const result = (app[resource] ??= {});
      for (const privilege of entry.privileges) result[privilege] = check(grants.application(entry.application, resource, privilege));
    }
  }
  return { username: principal.user.username, has_all_requested: all, cluster, index, application };
}
