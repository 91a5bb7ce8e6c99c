import { illegalArgument } from "./errors";

// Elasticsearch's TimeValue.parseTimeValue, with the project's rule that units are case-insensitive (upstream matches
// "m" case-sensitively; the API notes say case-insensitive and are the spec here).
const UNITS: ReadonlyArray<readonly [suffix: string, ms: number]> = [
  ["nanos", 1e-6],
  ["micros", 1e-3],
  ["ms", 1],
  ["s", 1000],
  ["m", 60_000],
  ["h", 3_600_000],
  ["d", 86_400_000],
];

/** Milliseconds of an Elasticsearch duration (`30d`, `1h`, `0`, `-1`); throws the 400 Elasticsearch would. */
export function parseDuration(value: string, setting: string): number {
  const normalized = value.toLowerCase().trim();
  for (const [suffix, unitMs] of UNITS) {
    if (normalized.endsWith(suffix)) return parseAmount(value, normalized.slice(0, -suffix.length).trim(), setting) * unitMs;
  }
  if (/^-0*1$/.test(normalized)) return -1;
  if (/^0+$/.test(normalized)) return 0;
  throw illegalArgument(`failed to parse setting [${setting}] with value [${value}] as a time value: unit is missing or unrecognized`);
}

function parseAmount(input: string, amount: string, setting: string): number {
  if (/^[+-]?\d+$/.test(amount)) {
    const n = Number(amount);
    if (n < -1) {
      throw illegalArgument(`failed to parse setting [${setting}] with value [${input}] as a time value: negative durations are not supported`);
    }
    return n;
  }
  // Java's Long.parseLong failed; Elasticsearch then tells fractions apart from garbage.
  if (amount.trim() !== "" && Number.isFinite(Number(amount))) {
    throw illegalArgument(`failed to parse [${input}], fractional time values are not supported`);
  }
  throw illegalArgument(`failed to parse [${input}]`);
}
