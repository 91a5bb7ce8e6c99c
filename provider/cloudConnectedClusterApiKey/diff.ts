import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../json";
import { rotationDue } from "../rotation";
import { containsUnknown, UNKNOWN } from "../unknowns";
import { flag } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";

/** What an update must do. Diff and update both derive it from here, so preview shows exactly what `up` does. */
export interface Plan {
  /** Inputs that force a replacement (a different cluster, or a different key of it, is a different resource). */
  replaces: string[];
  /** Why the key must be rotated again; empty means the key stays. */
  rotate: string[];
  /** `revokePreviousKey` is on but the key made pending by the last rotation has not been revoked yet. */
  revokeNow: boolean;
  /** Inputs that only change what the provider stores (or may change, while unknown in preview). */
  stored: string[];
}

type News = Record<string, unknown>;

const differs = (a: unknown, b: unknown): boolean => containsUnknown(a) || canonicalJson(a ?? null) !== canonicalJson(b ?? null);

/**
 * The rules, stated once:
 * - `clusterId` or `service` changed → replace (a different key: never re-pointed in place).
 * - `triggers` changed (any key or value; absent equals `{}`) → rotate. Unknown in preview → "may rotate".
 * - the last rotation's outcome is unknown (`rotationOutcomeUnknown` in state) → rotate.
 * - `rotateAfter` elapsed since `rotatedAt` (or check's `rotationDue` present) → rotate; otherwise a changed
 *   `rotateAfter` is only stored.
 * - `revokePreviousKey` on while the previous key is still pending → revoke now, without rotating. Turning it off,
 *   `useEtag`, `revokeOnDelete`, `connection` and the sibling bookkeeping are only stored: none of them ever rotates
 *   the key.
 */
export function plan(olds: CloudConnectedClusterApiKeyOutputs, news: News, nowMs: number): Plan {
  const replaces: string[] = [];
  const rotate: string[] = [];
  const stored: string[] = [];

  if (news.clusterId === UNKNOWN || news.clusterId !== olds.clusterId) replaces.push("clusterId");
  // Never re-point a key: the key in state belongs to the old service (or the cluster), and rotating another one
  // in place would leave it in `key` under a name it no longer has.
  if (news.service === UNKNOWN || news.service !== olds.service) replaces.push("service");

  if (differs(news.triggers ?? {}, olds.triggers ?? {})) rotate.push("triggers");
  // A rotation whose answer was lost may have made the key in state pending: rotate to one Pulumi holds.
  if (olds.rotationOutcomeUnknown !== undefined) rotate.push("rotationOutcomeUnknown");
  // Someone else changed the cluster: shown, and acknowledged by the update, never answered with a rotation.
  if (olds.changedOutsidePulumi !== undefined) stored.push("changedOutsidePulumi");

  const rotateAfter = news.rotateAfter;
  if (rotateAfter === UNKNOWN) stored.push("rotateAfter");
  // `rotationDue` is check's computed input (schedule.ts): what preview showed is what up does.
  else if (typeof news.rotationDue === "string" || (typeof rotateAfter === "string" && rotationDue(olds.rotatedAt, rotateAfter, nowMs)))
    rotate.push("rotateAfter");
  else if (rotateAfter !== olds.rotateAfter) stored.push("rotateAfter");

  const revoke = flag(news, "revokePreviousKey");
  if (revoke === UNKNOWN || revoke !== flag(olds, "revokePreviousKey")) stored.push("revokePreviousKey");
  const revokeNow = revoke === true && rotate.length === 0 && !olds.previousKeyRevoked;

  for (const name of ["useEtag", "revokeOnDelete"] as const) {
    if (differs(flag(news, name), flag(olds, name))) stored.push(name);
  }
  // How this key shares the cluster's ETag with its siblings (siblings.ts): stored, so refresh can use it.
  if (differs(news.siblingEtags ?? [], olds.siblingEtags ?? [])) stored.push("siblingEtags");
  if (differs(news.etagWatchedBy, olds.etagWatchedBy)) stored.push("etagWatchedBy");
  if (differs(news.connection, olds.connection)) stored.push("connection");

  return { replaces, rotate, revokeNow, stored };
}

export function diffCloudConnectedClusterApiKey(olds: CloudConnectedClusterApiKeyOutputs, news: News, nowMs: number): pulumi.dynamic.DiffResult {
  const p = plan(olds, news, nowMs);
  const changes = p.replaces.length + p.rotate.length + p.stored.length > 0 || p.revokeNow;
  // Create-before-delete: a new cluster's key is rotated before the old resource is forgotten.
  return { changes, replaces: p.replaces, deleteBeforeReplace: false };
}
