import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MAX_EXPIRATION_MS, parseDurationMs } from "../sdk";
import type { CheckFailure } from "./checkFailures";
import { formatElapsed, rotationDue } from "./rotation";
import { UNKNOWN } from "./unknowns";
import { warnOnce } from "./warnOnce";

/**
 * Expiry made visible before it bites: when a key's stored expiry is within `expiryWarning` of now, `pulumi preview`
 * and `pulumi up` print a warning naming the resource, the key id, the date and what to do. It is computed in diff
 * from the stored outputs (no request, no refresh needed) and changes nothing in the plan: a warning on the host's
 * stderr, which the CLI shows as a diagnostic. Shared by CrossClusterApiKey and ApiKey (so ConnectorApiKey).
 */

const DAY_MS = 86_400_000;
/** The window when `expiryWarning` is not set, for keys that live at least three times as long. */
export const DEFAULT_EXPIRY_WARNING = "14d";
const DEFAULT_WINDOW_MS = 14 * DAY_MS;
/** The value that turns the warning off. */
export const EXPIRY_WARNING_OFF = "0";

const HOW = 'a duration such as "14d" (units: ms, s, m, h, d), or "0" to turn the warning off';

/** `expiryWarning`: a duration up to 36500d, or "0" (off). */
export const expiryWarningSchema = z.string({ error: `expiryWarning must be ${HOW}` }).superRefine((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms < 0) ctx.addIssue({ code: "custom", message: `expiryWarning ${JSON.stringify(value)} is not ${HOW}` });
  else if (ms > MAX_EXPIRATION_MS) ctx.addIssue({ code: "custom", message: `expiryWarning ${JSON.stringify(value)} is longer than 36500d (100 years); give a shorter window, or "0" to turn the warning off` });
});

const known = (value: unknown): value is string => typeof value === "string" && value !== UNKNOWN;

/**
 * A window at least as long as the declared lifetime would warn from the moment the key is created, at every
 * preview, until it is renewed: noise that teaches readers to skip warnings. An explicit one is refused at preview,
 * as `rotateAfter` not shorter than `expiration` is. (The default never is: it shrinks for short-lived keys.)
 */
export function expiryWarningFailures(inputs: { expiryWarning?: unknown; expiration?: unknown }): CheckFailure[] {
  if (!known(inputs.expiryWarning) || !known(inputs.expiration)) return [];
  const window = parseDurationMs(inputs.expiryWarning);
  const lifetime = parseDurationMs(inputs.expiration);
  if (window === undefined || lifetime === undefined || window <= 0 || lifetime <= 0 || window < lifetime) return [];
  return [
    {
      property: "expiryWarning",
      reason:
        `expiryWarning (${inputs.expiryWarning}) must be shorter than expiration (${inputs.expiration}), or every preview warns ` +
        `from the day the key is created; give a shorter window, or "${EXPIRY_WARNING_OFF}" to turn the warning off`,
    },
  ];
}

interface Window {
  ms: number;
  /** How the window came about, for the warning's last words. */
  described: string;
}

/**
 * The window in force: `expiryWarning` as given ("0": none), else 14d — or a third of the declared `expiration`
 * when the key lives less than 42 days, so that a 7-day key warns in its last 2d 8h rather than all its life
 * (refusing it would break every program that declares a short key and never asked for warnings).
 */
export function warningWindow(expiryWarning: unknown, expiration: unknown): Window | undefined {
  if (known(expiryWarning)) {
    const ms = parseDurationMs(expiryWarning);
    if (ms !== undefined && ms >= 0) return ms === 0 ? undefined : { ms, described: JSON.stringify(expiryWarning) };
  }
  const lifetime = known(expiration) ? parseDurationMs(expiration) : undefined;
  if (lifetime !== undefined && lifetime > 0 && lifetime / 3 < DEFAULT_WINDOW_MS) {
    return { ms: lifetime / 3, described: `${formatElapsed(lifetime / 3)} (the default for expiration ${JSON.stringify(expiration)}: a third of it)` };
  }
  return { ms: DEFAULT_WINDOW_MS, described: `${DEFAULT_EXPIRY_WARNING} (the default)` };
}

/** The stored outputs both key resources share, as far as the warning needs them. */
export interface ExpiringKeyOutputs {
  keyId?: string;
  name?: string;
  creation?: string;
  /** The absolute expiry (ISO 8601) as Elasticsearch reported it. */
  expiration?: string;
  owner?: string;
}

export type KeyKind = "CrossClusterApiKey" | "ApiKey";

/**
 * The resource as the CLI names it in its own output, `<type> (<name>)`, from the URN the program passes as the
 * hidden `owner` input. A line on the host's stderr is shown under the stack, not under the resource, so the line
 * itself must say which resource it is about.
 */
export function resourceLabel(owner: unknown, kind: KeyKind, keyName: unknown): string {
  if (known(owner) && owner.startsWith("urn:pulumi:")) {
    const parts = owner.split("::");
    const type = parts[2]?.split("$").pop();
    if (type && parts.length >= 4) return `${type} (${parts.slice(3).join("::")})`;
  }
  return `${kind} ${JSON.stringify(typeof keyName === "string" ? keyName : "(unnamed)")}`;
}

/** `in 5 days`, `in 1 day`, `in 7h 30m`; `2 days ago` for the past. */
function relative(ms: number): string {
  const span = Math.abs(ms);
  const days = Math.floor(span / DAY_MS);
  const text = days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : formatElapsed(span);
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** The date an ISO timestamp falls on (UTC), `2026-01-15`. */
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What to do about a key that is not replaced by this plan and has not expired yet. */
function renewAdvice(kind: KeyKind, olds: ExpiringKeyOutputs, news: Record<string, unknown>, expiresMs: number): string {
  if (kind === "ApiKey") {
    return "Renew it before then: give expiration a new value, and `pulumi up` replaces the key with a new one (created before this one is invalidated).";
  }
  const rotateAfter = news.rotateAfter;
  const interval = known(rotateAfter) ? parseDurationMs(rotateAfter) : undefined;
  const rotatesAt = interval !== undefined && olds.creation !== undefined ? Date.parse(olds.creation) + interval : Number.NaN;
  if (Number.isFinite(rotatesAt) && rotatesAt < expiresMs) {
    return (
      `rotateAfter (${String(rotateAfter)}) has \`pulumi up\` replace it from ${dateOf(rotatesAt)} on: make sure one runs between then and ` +
      "the expiry, or give expiration a new value to extend the key in place now (its lifetime restarts from then)."
    );
  }
  return (
    'Renew it before then: set rotateAfter (e.g. "30d") to have `pulumi up` replace it on a schedule, change triggers to replace it at the next up, or give expiration ' +
    "a new value to extend the key in place (its lifetime restarts from the `pulumi up` that sets it)."
  );
}

/**
 * The warning for a key whose stored expiry is within the window, or `undefined`: never for a key without an
 * expiry, outside the window, or with `expiryWarning: "0"`. `replaces` are the diff's replace reasons: an expired
 * key (or a due rotation) is already replaced by this plan, and the warning says so rather than advising more.
 */
export function expiryWarningText(
  kind: KeyKind,
  olds: ExpiringKeyOutputs,
  news: Record<string, unknown>,
  replaces: readonly string[],
  nowMs: number,
): string | undefined {
  const expiresMs = olds.expiration === undefined ? Number.NaN : Date.parse(olds.expiration);
  const window = warningWindow(news.expiryWarning, news.expiration);
  if (!Number.isFinite(expiresMs) || window === undefined || expiresMs - nowMs > window.ms) return undefined;
  const label = resourceLabel(news.owner ?? olds.owner, kind, olds.name);
  const expired = expiresMs <= nowMs;
  const when = expired
    ? `expired on ${dateOf(expiresMs)} (${relative(expiresMs - nowMs)}) and no longer authenticates`
    : `expires on ${dateOf(expiresMs)} (${relative(expiresMs - nowMs)})`;
  let advice: string;
  if (replaces.length > 0 && expired) {
    advice = `This plan replaces it (${replaces.join(", ")}): run \`pulumi up\` now to create the new key, and hand it to whatever used this one.`;
  } else if (replaces.length > 0) {
    advice = `This plan replaces it (${replaces.join(", ")}): \`pulumi up\` creates the new key before invalidating this one.`;
  } else if (expired) {
    advice = "Run `pulumi up` to replace it with a new key.";
  } else {
    advice = renewAdvice(kind, olds, news, expiresMs);
  }
  return `warning: ${label}: API key ${JSON.stringify(olds.keyId ?? "")} ${when}. ${advice} [expiryWarning ${window.described}; set it to "${EXPIRY_WARNING_OFF}" to turn this warning off]`;
}

type Diff<Outputs> = (olds: Outputs, news: Record<string, unknown>, nowMs: number) => pulumi.dynamic.DiffResult;

/**
 * The resource's diff, unchanged, plus the expiry warning printed once per resource per host process (a preview, an
 * update, each has its own; `up --refresh` calls diff twice in one). The plan is the diff's alone: `expiryWarning`
 * is never a change, and printing never fails the operation.
 */
export function withExpiryWarning<Outputs extends ExpiringKeyOutputs>(kind: KeyKind, diff: Diff<Outputs>): Diff<Outputs> {
  return (olds, news, nowMs) => {
    const result = diff(olds, news, nowMs);
    const text = expiryWarningText(kind, olds, news, result.replaces ?? [], nowMs);
    if (text !== undefined) warnOnce(`expiry\u0000${olds.keyId ?? ""}\u0000${String(news.owner ?? olds.owner ?? "")}`, text);
    return result;
  };
}
