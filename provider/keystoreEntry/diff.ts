import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import type { KeystoreEntryOutputs } from "./outputs";

/**
 * Replace: the entry's identity — `deploymentId`, `refId`, `setting` (the new entry is written before the old one
 * is removed, and they never collide because their identities differ). Update in place: `value` (a PATCH that
 * replaces the value under the same name: never a replacement, whose delete at the end would remove the entry),
 * `verify`, `verifyConnection` and `connection`.
 */
export function diffKeystoreEntry(olds: KeystoreEntryOutputs, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces = (["deploymentId", "refId", "setting"] as const).filter((k) => news[k] !== olds[k]);
  const updates = (["value", "verify", "verifyConnection", "connection"] as const).filter((k) => canonicalJson(news[k] ?? null) !== canonicalJson(olds[k] ?? null));
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}
