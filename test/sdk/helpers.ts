import http from "node:http";
import type { AddressInfo } from "node:net";
import util from "node:util";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CloudClient, ElasticsearchClient, type RetryOptions } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";

/** Retries that keep tests fast: tiny backoff, same attempt count as production. */
export const FAST_RETRY: Partial<RetryOptions> = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 10_000 };

/** Short timeouts for hang tests; long enough that a busy CI machine does not time out ordinary requests. */
export const SHORT_TIMEOUTS = { connectMs: 5_000, headersMs: 1_000, bodyMs: 1_000 };

/** The rejection of `p` (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}

/** The error thrown by `fn` (fails the test if it returns). */
export function thrownBy(fn: () => unknown): Error & Record<string, unknown> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to throw");
}

/** Every rendering of an error a user or a log could see. */
export function renderings(err: unknown): Record<string, string> {
  const e = err as Error;
  return {
    string: String(e),
    stack: String(e.stack),
    json: JSON.stringify(e),
    inspect: util.inspect(e, { depth: 10 }),
    inspectHidden: util.inspect(e, { depth: 10, showHidden: true }),
  };
}

/** Asserts that none of `secrets` appears in any rendering of `err`. */
export function expectNoSecrets(err: unknown, secrets: readonly string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const [how, text] of Object.entries(renderings(err)))
    for (const secret of secrets) if (secret.length >= 6) expect(text.includes(secret), `${how} contains a secret`).toBe(false);
}

/** A throwaway HTTP server on 127.0.0.1 for shapes the emulator does not produce; counts requests. */
export interface TestServer {
  url: string;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `status` with a JSON (or raw string) body. */
export function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  res.end(text);
}

/** A loopback URL where nothing listens (a port just released). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * An emulator plus an Elasticsearch and a Cloud client against it, with fast retries and short timeouts, set up
 * once per file; injected faults are cleared after every test. Read the fields inside tests (they are set in
 * beforeAll).
 */
export function useFastClients(): { readonly emulator: Emulator; readonly es: ElasticsearchClient; readonly cloud: CloudClient } {
  const ctx = {} as { emulator: Emulator; es: ElasticsearchClient; cloud: CloudClient };
  beforeAll(async () => {
    ctx.emulator = await startEmulator();
    ctx.es = new ElasticsearchClient({
      endpoints: [ctx.emulator.esUrl],
      auth: { type: "basic", ...ctx.emulator.credentials.superuser },
      retry: FAST_RETRY,
      timeouts: SHORT_TIMEOUTS,
    });
    ctx.cloud = new CloudClient({ endpoint: ctx.emulator.cloudUrl, apiKey: ctx.emulator.credentials.cloudApiKey, retry: FAST_RETRY, timeouts: SHORT_TIMEOUTS });
  });
  afterEach(() => ctx.emulator.faults.clear());
  afterAll(async () => {
    await ctx.es.close();
    await ctx.cloud.close();
    await ctx.emulator.close();
  });
  return ctx;
}
