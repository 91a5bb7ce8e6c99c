import type { EmulatorCredentials } from "./types";

export interface User {
  username: string;
  password: string;
  roles: string[];
  realm: { name: string; type: string };
  /** Cluster privileges of the user's roles. */
  clusterPrivileges: readonly string[];
  metadata: Record<string, unknown>;
}

const NATIVE = { name: "default_native", type: "native" };

/** The three built-in users: elastic (reserved superuser), key_admin (manage_api_key) and viewer (monitor only). */
export function createUsers(credentials: EmulatorCredentials): { superuser: User; all: User[] } {
  const superuser: User = {
    ...credentials.superuser,
    roles: ["superuser"],
    realm: { name: "reserved", type: "reserved" },
    clusterPrivileges: ["all"],
    metadata: { _reserved: true },
  };
  const apiKeyAdmin: User = {
    ...credentials.apiKeyAdmin,
    roles: ["key_admin"],
    realm: NATIVE,
    clusterPrivileges: ["manage_api_key"],
    metadata: {},
  };
  const viewer: User = {
    ...credentials.noPrivileges,
    roles: ["viewer"],
    realm: NATIVE,
    clusterPrivileges: ["monitor"],
    metadata: {},
  };
  return { superuser, all: [superuser, apiKeyAdmin, viewer] };
}
