import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import { containsUnknown, UNKNOWN } from "../unknowns";
import type { ApiKeyOutputs } from "./outputs";

type News = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => !containsUnknown(a) && canonicalJson(a) === canonicalJson(b);

/**
 * Which input changes replace the key and which update it — stated here and nowhere else.
 * Replace (the new key exists before the old one is invalidated): `name`, `roleDescriptors`, `metadata`,
 * `expiration`, and a key that has expired. The sdk has no update call for REST keys, and a new key is also the
 * safe answer to changed privileges: whatever holds the old key loses them when it is invalidated.
 * Update: `connection` only (what the provider stores).
 */
export function diffApiKey(olds: ApiKeyOutputs, news: News, nowMs: number): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (news.name === UNKNOWN || news.name !== olds.name) replaces.push("name");
  if (!same(news.roleDescriptors ?? {}, olds.roleDescriptors ?? {})) replaces.push("roleDescriptors");
  if (!same(news.metadata ?? {}, olds.metadata ?? {})) replaces.push("metadata");
  if (news.expiration !== olds.expirationDuration) replaces.push("expiration");
  else if (olds.expiration !== undefined && Date.parse(olds.expiration) <= nowMs) replaces.push("expiration");
  const connectionChanged = canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null);
  return { changes: replaces.length > 0 || connectionChanged, replaces, deleteBeforeReplace: false };
}
