/**
 * Reusable building blocks with Elasticsearch's own validation messages, so that the provider can reject bad
 * inputs at preview time with the same words the server would use. A few limits are this library's rather than
 * Elasticsearch's (request field size, the longest expiration, text with no UTF-8 form); each says so where it is
 * defined.
 */
import { z } from "zod";

/** Java's `String.trim()` strips code points ≤ U+0020; Elasticsearch compares the name with its trimmed form. */
const javaTrimmed = (s: string): boolean => s.length === 0 || (s.charCodeAt(0) > 0x20 && s.charCodeAt(s.length - 1) > 0x20);

/** API key name: required, ≤ 256 characters, no leading/trailing whitespace, no leading `_`. Names are not unique. */
export const apiKeyNameSchema = z
  .string({ error: (iss) => (iss.input === undefined || iss.input === null ? "api key name is required" : "api key name must be a string") })
  .superRefine((name, ctx) => {
    // Elasticsearch reports every rule that fails, and treats a blank name as a missing one.
    if (name.trim() === "") {
      ctx.addIssue({ code: "custom", message: "api key name is required" });
      return;
    }
    if (name.length > 256) ctx.addIssue({ code: "custom", message: "api key name may not be more than 256 characters long" });
    if (!javaTrimmed(name)) ctx.addIssue({ code: "custom", message: "api key name may not begin or end with whitespace" });
    if (name.startsWith("_")) ctx.addIssue({ code: "custom", message: "api key name may not begin with an underscore" });
    const broken = loneSurrogateAt(name);
    if (broken >= 0) ctx.addIssue({ code: "custom", message: notUtf8("api key name", name, broken) });
  });

const DURATION = /^(\d+)(nanos|micros|ms|s|m|h|d)$/i;

/** Milliseconds per unit of {@link durationSchema}. */
const UNIT_MS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The longest `expiration` accepted: 100 years (36500d). A limit of this library, not of Elasticsearch, whose
 * parser takes far more and fails only once now + duration overflows a Java Instant; long before that the expiry
 * stops being a date JavaScript can represent. A key meant to outlive 100 years should have no expiration at all.
 */
export const MAX_EXPIRATION_MS = 36_500 * 86_400_000;

/** A time value as Elasticsearch parses `expiration`: `<integer><unit>` (`nanos|micros|ms|s|m|h|d`, any case), `0` or `-1`. */
export const durationSchema = z
  .string({ error: "expiration must be a string such as \"30d\"" })
  .refine((s) => parseDurationMs(s) !== undefined, { error: (iss) => durationError(String(iss.input)) })
  .refine((s) => (parseDurationMs(s) ?? 0) <= MAX_EXPIRATION_MS, {
    error: (iss) => `expiration [${String(iss.input)}] is longer than 36500d (100 years); omit expiration for a key that should never expire`,
  });

/**
 * The shortest lifetime this library accepts for any duration input (a key's `expiration`, a rotation interval):
 * one minute. Elasticsearch takes `0`, `-1` or `1nanos`, but each gives a key that is expired before anyone can
 * use it (and, with rotation, a new dead key on every run).
 */
export const MIN_LIFETIME_MS = 60_000;
export const MIN_LIFETIME = "1m";

/** Why `value` of `field` is too short to be a usable lifetime, or `undefined` (also for values that do not parse). */
export function lifetimeProblem(field: string, value: string): string | undefined {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms >= MIN_LIFETIME_MS) return undefined;
  const why = ms <= 0 ? "is not a lifetime (a key with it would be dead at once)" : "is too short to use the key";
  return `${field} ${JSON.stringify(value)} ${why}; the smallest accepted value is "${MIN_LIFETIME}"${field === "expiration" ? " (omit expiration for a key that never expires)" : ""}`;
}

/** A {@link durationSchema} that is also at least {@link MIN_LIFETIME}: every lifetime a program gives. */
export function lifetimeSchema(field: string) {
  return durationSchema.superRefine((value, ctx) => {
    const problem = lifetimeProblem(field, value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

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

/**
 * Upper bound on the JSON (UTF-8 bytes) of one request field: `metadata`, `access`, `role_descriptors`. A limit of
 * this library, not of Elasticsearch (whose request limit, `http.max_content_length`, is 100 MB): 1 MiB is far
 * beyond any real key — a thousand index patterns and a page of metadata come to well under 100 KiB — while such a
 * field is stored in the security index, cached with every API key document, resent on every update and stored
 * (twice) in Pulumi state.
 */
export const MAX_FIELD_JSON_BYTES = 1024 * 1024;

/** The issue for a field whose JSON is over {@link MAX_FIELD_JSON_BYTES}, or `undefined`. */
export function jsonSizeProblem(field: string, value: unknown): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
  if (bytes <= MAX_FIELD_JSON_BYTES) return undefined;
  return `${field} is ${bytes} bytes as JSON, more than the limit of ${MAX_FIELD_JSON_BYTES} (1 MiB); keep large data elsewhere and store a reference to it`;
}

/**
 * Elasticsearch stores API key metadata in a `flattened` field (`metadata_flattened` in the security index), so
 * the field type's limits apply: objects nested at most 20 keys deep (`depth_limit`), no `\0` in keys (the
 * separator of keyed values), and each leaf value, prefixed with its dotted key and a `\0`, at most
 * {@link MAX_TERM_BYTES}. Exceeding them fails the create or update only once the document is parsed, after the
 * request was sent; checked here, preview can say so.
 */
export const FLATTENED_DEPTH_LIMIT = 20;

/** Lucene's `IndexWriter.MAX_TERM_LENGTH`, in UTF-8 bytes: the longest keyed value a flattened field can index. */
export const MAX_TERM_BYTES = 32_766;

/** An issue found by a walk over a JSON-like value, for `ctx.addIssue`. */
export interface PathIssue {
  path: (string | number)[];
  message: string;
}

/** The flattened field's rules over `metadata`, with paths to the offending value (ES's words where it has them). */
function flattenedIssues(value: unknown, path: (string | number)[], keys: string[], out: PathIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenedIssues(item, [...path, i], keys, out));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const nestedKeys = [...keys, key];
      if (item !== null && typeof item === "object" && !Array.isArray(item) && nestedKeys.length + 1 > FLATTENED_DEPTH_LIMIT) {
        out.push({
          path: [...path, key],
          message: `The provided [flattened] field [metadata_flattened] exceeds the maximum depth limit of [${FLATTENED_DEPTH_LIMIT}]: metadata may nest objects at most ${FLATTENED_DEPTH_LIMIT} keys deep`,
        });
        continue;
      }
      flattenedIssues(item, [...path, key], nestedKeys, out);
    }
    return;
  }
  if (value === null || value === undefined) return;
  const key = keys.join(".");
  if (key.includes("\0")) {
    out.push({ path, message: "Keys in [flattened] fields cannot contain the reserved character \\0: remove it from the metadata key" });
    return;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const keyBytes = Buffer.byteLength(key, "utf8");
  const valueBytes = Buffer.byteLength(text, "utf8");
  if (keyBytes + 1 + valueBytes > MAX_TERM_BYTES) {
    out.push({
      path,
      message:
        `Flattened field [metadata_flattened] contains one immense field whose keyed encoding is longer than the allowed max length of ${MAX_TERM_BYTES} bytes ` +
        `(key ${keyBytes} bytes, value ${valueBytes} bytes): keep large data elsewhere and store a reference to it in metadata`,
    });
  }
}

/**
 * API key metadata: an object whose top-level keys do not start with `_` (reserved for Elasticsearch), within the
 * limits of the field Elasticsearch indexes it in (see {@link FLATTENED_DEPTH_LIMIT}), in text that has a UTF-8 form,
 * and at most {@link MAX_FIELD_JSON_BYTES} of JSON.
 */
export const metadataSchema = z
  .record(z.string(), z.unknown(), { error: "metadata must be an object" })
  .superRefine((metadata, ctx) => {
    const tooBig = jsonSizeProblem("metadata", metadata);
    if (tooBig) {
      ctx.addIssue({ code: "custom", message: tooBig });
      return;
    }
    for (const key of Object.keys(metadata))
      if (key.startsWith("_")) ctx.addIssue({ code: "custom", message: "API key metadata keys may not start with [_]", path: [key] });
    const issues: PathIssue[] = [];
    flattenedIssues(metadata, [], [], issues);
    wellFormedIssues(metadata, [], "metadata", issues);
    for (const { path, message } of issues) ctx.addIssue({ code: "custom", message, path });
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

// ── Text with no UTF-8 form ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Index of the first lone UTF-16 surrogate in `s` (half of a pair, e.g. from text cut in the middle of an emoji), or
 * -1. Such a string has no UTF-8 form: every encoder on the way (Pulumi's gRPC, the HTTP body, Elasticsearch's
 * JSON parser) replaces it with U+FFFD or drops it, so what would be stored is not what was written.
 */
export function loneSurrogateAt(s: string): number {
  const m = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(s);
  return m ? m.index : -1;
}

/** Index of the first C0 or C1 control character (tab, line break, NUL, DEL …) in `s`, or -1. */
export function controlCharacterAt(s: string): number {
  const m = /[\u0000-\u001f\u007f-\u009f]/.exec(s);
  return m ? m.index : -1;
}

/** `U+000A` for the UTF-16 unit at `index`. */
export function codeUnitName(s: string, index: number): string {
  return `U+${s.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The message for a lone surrogate at `index` of `what`. Names the position and code unit, never the text. */
export function notUtf8(what: string, s: string, index: number): string {
  return (
    `${what} contains a lone UTF-16 surrogate (${codeUnitName(s, index)} at position ${index}), which has no UTF-8 form and would be ` +
    "stored as U+FFFD: remove it, or restore the character it was half of"
  );
}

/**
 * Lone surrogates anywhere in a JSON-like value: values at their own path; keys at their object's path, since a
 * property path cannot carry a key that cannot be encoded.
 */
export function wellFormedIssues(value: unknown, path: (string | number)[], what: string, out: PathIssue[]): void {
  if (typeof value === "string") {
    const at = loneSurrogateAt(value);
    if (at >= 0) out.push({ path, message: notUtf8(`this ${what} value`, value, at) });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => wellFormedIssues(item, [...path, i], what, out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, item] of Object.entries(value)) {
    const at = loneSurrogateAt(key);
    if (at >= 0) out.push({ path, message: notUtf8(`a key of this ${what} object`, key, at) });
    else wellFormedIssues(item, [...path, key], what, out);
  }
}
