import type * as pulumi from "@pulumi/pulumi";
import { endpointsChanged } from "../clusterIdentity";
import { canonicalJson } from "../json";
import { containsUnknown, UNKNOWN } from "../unknowns";
import type { ApiKeyOutputs } from "./outputs";
import { normalizeRoleDescriptors } from "./roleDescriptors";

type News = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => !containsUnknown(a) && canonicalJson(a) === canonicalJson(b);

/**
 * Which input changes replace the key and which update it — stated here and nowhere else.
 * Replace (the new key exists before the old one is invalidated): `name`, `roleDescriptors` (compared in
 * Elasticsearch's meaning: `names: "x"` is `["x"]`, explicit defaults are no change), `metadata`, `expiration`,
 * `connection` pointing at other endpoints (another cluster), and a key that has expired. The sdk has no update
 * call for REST keys' privileges, and a new key is also the safe answer to changed privileges: whatever holds the
 * old key loses them when it is invalidated.
 * Update: the rest of `connection` only (what the provider stores). `owner` never counts (see ../createMarked.ts).
 */
export function diffApiKey(olds: ApiKeyOutputs, news: News, nowMs: number): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (news.name === UNKNOWN || news.name !== olds.name) replaces.push("name");
  const roleDescriptors = news.roleDescriptors ?? {};
  if (containsUnknown(roleDescriptors) || !same(normalizeRoleDescriptors(roleDescriptors), normalizeRoleDescriptors(olds.roleDescriptors ?? {}))) {
    replaces.push("roleDescriptors");
  }
  if (!same(news.metadata ?? {}, olds.metadata ?? {})) replaces.push("metadata");
  if (news.expiration !== olds.expirationDuration) replaces.push("expiration");
  else if (olds.expiration !== undefined && Date.parse(olds.expiration) <= nowMs) replaces.push("expiration");
  if (endpointsChanged(olds.connection, news.connection)) replaces.push("connection");
  const connectionChanged = canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null);
  return { changes: replaces.length > 0 || connectionChanged, replaces, deleteBeforeReplace: false };
}
