/**
 * Turns raw responses into typed bodies (success handler) or errors (failure handler). The status → error class
 * mapping lives here and nowhere else:
 *
 * - 2xx whose body is not JSON or does not match the schema → {@link UnexpectedResponseError}; for a
 *   non-idempotent request → {@link OutcomeUnknownError} (it was processed, but its result, e.g. a new key's
 *   secret, is lost).
 * - Elasticsearch non-2xx with its error envelope (object or string form) → {@link ElasticsearchError}; with any
 *   other body → {@link UnexpectedResponseError} carrying the status.
 * - Elastic Cloud non-2xx, whatever the body → {@link CloudApiError}.
 * - Except a 404 that is not Elastic's own "not found" (a proxy's "default backend - 404", an HTML page, anything
 *   without the API's error envelope) → {@link UnexpectedResponseError} naming the status, the content type and the
 *   first characters of the body: it says nothing about the object, so no caller may read it as "gone".
 *   {@link isElasticNotFound} is the one test of "Elastic said it is gone".
 *
 * Bodies are never stored on errors. Only the parsed fields of error envelopes are kept, redacted; non-2xx bodies
 * that are not envelopes contribute at most a short redacted excerpt (they never carry key material: only 2xx
 * responses do).
 */
import type { z } from "zod";
import {
  CloudApiError,
  type CloudApiErrorEntry,
  type ElasticClientError,
  ElasticsearchError,
  type ElasticsearchRootCause,
  OutcomeUnknownError,
  UnexpectedResponseError,
} from "./errors";
import type { HttpResponse } from "./http";
import { RETRYABLE_STATUSES } from "./retry";
import { formatIssuePath } from "./schemas/common";
import { cloudErrorEnvelopeSchema, esErrorEnvelopeSchema } from "./schemas/envelopes";

export type ApiFlavor = "elasticsearch" | "cloud";

/** `type` given to Elasticsearch errors in the string form `{"error": "..."}`, which has none. */
export const UNKNOWN_ERROR_TYPE = "unknown_error";

const EXCERPT_CHARS = 160;

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The success handler: parses a 2xx body with `schema`, or throws. */
export function parseBody<S extends z.ZodType>(res: HttpResponse, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    // JSON.parse's own message quotes the body, which may hold key material: never use it.
    throw unusable(res, "the body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw unusable(res, "the body does not match the expected shape", describeIssues(parsed.error.issues));
  return parsed.data;
}

/** The failure handler: the error for a non-2xx response of `api`. */
export function errorForResponse(api: ApiFlavor, res: HttpResponse): ElasticClientError {
  const ctx = { ...res.ctx, status: res.status };
  const json = tryJson(res.body);
  if (res.status === 404 && !isNotFoundEnvelope(api, json))
    return new UnexpectedResponseError(ctx, `a 404 that is not ${API_NAMES[api]}'s own "not found" answer${foreign(res)}`);
  if (api === "cloud") return new CloudApiError(ctx, cloudErrors(res, json), RETRYABLE_STATUSES.has(res.status));
  const envelope = esErrorEnvelopeSchema.safeParse(json);
  if (!envelope.success)
    return new UnexpectedResponseError(ctx, `an error response that is not an Elasticsearch error${foreign(res)}`);
  const { error } = envelope.data;
  if (typeof error === "string") return elasticsearchError(res, { type: UNKNOWN_ERROR_TYPE, reason: error });
  return elasticsearchError(res, error);
}

/**
 * Whether `res` is Elastic's own "not found": a 404 with Elasticsearch's error envelope (`{"error":{"type",…},
 * "status":404}`) or Elastic Cloud's `{"errors":[…]}`. Only this may be read as "the object is gone"; a 404 from
 * anything else in between (a proxy, a load balancer, a wrong base path) is an error (see {@link errorForResponse}).
 */
export function isElasticNotFound(api: ApiFlavor, res: HttpResponse): boolean {
  return res.status === 404 && isNotFoundEnvelope(api, tryJson(res.body));
}

/**
 * For lookups where a missing object is a normal answer: `undefined` for Elastic's own "not found", the parsed body
 * for a 2xx, and the mapped error for anything else (a foreign 404 included).
 */
export function parseOrMissing<S extends z.ZodType>(api: ApiFlavor, res: HttpResponse, schema: S): z.infer<S> | undefined {
  if (isElasticNotFound(api, res)) return undefined;
  return parseBody(ensureSuccess(api, res), schema);
}

const API_NAMES: Record<ApiFlavor, string> = { elasticsearch: "Elasticsearch", cloud: "Elastic Cloud" };

function isNotFoundEnvelope(api: ApiFlavor, json: unknown): boolean {
  if (api === "cloud") return cloudErrorEnvelopeSchema.safeParse(json).success;
  // Only the object form: Elasticsearch's string form (`{"error":"no handler found…"}`) is never a 404, and a
  // proxy's `{"error":"Not Found"}` must not pass for it.
  const envelope = esErrorEnvelopeSchema.safeParse(json);
  return envelope.success && typeof envelope.data.error === "object";
}

/** Throws the mapped error unless `res` is a 2xx. */
export function ensureSuccess(api: ApiFlavor, res: HttpResponse): HttpResponse {
  if (!isSuccess(res.status)) throw errorForResponse(api, res);
  return res;
}

/** An {@link ElasticsearchError} from an error cause (envelope, or an `error_details` entry of a 200), redacted. */
export function elasticsearchError(
  res: HttpResponse,
  cause: { type: string; reason?: string | null | undefined; root_cause?: { type: string; reason?: string | null | undefined }[] | undefined },
): ElasticsearchError {
  const r = res.redactor;
  const rootCause: ElasticsearchRootCause[] = (cause.root_cause ?? []).map((c) => ({
    type: r.text(c.type),
    ...(c.reason != null ? { reason: r.text(c.reason) } : {}),
  }));
  return new ElasticsearchError(
    { ...res.ctx, status: res.status },
    { type: r.text(cause.type), reason: r.text(cause.reason ?? ""), rootCause, isRetryable: RETRYABLE_STATUSES.has(res.status) },
  );
}

function unusable(res: HttpResponse, problem: string, issues: string[] = []): ElasticClientError {
  const err = new UnexpectedResponseError({ ...res.ctx, status: res.status }, problem, issues);
  if (res.idempotent || !isSuccess(res.status)) return err;
  return new OutcomeUnknownError(
    { ...res.ctx, status: res.status },
    `the server accepted the request (${res.status}) but its response could not be read (${problem})`,
    err,
  );
}

/** Issue paths and kinds only: zod messages can quote the offending values, which may be secrets. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, 10).map((issue) => {
    const where = formatIssuePath(issue.path) || "(body)";
    return issue.code === "invalid_type" ? `${where}: expected ${issue.expected}` : `${where}: ${issue.code}`;
  });
}

/** Elastic Cloud errors from the standard envelope, or derived from whatever else came back. */
function cloudErrors(res: HttpResponse, json: unknown): CloudApiErrorEntry[] {
  const r = res.redactor;
  const envelope = cloudErrorEnvelopeSchema.safeParse(json);
  if (envelope.success) return envelope.data.errors.map((e) => ({ message: r.text(e.message), code: r.text(e.code ?? "") }));
  // Non-standard JSON, e.g. {"UnauthorizedMessages":["Invalid credential headers"],"Cause":null}: every top-level
  // string (or list of strings) becomes an entry coded with its field name.
  if (json !== null && typeof json === "object" && !Array.isArray(json)) {
    const entries: CloudApiErrorEntry[] = [];
    for (const [key, value] of Object.entries(json)) {
      const messages = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
      for (const m of messages) entries.push({ code: r.text(key), message: r.text(m).slice(0, EXCERPT_CHARS) });
    }
    if (entries.length > 0) return entries.slice(0, 10);
  }
  return [{ code: "unexpected_body", message: `a body that is not a Cloud API error${excerpt(res)}` }];
}

function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** What answered, for a body that is not the API's: `(content-type X): "<first characters>"`. */
function foreign(res: HttpResponse): string {
  const raw = res.headers["content-type"];
  const type = typeof raw === "string" && raw !== "" ? res.redactor.text(raw).slice(0, 80) : "none";
  return ` (content-type ${type})${excerpt(res)}`;
}

/** `: "<first characters>"` of an error body, redacted, or " (empty body)" for an empty one. */
function excerpt(res: HttpResponse): string {
  // Redact before cutting, so that a secret at the cut cannot leave a prefix behind.
  const text = res.redactor.text(res.body).replace(/\s+/g, " ").trim();
  if (text === "") return " (empty body)";
  return `: ${JSON.stringify(text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text)}`;
}
