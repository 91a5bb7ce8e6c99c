/**
 * Retry rules, in one place: which failures are retried, for which requests, how long to wait.
 *
 * - Idempotent requests (GET, PUT, DELETE, and POSTs marked idempotent) are retried on 429/502/503/504, on any
 *   connection error, and on a 2xx JSON body cut off mid-way (counted as a connection that failed after sending).
 * - Non-idempotent requests (creating keys and secrets, rotating keys) are retried only when the server cannot have
 *   acted on them:
 *   - a connection that could not be established (refused, DNS, connect timeout) — the request never left;
 *   - 429 and 503 — Elasticsearch and the Cloud API answer these before doing any work (rate limiting, unavailable
 *     node or cluster state), so repeating the request cannot create a second key.
 *   Everything else after the request was sent — a reset or closed socket, a headers/body timeout, a 502/504 (a
 *   gateway may have forwarded the request and lost the answer) — makes the outcome unknown; see
 *   {@link OutcomeUnknownError}.
 * - Waits use exponential backoff with full jitter (`random(0, min(maxDelayMs, initialDelayMs * 2^(n-1)))`); a
 *   `Retry-After` header (seconds or HTTP date) replaces the computed wait.
 * - Bounded twice: at most `maxAttempts` tries, and no wait that would end after `maxElapsedMs` since the first try
 *   (a long `Retry-After` therefore ends the retries at once instead of blocking).
 */

/** Retry settings; every client takes a `Partial` of these and fills the rest from {@link DEFAULT_RETRY_OPTIONS}. */
export interface RetryOptions {
  /** Tries of one request in total, the first included; `1` disables retries. */
  maxAttempts: number;
  /** Cap of the first backoff wait, doubled for every further retry, in ms. */
  initialDelayMs: number;
  /** Largest backoff cap in ms (a server's `Retry-After` is not limited by it, only by `maxElapsedMs`). */
  maxDelayMs: number;
  /** No retry starts if its wait would end later than this many ms after the first try started. */
  maxElapsedMs: number;
}

/** The defaults: 4 tries, waits capped at 0.25 s, 0.5 s, 1 s (…8 s), all within 60 s. */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 4,
  initialDelayMs: 250,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
});

/** Statuses that mean "not now, try again" (rate limited, bad gateway, unavailable, gateway timeout). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Of the retryable statuses, those a server sends without having acted on the request. */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** How one try ended, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "response"; status: number; retryAfterMs?: number }
  /** No connection could be made to any endpoint: the request was not sent. */
  | { kind: "not-sent" }
  /** The connection failed after the request may have been sent. */
  | { kind: "sent" }
  /** A failure that retrying cannot fix (e.g. TLS verification). */
  | { kind: "fatal" };

export type RetryVerdict =
  | { action: "done" }
  | { action: "retry"; delayMs: number }
  /** Retrying is allowed but the attempts or the time budget are used up. */
  | { action: "give-up" }
  /** A non-idempotent request failed after it may have reached the server. */
  | { action: "outcome-unknown" };

export interface RetryState {
  idempotent: boolean;
  /** 1 for the first try. */
  attempt: number;
  /** ms since the first try started. */
  elapsedMs: number;
  options: RetryOptions;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

/** The retry rule: what to do after one try. */
export function decideRetry(outcome: AttemptOutcome, state: RetryState): RetryVerdict {
  switch (outcome.kind) {
    case "fatal":
      return { action: "give-up" };
    case "sent":
      if (!state.idempotent) return { action: "outcome-unknown" };
      return schedule(state, undefined);
    case "not-sent":
      return schedule(state, undefined);
    case "response": {
      if (!RETRYABLE_STATUSES.has(outcome.status)) return { action: "done" };
      if (!state.idempotent && !NOT_PROCESSED_STATUSES.has(outcome.status)) return { action: "outcome-unknown" };
      return schedule(state, outcome.retryAfterMs);
    }
  }
}

function schedule(state: RetryState, retryAfterMs: number | undefined): RetryVerdict {
  const { options, attempt } = state;
  if (attempt >= options.maxAttempts) return { action: "give-up" };
  const delayMs = retryAfterMs ?? backoffDelayMs(attempt, options, state.random ?? Math.random);
  if (state.elapsedMs + delayMs > options.maxElapsedMs) return { action: "give-up" };
  return { action: "retry", delayMs };
}

/** Full-jitter exponential backoff for the wait after try number `attempt` (1-based). */
export function backoffDelayMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * Parses a `Retry-After` header: delta-seconds or an HTTP date. Returns ms to wait (≥ 0), or `undefined` when the
 * header is absent or unreadable (the backoff then applies).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date always names a weekday and month; V8's Date.parse would otherwise accept e.g. "-1" as a year.
  if (!/[a-z]/i.test(v)) return undefined;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Transport error codes raised before a request could reach the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Classifies a transport error: `not-sent` (safe to retry and to fail over to the next endpoint), `fatal` (TLS
 * verification and similar configuration problems that no retry fixes), or `sent` (anything else: the request may
 * have reached the server — the conservative default for unknown errors).
 */
export function classifyTransportError(err: unknown): "not-sent" | "sent" | "fatal" {
  const code = errorCode(err);
  if (code !== undefined && NOT_SENT_CODES.has(code)) return "not-sent";
  // A connect that timed out on every address (happy eyeballs) reports ETIMEDOUT from syscall "connect".
  if (code === "ETIMEDOUT" && (err as { syscall?: unknown }).syscall === "connect") return "not-sent";
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0 && nested.every((e) => classifyTransportError(e) === "not-sent"))
    return "not-sent";
  if (code !== undefined && /CERT|SSL|TLS|VERIFY/.test(code)) return "fatal";
  return "sent";
}

function errorCode(err: unknown): string | undefined {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
