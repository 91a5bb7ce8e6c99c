/**
 * Users, roles and application privileges: the three built-in users, and the native users and roles tests create
 * through the security API (`PUT /_security/user/{name}`, `PUT /_security/role/{name}`) as upstream does.
 */
import { emptyDescriptor, type RoleDescriptor } from "./role-descriptors";
import type { EmulatorCredentials } from "./types";

export interface User {
  username: string;
  password: string;
  roles: string[];
  realm: { name: string; type: string };
  /** Cluster privileges of the user's roles, resolved when the user authenticated. */
  clusterPrivileges: readonly string[];
  /** The user's roles by name, resolved when the user authenticated (an API key's `limited_by`). */
  roleDescriptors: Record<string, RoleDescriptor>;
  metadata: Record<string, unknown>;
  fullName: string | null;
  email: string | null;
}

interface StoredUser {
  username: string;
  password: string;
  roles: string[];
  realm: { name: string; type: string };
  metadata: Record<string, unknown>;
  fullName: string | null;
  email: string | null;
}

/** One application privilege (`PUT /_security/privilege`): a name for a set of action patterns. */
export interface ApplicationPrivilege {
  application: string;
  name: string;
  actions: string[];
  metadata: Record<string, unknown>;
}

export const NATIVE_REALM = { name: "default_native", type: "native" };
const RESERVED_REALM = { name: "reserved", type: "reserved" };

const SUPERUSER_ROLE: RoleDescriptor = {
  ...emptyDescriptor(["all"], [{ names: ["*"], privileges: ["all"], allow_restricted_indices: true }]),
  applications: [{ application: "*", privileges: ["*"], resources: ["*"] }],
  run_as: ["*"],
  metadata: { _reserved: true },
};

export class UserStore {
  private readonly users = new Map<string, StoredUser>();
  private readonly roles = new Map<string, RoleDescriptor>();
  private readonly applicationPrivileges = new Map<string, ApplicationPrivilege>();
  /** Built-in users and roles cannot be changed or deleted through the API. */
  private readonly reserved = new Set<string>();
  readonly superuser: string;

  constructor(credentials: EmulatorCredentials) {
    this.superuser = credentials.superuser.username;
    this.roles.set("superuser", SUPERUSER_ROLE);
    this.roles.set("key_admin", emptyDescriptor(["manage_api_key"], []));
    this.roles.set("viewer", emptyDescriptor(["monitor"], []));
    const builtIn = (user: { username: string; password: string }, role: string, realm: StoredUser["realm"], metadata = {}): void => {
      this.users.set(user.username, { ...user, roles: [role], realm, metadata, fullName: null, email: null });
      this.reserved.add(`user:${user.username}`);
    };
    builtIn(credentials.superuser, "superuser", RESERVED_REALM, { _reserved: true });
    builtIn(credentials.apiKeyAdmin, "key_admin", NATIVE_REALM);
    builtIn(credentials.noPrivileges, "viewer", NATIVE_REALM);
    for (const role of ["superuser", "key_admin", "viewer"]) this.reserved.add(`role:${role}`);
  }

  /** The user with its roles resolved now (roles that do not exist grant nothing, as in Elasticsearch). */
  resolve(username: string): User | undefined {
    const stored = this.users.get(username);
    if (!stored) return undefined;
    const roleDescriptors: Record<string, RoleDescriptor> = {};
    for (const role of stored.roles) {
      const descriptor = this.roles.get(role);
      if (descriptor) roleDescriptors[role] = structuredClone(descriptor);
    }
    const clusterPrivileges = [...new Set(Object.values(roleDescriptors).flatMap((d) => d.cluster))];
    return { ...stored, roles: [...stored.roles], clusterPrivileges, roleDescriptors };
  }

  isReserved(kind: "user" | "role", name: string): boolean {
    return this.reserved.has(`${kind}:${name}`);
  }

  /** Creates or replaces a native user; without a password an existing user keeps its own. Returns whether it was new. */
  putUser(username: string, input: { password?: string; roles: string[]; metadata: Record<string, unknown>; fullName: string | null; email: string | null }): boolean {
    const existing = this.users.get(username);
    this.users.set(username, {
      username,
      password: input.password ?? existing?.password ?? "",
      roles: input.roles,
      realm: NATIVE_REALM,
      metadata: input.metadata,
      fullName: input.fullName,
      email: input.email,
    });
    return !existing;
  }

  hasUser(username: string): boolean {
    return this.users.has(username);
  }

  deleteUser(username: string): boolean {
    return this.users.delete(username);
  }

  putRole(name: string, descriptor: RoleDescriptor): boolean {
    const created = !this.roles.has(name);
    this.roles.set(name, descriptor);
    return created;
  }

  deleteRole(name: string): boolean {
    return this.roles.delete(name);
  }

  putApplicationPrivilege(privilege: ApplicationPrivilege): boolean {
    const key = `${privilege.application}/${privilege.name}`;
    const created = !this.applicationPrivileges.has(key);
    this.applicationPrivileges.set(key, privilege);
    return created;
  }

  deleteApplicationPrivilege(application: string, name: string): boolean {
    return this.applicationPrivileges.delete(`${application}/${name}`);
  }

  applicationPrivilege(application: string, name: string): ApplicationPrivilege | undefined {
    return this.applicationPrivileges.get(`${application}/${name}`);
  }
}
