/**
 * Reusable building blocks with Elasticsearch's own validation messages, so that the provider can reject bad
 * inputs at preview time with the same words the server would use.
 */
import { z } from "zod";

/** Java's `String.trim()` strips code points ≤ U+0020; Elasticsearch compares the name with its trimmed form. */
const javaTrimmed = (s: string): boolean => s.length === 0 || (s.charCodeAt(0) > 0x20 && s.charCodeAt(s.length - 1) > 0x20);

/** API key name: required, ≤ 256 characters, no leading/trailing whitespace, no leading `_`. Names are not unique. */
export const apiKeyNameSchema = z
  .string({ error: "api key name is required" })
  .superRefine((name, ctx) => {
    // Elasticsearch reports every rule that fails, and treats a blank name as a missing one.
    if (name.trim() === "") {
      ctx.addIssue({ code: "custom", message: "api key name is required" });
      return;
    }
    if (name.length > 256) ctx.addIssue({ code: "custom", message: "api key name may not be more than 256 characters long" });
    if (!javaTrimmed(name)) ctx.addIssue({ code: "custom", message: "api key name may not begin or end with whitespace" });
    if (name.startsWith("_")) ctx.addIssue({ code: "custom", message: "api key name may not begin with an underscore" });
  });

const DURATION = /^(\d+)(nanos|micros|ms|s|m|h|d)$/i;

/** Milliseconds per unit of {@link durationSchema}. */
const UNIT_MS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A time value as Elasticsearch parses `expiration`: `<integer><unit>` (`nanos|micros|ms|s|m|h|d`, any case), `0` or `-1`. */
export const durationSchema = z
  .string({ error: "expiration must be a string such as \"30d\"" })
  .refine((s) => parseDurationMs(s) !== undefined, { error: (iss) => durationError(String(iss.input)) });

/** Elasticsearch's message for a time value it cannot parse (TimeValue.parseTimeValue). */
function durationError(value: string): string {
  const units = /(nanos|micros|ms|s|m|h|d)$/i;
  const amount = value.replace(units, "");
  if (units.test(value) && /^-\d+$/.test(amount))
    return `failed to parse setting [expiration] with value [${value}] as a time value: negative durations are not supported`;
  if (units.test(value) && /^\d*\.\d+$/.test(amount)) return `failed to parse [${value}], fractional time values are not supported`;
  return `failed to parse setting [expiration] with value [${value}] as a time value: unit is missing or unrecognized`;
}

/**
 * Milliseconds of a {@link durationSchema} value (`0` → 0, `-1` → -1, which Elasticsearch reads as "no expiry"),
 * or `undefined` when `s` is not a valid duration. `nanos`/`micros` give fractions of a millisecond.
 */
export function parseDurationMs(s: string): number | undefined {
  if (s === "0") return 0;
  if (s === "-1") return -1;
  const m = DURATION.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[(m[2] as string).toLowerCase()] as number);
}

/** API key metadata: an object whose top-level keys do not start with `_` (reserved for Elasticsearch). */
export const metadataSchema = z
  .record(z.string(), z.unknown(), { error: "metadata must be an object" })
  .superRefine((metadata, ctx) => {
    for (const key of Object.keys(metadata))
      if (key.startsWith("_")) ctx.addIssue({ code: "custom", message: "API key metadata keys may not start with [_]", path: [key] });
  });

/** Elastic Cloud Connected cluster id: 32 lowercase letters or digits. */
export const clusterIdSchema = z
  .string({ error: "cluster id must be a string" })
  .regex(/^[a-z0-9]{32}$/, "cluster id must be 32 lowercase letters or digits (^[a-z0-9]{32}$)");

/**
 * Renders a zod issue path the way users read it: `["search", 0, "names"]` → `search[0].names`.
 * `prefix` is prepended (e.g. `access`).
 */
export function formatIssuePath(path: readonly PropertyKey[], prefix = ""): string {
  return path.reduce<string>((out, p) => {
    if (typeof p === "number") return `${out}[${p}]`;
    const key = String(p);
    return out === "" ? key : `${out}.${key}`;
  }, prefix);
}

/**
 * Options for `z.strictObject` that phrase unrecognized keys as Elasticsearch's strict parser named `parser` does:
 * `[parser] unknown field [x]`.
 */
export function strictFields(parser: string) {
  return {
    error: (iss: { code?: string; keys?: readonly string[] }) =>
      iss.code === "unrecognized_keys" && iss.keys ? iss.keys.map((k) => `[${parser}] unknown field [${k}]`).join(", ") : undefined,
  };
}
