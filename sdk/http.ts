/**
 * The one request path of the sdk: keep-alive undici pools (one per endpoint), timeouts, TLS, authentication,
 * failover across endpoints and retries (rules in `./retry`). It returns raw responses; turning them into typed
 * bodies or API errors is `./response`'s job.
 */
import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { connect as tlsConnect } from "node:tls";
import { Pool } from "undici";
import type { Authorization } from "./auth";
import { InvalidOptionsError, OutcomeUnknownError, RequestFailedError, type RequestContext } from "./errors";
import { checkHeaderText, parseEndpoint, resolveRetry, resolveTimeouts, type Endpoint, type TimeoutOptions } from "./options";
import { Redactor, sanitizeCause } from "./redact";
import { classifyTransportError, decideRetry, parseRetryAfter, type AttemptOutcome, type RetryOptions } from "./retry";
import { tlsConnectOptions, type TlsOptions } from "./tls";

/** Connection settings common to both clients. */
export interface ConnectionOptions extends TlsOptions {
  timeouts?: TimeoutOptions;
  /** Overrides of {@link DEFAULT_RETRY_OPTIONS} (e.g. tiny delays in tests). */
  retry?: Partial<RetryOptions>;
  /** `User-Agent` header. Default `pulumi-elastic-keys (node vX)`. */
  userAgent?: string;
}

export interface HttpClientOptions extends ConnectionOptions {
  /** Base URLs, tried in order; the first one that accepts a connection is used until it stops doing so. */
  endpoints: readonly unknown[];
  /** Name of the endpoints option, for error messages (`endpoints` or `endpoint`). */
  endpointsOption: string;
  authorization: Authorization;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the endpoint; build it with {@link urlPath} so that ids are encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether repeating the request is harmless. Default: true for GET, PUT, DELETE; false for POST. */
  idempotent?: boolean;
  /** Secret values sent in this request (e.g. a connector secret), hidden from any error it causes. */
  secrets?: readonly string[];
}

/** A response of any status, with everything needed to report a problem with it. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The whole body as text. */
  body: string;
  ctx: RequestContext;
  idempotent: boolean;
  redactor: Redactor;
}

/** Most sockets kept open per endpoint: enough for a provider's parallel operations, few enough to be polite. */
const CONNECTIONS_PER_ENDPOINT = 8;
/** Responses larger than this are refused rather than buffered (our largest, an API key list, is far smaller). */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Builds a path from a template, percent-encoding every interpolated value as one path segment:
 * ``urlPath`/_connector/${id}/_api_key_id` ``.
 */
export function urlPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i] ?? "") : ""), "");
}

type TryResult =
  | { kind: "response"; url: string; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: "error"; url: string; phase: "not-sent" | "sent" | "fatal"; error: unknown; tlsExpected?: boolean };

/** A request ready to be sent to any endpoint: built once, reused by every try. */
interface PreparedRequest {
  method: HttpMethod;
  /** Path and query below the endpoint's base path. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** HTTP transport for one API (a list of endpoints and one credential). Create once, `close()` when done. */
export class HttpClient {
  readonly #endpoints: readonly Endpoint[];
  readonly #pools: Pool[];
  readonly #headers: Record<string, string>;
  readonly #retry: RetryOptions;
  readonly #redactor: Redactor;
  readonly #connectMs: number;
  /** Index of the endpoint that answered last; tried first next time. */
  #preferred = 0;
  #closed = false;

  /** Validates every option (throwing {@link InvalidOptionsError}) and opens nothing yet. */
  constructor(options: HttpClientOptions) {
    const { endpoints, endpointsOption } = options;
    if (!Array.isArray(endpoints) || endpoints.length === 0)
      throw new InvalidOptionsError(endpointsOption, "must list at least one URL", 'Pass e.g. ["https://localhost:9200"]');
    // A single-endpoint client (Cloud) names its option without an index.
    this.#endpoints = endpoints.map((e, i) => parseEndpoint(e, endpointsOption === "endpoint" ? endpointsOption : `${endpointsOption}[${i}]`));
    const tls = tlsConnectOptions(options);
    const timeouts = resolveTimeouts(options.timeouts);
    this.#retry = resolveRetry(options.retry);
    const userAgent = checkHeaderText(options.userAgent ?? `pulumi-elastic-keys (node ${process.version})`, "userAgent");
    this.#headers = { authorization: options.authorization.header, accept: "application/json", "user-agent": userAgent };
    this.#redactor = new Redactor(options.authorization.secrets);
    // Pools open no socket until the first request, so building them here does no I/O.
    this.#connectMs = timeouts.connectMs;
    this.#pools = this.#endpoints.map(
      (e) =>
        new Pool(e.origin, {
          connections: CONNECTIONS_PER_ENDPOINT,
          connect: { ...tls, timeout: timeouts.connectMs },
          headersTimeout: timeouts.headersMs,
          bodyTimeout: timeouts.bodyMs,
          maxResponseSize: MAX_RESPONSE_BYTES,
        }),
    );
  }

  /**
   * Sends a request, failing over across endpoints and retrying as `./retry` allows. Returns the response whatever
   * its status (the last one if retries ran out). Throws {@link RequestFailedError} when no response could be
   * obtained, {@link OutcomeUnknownError} when a non-idempotent request failed after it may have been processed.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    const redactor = req.secrets?.length ? this.#redactor.with(req.secrets) : this.#redactor;
    const prepared = this.#prepare(req);
    if (this.#closed)
      throw new RequestFailedError({ method: req.method, url: this.#url(this.#preferred, prepared), attempts: 0 }, "the client is closed");
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const result = await this.#tryEndpoints(prepared);
      const ctx = { method: req.method, url: redactor.text(result.url), attempts: attempt } satisfies RequestContext;
      const outcome: AttemptOutcome =
        result.kind === "error"
          ? { kind: result.phase }
          : // A JSON answer cut off mid-body is a connection that failed after the request was sent: repeating an
            // idempotent request is as safe as after a reset. A non-idempotent one is returned, and reading it
            // reports the outcome as unknown (./response).
            idempotent && isCutOffJson(result)
            ? { kind: "sent" }
            : { kind: "response", status: result.status, retryAfterMs: parseRetryAfter(result.headers["retry-after"]) };
      const verdict = decideRetry(outcome, { idempotent, attempt, elapsedMs: Date.now() - started, options: this.#retry });
      if (verdict.action === "retry") {
        await sleep(verdict.delayMs);
        continue;
      }
      if (result.kind === "response") {
        if (verdict.action === "outcome-unknown")
          throw new OutcomeUnknownError(
            { ...ctx, status: result.status },
            `a gateway answered ${result.status}, so the request may have been forwarded and processed`,
          );
        return { status: result.status, headers: result.headers, body: result.body, ctx, idempotent, redactor };
      }
      const cause = sanitizeCause(result.error, redactor);
      if (verdict.action === "outcome-unknown")
        throw new OutcomeUnknownError(ctx, `the connection failed after the request was sent (${describe(cause)})`, cause);
      throw new RequestFailedError(ctx, this.#explain(result, cause), cause);
    }
  }

  /** Closes every pool, waiting for requests in flight. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#pools.map((p) => p.close()));
  }

  #prepare(req: HttpRequest): PreparedRequest {
    const headers: Record<string, string> = { ...this.#headers, ...req.headers };
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    return { method: req.method, target: req.path + queryString(req.query), headers, body };
  }

  /** One try: the preferred endpoint first, then the others while connections cannot even be made. */
  async #tryEndpoints(req: PreparedRequest): Promise<TryResult> {
    let last: TryResult | undefined;
    for (let i = 0; i < this.#endpoints.length; i++) {
      const index = (this.#preferred + i) % this.#endpoints.length;
      last = await this.#tryOne(index, req);
      if (last.kind === "response" || last.phase !== "not-sent") {
        this.#preferred = index;
        return last;
      }
    }
    // Every endpoint refused before the request left: report the last failure.
    return last as TryResult;
  }

  async #tryOne(index: number, req: PreparedRequest): Promise<TryResult> {
    const pool = this.#pools[index] as Pool;
    const path = (this.#endpoints[index] as Endpoint).basePath + req.target;
    const url = this.#url(index, req);
    try {
      // `reset: false`: undici closes the socket after a GET/DELETE that carries a body unless told otherwise, which
      // cost a new connection per invalidation (DELETE /_security/api_key has a body). Elasticsearch reads such
      // bodies, so the connection is safe to keep.
      const res = await pool.request({ method: req.method, path, headers: req.headers, body: req.body, reset: false });
      // Read the whole body inside the try: a reset or timeout while reading is part of this attempt.
      const text = await res.body.text();
      return { kind: "response", url, status: res.statusCode, headers: res.headers, body: text };
    } catch (error) {
      // A TLS server closes (or answers with an alert) when spoken to in plain HTTP, without ever reading the
      // request: not an unknown outcome, and the fix is https://.
      if ((this.#endpoints[index] as Endpoint).origin.startsWith("http:") && closedBeforeAnswer(error) && (await speaksTls(this.#endpoints[index] as Endpoint, this.#connectMs)))
        return { kind: "error", url, phase: "fatal", error, tlsExpected: true };
      return { kind: "error", url, phase: classifyTransportError(error), error };
    }
  }

  #url(index: number, req: PreparedRequest): string {
    const endpoint = this.#endpoints[index] as Endpoint;
    return endpoint.origin + endpoint.basePath + req.target;
  }

  #explain(result: Extract<TryResult, { kind: "error" }>, cause: { code?: string | undefined; message: string }): string {
    if (result.tlsExpected)
      return "the endpoint speaks TLS but was given as http://: does the endpoint need https://? Nothing was sent that it could have processed";
    if (result.phase === "fatal")
      return /CERT|VERIFY/.test(cause.code ?? "")
        ? `the server's TLS certificate was not accepted (${describe(cause)}). If the server uses a private or ` +
            "self-signed certificate, pass its CA as caCert (PEM text); insecure: true skips verification, for development clusters only"
        : `the TLS handshake failed (${describe(cause)}); check that the endpoint speaks HTTPS on that port`;
    if (result.phase === "not-sent" && this.#endpoints.length > 1)
      return `no endpoint could be reached (last: ${describe(cause)})`;
    return describe(cause);
  }
}

/** TLS record types a TLS server may send first: an alert (0x15) or a handshake (0x16). */
const TLS_FIRST_BYTES = new Set([0x15, 0x16]);

/**
 * The connection ended before any HTTP answer: closed with no byte read, or answered with bytes that start like a
 * TLS record (undici's parser error keeps the bytes it could not parse in `data`).
 */
function closedBeforeAnswer(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, socket, data } = error as { code?: unknown; socket?: { bytesRead?: unknown }; data?: unknown };
  if (code === "UND_ERR_SOCKET") return socket?.bytesRead === 0;
  const first = typeof data === "string" ? data.charCodeAt(0) : Buffer.isBuffer(data) ? data[0] : undefined;
  return typeof code === "string" && code.startsWith("HPE_") && first !== undefined && TLS_FIRST_BYTES.has(first);
}

/** Whether `endpoint` completes a TLS handshake. Sends no application data; the certificate is not judged here. */
function speaksTls(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  const url = new URL(endpoint.origin);
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 80), rejectUnauthorized: false, timeout: timeoutMs });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

/** A 2xx that says it is JSON but does not parse: truncated on the way (a proxy, a dropped connection). */
function isCutOffJson(res: Extract<TryResult, { kind: "response" }>): boolean {
  if (res.status < 200 || res.status > 299 || !/json/i.test(String(res.headers["content-type"] ?? "")) || res.body.trim() === "") return false;
  try {
    JSON.parse(res.body);
    return false;
  } catch {
    return true;
  }
}

function describe(cause: { code?: string | undefined; message: string }): string {
  return cause.code && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
}

function queryString(query: HttpRequest["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
