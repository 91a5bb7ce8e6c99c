/**
 * Error classes of the sdk, undici style: one class per failure, each with a stable `code` and `name`. Callers
 * branch on `code` (stable across bundling and duplicate module copies), not on `instanceof`.
 *
 * None of these ever holds a credential or key material: messages and fields are built from redacted text, causes
 * are {@link SanitizedCause}s, and response bodies are never kept (only the parsed, non-secret fields of error
 * envelopes). `toJSON()` lists the same safe fields that `util.inspect` shows.
 */
import { SanitizedCause } from "./redact";

/** Every `code` the sdk's errors can carry. */
export const ErrorCodes = {
  ES_API: "ELASTIC_ES_API",
  CLOUD_API: "ELASTIC_CLOUD_API",
  UNEXPECTED_RESPONSE: "ELASTIC_UNEXPECTED_RESPONSE",
  OUTCOME_UNKNOWN: "ELASTIC_OUTCOME_UNKNOWN",
  REQUEST_FAILED: "ELASTIC_REQUEST_FAILED",
  INVALID_OPTIONS: "ELASTIC_INVALID_OPTIONS",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Where a failed request went. `url` never contains credentials (they are rejected in endpoints). */
export interface RequestContext {
  method: string;
  url: string;
  /** How many times the request was sent (or tried); absent when it never got that far. */
  attempts?: number;
}

/** Base class of all sdk errors. */
export class ElasticClientError extends Error {
  /** Stable identifier of the failure; see {@link ErrorCodes}. */
  readonly code: ErrorCode;
  // `declare`d and set only when known, so that inspect/JSON output shows no `undefined` noise.
  /** HTTP method of the failed request (absent for errors raised before a request was built). */
  declare readonly method: string | undefined;
  /** URL of the failed request, without credentials. */
  declare readonly url: string | undefined;
  /** HTTP status, when a response was received. */
  declare readonly status: number | undefined;
  /** How many times the request was tried. */
  declare readonly attempts: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    ctx: Partial<RequestContext> & { status?: number },
    cause?: ElasticClientError | SanitizedCause,
  ) {
    super(message, cause ? { cause } : undefined);
    this.name = "ElasticClientError";
    this.code = code;
    for (const key of ["method", "url", "status", "attempts"] as const)
      if (ctx[key] !== undefined) Object.defineProperty(this, key, { value: ctx[key], enumerable: true });
  }

  /** The safe fields, for `JSON.stringify` (which otherwise drops `message` and `name`). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (v !== undefined) out[k] = v;
    out["name"] = this.name;
    out["message"] = this.message;
    if (this.cause instanceof ElasticClientError || this.cause instanceof SanitizedCause) out["cause"] = this.cause.toJSON();
    return out;
  }
}

/** One entry of an Elasticsearch `root_cause` list. */
export interface ElasticsearchRootCause {
  type: string;
  reason?: string;
}

/**
 * Elasticsearch answered with an error: a non-2xx response with the `{error, status}` envelope (or its plain
 * string form `{"error": "no handler found ..."}`), or a 200 that reports failures inside (invalidate with
 * `error_count > 0`).
 */
export class ElasticsearchError extends ElasticClientError {
  declare readonly status: number;
  /** `error.type`, e.g. `action_request_validation_exception`; `unknown_error` for the string form. */
  readonly type: string;
  /** `error.reason` (redacted). */
  readonly reason: string;
  readonly rootCause: ElasticsearchRootCause[];
  /** Whether the status is one the sdk retries (429/502/503/504) — retrying later may succeed. */
  readonly isRetryable: boolean;

  constructor(
    ctx: RequestContext & { status: number },
    error: { type: string; reason: string; rootCause: ElasticsearchRootCause[]; isRetryable: boolean },
  ) {
    super(ErrorCodes.ES_API, `${ctx.method} ${ctx.url} → ${ctx.status} ${error.type}: ${error.reason}`, ctx);
    this.name = "ElasticsearchError";
    this.type = error.type;
    this.reason = error.reason;
    this.rootCause = error.rootCause;
    this.isRetryable = error.isRetryable;
  }
}

/** One entry of the Elastic Cloud `errors` list. */
export interface CloudApiErrorEntry {
  message: string;
  code: string;
}

/** The Elastic Cloud API answered with a non-2xx status, whatever its body. */
export class CloudApiError extends ElasticClientError {
  declare readonly status: number;
  /** The `errors` of the standard envelope; for other bodies, entries derived from it (see `sdk/response.ts`). */
  readonly errors: CloudApiErrorEntry[];
  readonly isRetryable: boolean;

  constructor(ctx: RequestContext & { status: number }, errors: CloudApiErrorEntry[], isRetryable: boolean) {
    const summary = errors.length > 0 ? errors.map((e) => `${e.code}: ${e.message}`).join("; ") : "no error details";
    super(ErrorCodes.CLOUD_API, `${ctx.method} ${ctx.url} → ${ctx.status} ${summary}`, ctx);
    this.name = "CloudApiError";
    this.errors = errors;
    this.isRetryable = isRetryable;
  }
}

/**
 * A response the sdk cannot use: a body that is not JSON, or JSON that does not match the response schema.
 * `issues` name the schema paths that failed, never the values found there.
 */
export class UnexpectedResponseError extends ElasticClientError {
  /** Paths (e.g. `api_keys[0].id`) and problems of the schema mismatch; empty for non-JSON bodies. */
  readonly issues: string[];

  constructor(ctx: RequestContext & { status: number }, problem: string, issues: string[] = []) {
    const detail = issues.length > 0 ? `: ${issues.join("; ")}` : "";
    super(ErrorCodes.UNEXPECTED_RESPONSE, `${ctx.method} ${ctx.url} → ${ctx.status}: ${problem}${detail}`, ctx);
    this.name = "UnexpectedResponseError";
    this.issues = issues;
  }
}

/**
 * A non-idempotent request (key creation, secret creation, key rotation) failed after it may have reached the
 * server: it may or may not have taken effect. The sdk never retries it; the caller must check (e.g. look the
 * key up by name) before trying again, or it may create a duplicate.
 */
export class OutcomeUnknownError extends ElasticClientError {
  constructor(ctx: RequestContext & { status?: number }, what: string, cause?: ElasticClientError | SanitizedCause) {
    super(
      ErrorCodes.OUTCOME_UNKNOWN,
      `${ctx.method} ${ctx.url}: outcome unknown — ${what}. The request may or may not have been processed; ` +
        "check whether it took effect before retrying it.",
      ctx,
      cause,
    );
    this.name = "OutcomeUnknownError";
  }
}

/** The request could not be completed: connection refused, DNS, TLS, timeouts — after any retries allowed. */
export class RequestFailedError extends ElasticClientError {
  declare readonly attempts: number;

  constructor(ctx: RequestContext & { attempts: number }, what: string, cause?: SanitizedCause) {
    super(
      ErrorCodes.REQUEST_FAILED,
      `${ctx.method} ${ctx.url}: request failed after ${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"}: ${what}`,
      ctx,
      cause,
    );
    this.name = "RequestFailedError";
  }
}

/** An option or argument is invalid; raised before any I/O. `option` names it, the message says how to fix it. */
export class InvalidOptionsError extends ElasticClientError {
  /** The offending option or argument, e.g. `endpoints[1]`, `auth.password`, `caCert`, `id`. */
  readonly option: string;

  constructor(option: string, problem: string, fix: string) {
    super(ErrorCodes.INVALID_OPTIONS, `Invalid option ${option}: ${problem}. ${fix}`, {});
    this.name = "InvalidOptionsError";
    this.option = option;
  }
}

/** True when `err` is an sdk error with the given code (works across duplicate copies of the module). */
export function isElasticError(err: unknown, code?: ErrorCode): err is ElasticClientError {
  if (typeof err !== "object" || err === null) return false;
  const c = (err as { code?: unknown }).code;
  return typeof c === "string" && (code === undefined ? Object.values<string>(ErrorCodes).includes(c) : c === code);
}
