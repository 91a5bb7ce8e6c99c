/**
 * During preview the engine passes values that are not known yet as this sentinel string
 * (`runtime/rpc.js` `unknownValue`). Validation must accept them and diffs must treat them as "may change".
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Path = ReadonlyArray<string | number>;

/** Every path in `value` whose value is the unknown sentinel. */
export function unknownPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === UNKNOWN) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownPaths(item, [...prefix, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => unknownPaths(item, [...prefix, key]));
  }
  return [];
}

export function containsUnknown(value: unknown): boolean {
  return unknownPaths(value).length > 0;
}

/** True when one path is a prefix of the other: an issue there may be caused by a value not known yet. */
export function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
