/** Test helpers: an emulator per test, and small HTTP clients for its two listeners (real HTTP via undici). */
import { request, type Dispatcher } from "undici";
import { afterEach, beforeEach } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "./index";

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // why `any`: assertions walk arbitrary response bodies; a parsed-JSON type would need a cast at every step.
  json: any;
}

export interface HttpOptions {
  method?: string;
  auth?: string;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  /** Sent as is, with Content-Type application/json unless headers say otherwise. */
  body?: string;
  /** An empty value removes a header (e.g. `"content-type": ""` sends a body without one). */
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export async function http(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const merged: Record<string, string> = {
    ...(body !== undefined && { "content-type": "application/json" }),
    ...(options.auth !== undefined && { authorization: options.auth }),
    ...options.headers,
  };
  const headers = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ""));
  const res = await request(url, {
    method: (options.method ?? "GET") as Dispatcher.HttpMethod,
    headers,
    body,
    ...(options.dispatcher && { dispatcher: options.dispatcher }),
    ...(options.signal && { signal: options.signal }),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export function basic(user: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`;
}

export function apiKeyAuth(encoded: string): string {
  return `ApiKey ${encoded}`;
}

export interface Client {
  call(method: string, path: string, body?: unknown): Promise<HttpResult>;
  get(path: string): Promise<HttpResult>;
  post(path: string, body?: unknown): Promise<HttpResult>;
  put(path: string, body?: unknown): Promise<HttpResult>;
  delete(path: string, body?: unknown): Promise<HttpResult>;
}

/** A client for one listener and one Authorization header; string bodies are sent verbatim. */
export function client(baseUrl: string, auth: string | undefined): Client {
  const call = (method: string, path: string, body?: unknown): Promise<HttpResult> =>
    http(baseUrl + path, {
      method,
      ...(auth !== undefined && { auth }),
      ...(typeof body === "string" ? { body } : body !== undefined ? { json: body } : {}),
    });
  return {
    call,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    put: (path, body) => call("PUT", path, body),
    delete: (path, body) => call("DELETE", path, body),
  };
}

/** Clients for every built-in identity. */
export function clients(emulator: Emulator) {
  const c = emulator.credentials;
  return {
    elastic: client(emulator.esUrl, basic(c.superuser)),
    keyAdmin: client(emulator.esUrl, basic(c.apiKeyAdmin)),
    viewer: client(emulator.esUrl, basic(c.noPrivileges)),
    bearer: client(emulator.esUrl, `Bearer ${c.bearerToken}`),
    restKey: client(emulator.esUrl, apiKeyAuth(c.restApiKey.encoded)),
    anonymous: client(emulator.esUrl, undefined),
    cloud: client(`${emulator.cloudUrl}/api/v1`, `ApiKey ${c.cloudApiKey}`),
    cloudReadOnly: client(`${emulator.cloudUrl}/api/v1`, `ApiKey ${c.cloudReadOnlyApiKey}`),
    cloudAnonymous: client(`${emulator.cloudUrl}/api/v1`, undefined),
  };
}

/** Starts an emulator before each test of the file and closes it after. */
export function useEmulator(options?: EmulatorOptions): () => Emulator {
  let emulator: Emulator | undefined;
  beforeEach(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return () => {
    if (!emulator) throw new Error("the emulator only exists inside a test");
    return emulator;
  };
}

/** The Elasticsearch error envelope for a single exception without causes. */
export function esError(status: number, type: string, reason: string): unknown {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

export const SEARCH_ACCESS = { search: [{ names: ["logs-*"] }] };

/** Creates a cross-cluster key as the superuser and returns the create response body. */
export async function createCrossClusterKey(emulator: Emulator, body: Record<string, unknown> = {}): Promise<HttpResult["json"]> {
  const res = await clients(emulator).elastic.post("/_security/cross_cluster/api_key", { name: "ccs", access: SEARCH_ACCESS, ...body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json;
}
