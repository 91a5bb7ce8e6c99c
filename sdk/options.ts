/**
 * Validation of connection options shared by both clients. Runs in the constructors, before any I/O; every
 * failure is an {@link InvalidOptionsError} naming the option and the fix. Messages never echo option values
 * (an endpoint may carry credentials, a key may be pasted into the wrong field).
 */
import { InvalidOptionsError } from "./errors";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from "./retry";

/** Socket timeouts in ms. */
export interface TimeoutOptions {
  /** Establishing the TCP/TLS connection. Default 10 000. */
  connectMs?: number;
  /** From sending the request to receiving the response headers. Default 30 000. */
  headersMs?: number;
  /** Between two chunks of the response body. Default 30 000. */
  bodyMs?: number;
}

export const DEFAULT_TIMEOUTS: Readonly<Required<TimeoutOptions>> = Object.freeze({
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
});

/** A validated endpoint: scheme, host and port, plus an optional path prefix (e.g. behind a reverse proxy). */
export interface Endpoint {
  /** `https://host:port`, no trailing slash. */
  origin: string;
  /** `""` or a prefix such as `/es`, without trailing slash. */
  basePath: string;
}

/** Parses one endpoint URL. */
export function parseEndpoint(value: unknown, option: string): Endpoint {
  if (typeof value !== "string" || value.trim() === "")
    throw new InvalidOptionsError(option, "must be a non-empty URL string", 'Give a URL such as "https://localhost:9200"');
  // Checked first: "localhost:9200" would otherwise parse with "localhost:" as its scheme.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()))
    throw new InvalidOptionsError(
      option,
      "must use the http or https scheme (it has none)",
      'Start the URL with "https://" (or "http://" for a cluster without TLS), e.g. "https://localhost:9200"',
    );
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidOptionsError(option, "is not a valid URL", 'Give a URL with a scheme, e.g. "https://localhost:9200"');
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InvalidOptionsError(
      option,
      "must use the http or https scheme",
      'Start the URL with "https://" (or "http://" for a cluster without TLS), e.g. "https://localhost:9200"',
    );
  if (url.username || url.password)
    throw new InvalidOptionsError(option, "must not contain credentials", "Remove user:password@ from the URL and pass them in auth");
  if (url.search || url.hash)
    throw new InvalidOptionsError(option, "must not contain a query string or fragment", "Remove the part from ? or # on");
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, "") };
}

/** Fills and checks timeouts (positive finite ms). */
export function resolveTimeouts(value: TimeoutOptions | undefined): Required<TimeoutOptions> {
  if (value !== undefined && (typeof value !== "object" || value === null))
    throw new InvalidOptionsError("timeouts", "must be an object", "Pass { connectMs?, headersMs?, bodyMs? } in milliseconds");
  const out = { ...DEFAULT_TIMEOUTS };
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof TimeoutOptions)[]) {
    const v = value?.[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
      throw new InvalidOptionsError(`timeouts.${key}`, "must be a positive number of milliseconds", `Omit it for the default ${DEFAULT_TIMEOUTS[key]}`);
    out[key] = v;
  }
  return out;
}

/** Fills and checks retry settings. */
export function resolveRetry(value: Partial<RetryOptions> | undefined): RetryOptions {
  if (value !== undefined && (typeof value !== "object" || value === null))
    throw new InvalidOptionsError("retry", "must be an object", "Pass { maxAttempts?, initialDelayMs?, maxDelayMs?, maxElapsedMs? }");
  const out = { ...DEFAULT_RETRY_OPTIONS };
  for (const key of Object.keys(DEFAULT_RETRY_OPTIONS) as (keyof RetryOptions)[]) {
    const v = value?.[key];
    if (v === undefined) continue;
    const ok = typeof v === "number" && Number.isFinite(v) && (key === "maxAttempts" ? Number.isInteger(v) && v >= 1 : v >= 0);
    if (!ok)
      throw new InvalidOptionsError(
        `retry.${key}`,
        key === "maxAttempts" ? "must be an integer ≥ 1" : "must be a number of milliseconds ≥ 0",
        `Omit it for the default ${DEFAULT_RETRY_OPTIONS[key]}`,
      );
    out[key] = v;
  }
  return out;
}

/** Checks a header value given by the caller (user agent). */
export function checkHeaderText(value: unknown, option: string): string {
  if (typeof value !== "string" || value === "" || hasControlChars(value))
    throw new InvalidOptionsError(option, "must be a non-empty string without control characters", "Remove line breaks and tabs");
  return value;
}

/** True when `s` contains characters that must never reach an HTTP header (CR, LF, NUL, other C0, DEL). */
export function hasControlChars(s: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(s);
}
