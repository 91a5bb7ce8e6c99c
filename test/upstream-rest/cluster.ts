/**
 * The test clusters the upstream files were written for. Elasticsearch's x-pack YAML tests run as a superuser; the
 * ent-search ones (EnterpriseSearchRestIT) also have users from the cluster's roles.yml — `entsearch-user` with role
 * `user` (connector secrets, no connector management) and `entsearch-unprivileged`, whose password differs from the
 * one the tests send, which is why they expect 401. The emulator gets the same users through its own security API.
 */
import { request } from "undici";
import type { Emulator } from "../emulator";

const ENTSEARCH_ROLES: Record<string, unknown> = {
  user: {
    cluster: ["post_behavioral_analytics_event", "manage_api_key", "read_connector_secrets", "write_connector_secrets"],
    indices: [{ names: ["test-*"], privileges: ["read"] }],
  },
  unprivileged: { indices: [{ names: ["test-*"], privileges: ["manage", "write", "read"] }] },
};

const ENTSEARCH_USERS: Record<string, { password: string; roles: string[] }> = {
  "entsearch-user": { password: "entsearch-user-password", roles: ["user"] },
  "entsearch-unprivileged": { password: "entsearch-unprivileged-password", roles: ["unprivileged"] },
};

export function adminAuth(emulator: Emulator): string {
  const { username, password } = emulator.credentials.superuser;
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

async function put(emulator: Emulator, path: string, body: unknown): Promise<void> {
  const res = await request(`${emulator.esUrl}${path}`, {
    method: "PUT",
    headers: { authorization: adminAuth(emulator), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`cluster fixture: PUT ${path} answered ${res.statusCode} ${text}`);
}

/** Creates the users and roles the file's test cluster has. */
export async function prepareCluster(emulator: Emulator, file: string): Promise<void> {
  if (!file.startsWith("entsearch/")) return;
  for (const [name, role] of Object.entries(ENTSEARCH_ROLES)) await put(emulator, `/_security/role/${name}`, role);
  for (const [name, user] of Object.entries(ENTSEARCH_USERS)) await put(emulator, `/_security/user/${name}`, user);
}
