import type { Location } from "./json";

/**
 * Which Java hierarchy an Elasticsearch exception comes from. It decides how `root_cause` is guessed: Elasticsearch
 * unwraps causes through its own exceptions and through x-content parse exceptions, but stops at plain Java ones
 * (IllegalArgumentException, ActionRequestValidationException).
 */
export type ErrorFamily = "elasticsearch" | "xcontent" | "java";

export interface EsErrorOptions {
  family?: ErrorFamily;
  cause?: EsError;
  /** Extra fields rendered after `reason` (e.g. `index`, `shard`, `additional_unsuccessful_credentials`). */
  metadata?: Record<string, string>;
  /** Rendered as the `header` object and sent as HTTP headers (e.g. WWW-Authenticate). */
  headers?: Record<string, string[]>;
  /** Where the JSON parser stood when this was thrown; outer parsers report the same position. */
  at?: Location;
}

/** An Elasticsearch exception as the REST layer renders it. */
export class EsError extends Error {
  readonly family: ErrorFamily;
  override readonly cause?: EsError;
  readonly metadata: Record<string, string>;
  readonly headers: Record<string, string[]>;
  readonly at?: Location;

  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    options: EsErrorOptions = {},
  ) {
    super(reason);
    this.family = options.family ?? "elasticsearch";
    this.cause = options.cause;
    this.metadata = options.metadata ?? {};
    this.headers = options.headers ?? {};
    this.at = options.at;
  }
}

export function illegalArgument(reason: string, at?: Location): EsError {
  return new EsError(400, "illegal_argument_exception", reason, { family: "java", at });
}

/** `Validation Failed: 1: a;2: b;` — the accumulated ActionRequestValidationException. */
export function validationFailed(messages: readonly string[]): EsError {
  const reason = `Validation Failed: ${messages.map((m, i) => `${i + 1}: ${m};`).join("")}`;
  return new EsError(400, "action_request_validation_exception", reason, { family: "java" });
}

export function parseException(reason: string, at?: Location, cause?: EsError): EsError {
  return new EsError(400, "parse_exception", reason, { at, cause });
}

export function xContentParse(at: Location | undefined, message: string, cause?: EsError): EsError {
  const reason = at ? `[${at.line}:${at.column}] ${message}` : message;
  return new EsError(400, "x_content_parse_exception", reason, { family: "xcontent", at, cause });
}

export function resourceNotFound(reason: string): EsError {
  return new EsError(404, "resource_not_found_exception", reason);
}

export function securityException(status: 401 | 403, reason: string, options: EsErrorOptions = {}): EsError {
  return new EsError(status, "security_exception", reason, options);
}

export function requestBodyRequired(): EsError {
  return parseException("request body is required");
}

function guessRootCause(error: EsError): EsError {
  const cause = error.cause;
  if (!cause) return error;
  if (error.family === "elasticsearch" && cause.family === "elasticsearch") return guessRootCause(cause);
  if (error.family === "xcontent" && cause.family !== "java") return guessRootCause(cause);
  return error;
}

type Rendered = Record<string, unknown>;

function render(error: EsError, withCause: boolean): Rendered {
  const out: Rendered = { type: error.type, reason: error.reason, ...error.metadata };
  if (withCause && error.cause) out.caused_by = render(error.cause, true);
  if (Object.keys(error.headers).length > 0) out.header = error.headers;
  return out;
}

/** `{"error":{"root_cause":[…],"type":…,"reason":…},"status":N}` */
export function esErrorBody(error: EsError): Rendered {
  return {
    error: { root_cause: [render(guessRootCause(error), false)], ...render(error, true) },
    status: error.status,
  };
}

/** Elastic Cloud's `{"errors":[{"message","code"}]}` envelope. */
export class CloudError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function cloudErrorBody(error: CloudError): Rendered {
  return { errors: [{ message: error.message, code: error.code }] };
}
