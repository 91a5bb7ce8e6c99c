import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { endpointsChanged } from "../clusterIdentity";
import { canonicalJson } from "../json";
import { rotationDue } from "../rotation";
import { containsUnknown, UNKNOWN } from "../unknowns";
import type { CrossClusterApiKeyOutputs } from "./outputs";
import { type AccessInput, normalizeAccess } from "./schema";

type News = Record<string, unknown>;

/**
 * Which input changes replace the key and which update it in place — stated here and nowhere else.
 *
 * Replace (a new key is created before the old one is invalidated, so consumers can switch):
 * - `name`: Elasticsearch cannot rename a key;
 * - `expiration` removed: an expiry cannot be lifted in place;
 * - `adoptKeyId` naming a different key than the one adopted or managed;
 * - `connection` pointing at other endpoints: the new key is created on the new cluster, the old one invalidated
 *   on the old cluster (its delete keeps the old connection);
 * - the key has expired, or `rotateAfter` has elapsed since its creation (time-based rotation);
 * - `triggers` changed (any name or value; absent equals `{}`; unknown in preview counts as changed): rotation on demand.
 * Update in place (same id, same key material): `access`, `metadata`, a new `expiration`, `certificateIdentity`
 * (set, changed or removed); and `rotateAfter` or the rest of `connection` (credentials, TLS), which change only
 * what the provider stores. `owner` (the URN)
 * never counts: it changes only when the resource is renamed with an alias, and the key stays the same.
 */
export function diffCrossClusterApiKey(olds: CrossClusterApiKeyOutputs, news: News, nowMs: number): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  const updates: string[] = [];

  if (news.name === UNKNOWN || news.name !== olds.name) replaces.push("name");
  // adoptKeyId applies to the first create only: naming the key adopted then (or the current one) changes nothing.
  if (typeof news.adoptKeyId === "string" && news.adoptKeyId !== olds.adoptKeyId && news.adoptKeyId !== olds.keyId) {
    replaces.push("adoptKeyId");
  }

  const expiration = news.expiration as string | undefined;
  if (olds.expirationDuration !== undefined && expiration === undefined) replaces.push("expiration");
  else if (olds.expiration !== undefined && Date.parse(olds.expiration) <= nowMs) replaces.push("expiration");
  else if (expiration !== olds.expirationDuration) updates.push("expiration");

  if (containsUnknown(news.triggers) || canonicalJson(news.triggers ?? {}) !== canonicalJson(olds.triggers ?? {})) replaces.push("triggers");

  const rotateAfter = news.rotateAfter as string | undefined;
  if (rotateAfter === UNKNOWN) updates.push("rotateAfter");
  else if (rotateAfter !== undefined && rotationDue(olds.creation, rotateAfter, nowMs)) replaces.push("rotateAfter");
  else if (rotateAfter !== olds.rotateAfter) updates.push("rotateAfter");

  if (containsUnknown(news.access) || !isDeepStrictEqual(normalizeAccess(news.access as AccessInput), olds.access)) {
    updates.push("access");
  }
  // Set, changed and removed in place (removing it sends null); `?? undefined` so an explicit undefined is no change.
  if ((news.certificateIdentity ?? undefined) !== olds.certificateIdentity) updates.push("certificateIdentity");
  if (containsUnknown(news.metadata) || canonicalJson(news.metadata ?? {}) !== canonicalJson(olds.metadata ?? {})) {
    updates.push("metadata");
  }
  // A key lives on one cluster: other endpoints mean a new key there and the old one invalidated where it lives.
  if (endpointsChanged(olds.connection, news.connection)) replaces.push("connection");
  else if (canonicalJson(news.connection ?? null) !== canonicalJson(olds.connection ?? null)) updates.push("connection");

  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}
