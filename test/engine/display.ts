// What may be shown of a value: secrets as "[secret]", unknowns as "[unknown]", and a redactor for free text (host
// logs, provider error messages) that replaces every secret plaintext the operation has seen.
import {
  deepEqual,
  isObject,
  isSecret,
  PROVIDER_KEY,
  secretStrings,
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
 * Replaces known secret plaintexts in free text, where they stand as a whole token (not inside a longer word: a
 * secret "changed" must not turn "unchanged" into "un[secret]"). Values shorter than 4 characters are left alone.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern?: RegExp;

  addWire(m: PropertyMap | Wire): void {
    for (const s of secretStrings(m as Wire)) this.add(s);
  }

  add(s: string): void {
    if (s.length < 4 || this.secrets.has(s)) return;
    this.secrets.add(s);
    this.pattern = undefined;
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    const alternatives = [...this.secrets]
      .sort((a, b) => b.length - a.length)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("|");
    this.pattern ??= new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![A-Za-z0-9])`, "g");
    return text.replace(this.pattern, SECRET_MASK);
  }
}
