// What may be shown of a value: secrets as "[secret]", unknowns as "[unknown]", and the CLI's masking of free text
// (host logs, provider error messages): stack-config secrets only.
import {
  deepEqual,
  isObject,
  isSecret,
  PROVIDER_KEY,
  UNKNOWN,
  type PropertyMap,
  type Wire,
} from "./rpc-values";
import type { PropertyDiff } from "./types";

export const SECRET_MASK = "[secret]";
export const UNKNOWN_MASK = "[unknown]";

export function displayValue(v: Wire | undefined): unknown {
  if (v === undefined) return undefined;
  if (isSecret(v)) return SECRET_MASK;
  if (v === UNKNOWN) return UNKNOWN_MASK;
  if (Array.isArray(v)) return v.map(displayValue);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, displayValue(x)]));
  return v;
}

export function displayMap(m: PropertyMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, displayValue(v)]));
}

/** Top-level keys that differ; `__provider` only when asked (the engine's own diff includes it, reports do not). */
export function changedKeys(olds: PropertyMap, news: PropertyMap, includeProvider = false): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => (includeProvider || k !== PROVIDER_KEY) && !deepEqual(olds[k], news[k])).sort();
}

export function propertyDiffs(olds: PropertyMap, news: PropertyMap): PropertyDiff[] {
  return changedKeys(olds, news).map((property) => {
    const d: PropertyDiff = { property };
    if (olds[property] !== undefined) d.old = displayValue(olds[property]);
    if (news[property] !== undefined) d.new = displayValue(news[property]);
    return d;
  });
}

/**
 * Masks secret plaintexts in free text (diagnostics, host log lines) as the CLI's log filter does (R: sdk/go/common/
 * util/logging/log.go CreateFilter, fed with the stack config's secure values in pkg/engine/events.go): only stack-
 * config secrets are known to it, so a program's or a provider's secret in an error or a log line is printed in
 * clear. Values shorter than 3 characters and "true"/"false" are not masked; a value's JSON-escaped form is.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern?: RegExp;

  add(s: string): void {
    if (s.length < 3 || /^(true|false)$/i.test(s)) return;
    const escaped = JSON.stringify(s).slice(1, -1);
    for (const form of escaped === s ? [s] : [s, escaped]) this.secrets.add(form);
    this.pattern = undefined;
  }

  /**
   * `keep`: text that is not the message's but the engine's own (the resource's type and name, which the CLI shows
   * on the resource's row, unfiltered); it is left alone, so a secret equal to an ordinary word ("elastic") does not
   * turn `dynamic/elastic:CrossClusterApiKey` into `dynamic/[secret]:CrossClusterApiKey`.
   */
  redact(text: string, keep: readonly string[] = []): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join("|"),
      "g",
    );
    const kept = keep.filter((k) => k.length > 0);
    if (kept.length === 0) return text.replace(this.pattern, SECRET_MASK);
    const pieces = text.split(new RegExp(`(${kept.map(escapeRegExp).join("|")})`));
    return pieces.map((piece, i) => (i % 2 === 1 ? piece : piece.replace(this.pattern!, SECRET_MASK))).join("");
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
