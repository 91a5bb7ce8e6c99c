import { beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import type { Emulator } from "../emulator";
import { FAST_RETRY, rejectionOf, SHORT_TIMEOUTS, useFastClients } from "./helpers";

let emulator: Emulator;
let es: ElasticsearchClient;
let cloud: CloudClient;

const clients = useFastClients();
beforeAll(() => {
  ({ emulator, es, cloud } = clients);
});

/** Requests the emulator saw for `method path` (path without query). */
const seen = (method: string, path: string | RegExp) =>
  emulator.requests().filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path))).length;

describe("idempotent requests are retried", () => {
  it("503 with Retry-After (seconds) then success: waits as told", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 1, fault: { kind: "status", status: 503, retryAfter: 1 } });
    const before = seen("GET", "/");
    const started = Date.now();
    await es.info();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen("GET", "/") - before).toBe(2);
  });

  it("429 twice then success", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/_security/api_key", times: 2, fault: { kind: "status", status: 429 } });
    expect(await es.getApiKey("missing0000000000000")).toBeUndefined();
  });

  it("502 and 504 on a PUT then success", async () => {
    const { id } = await es.createCrossClusterApiKey({ name: "retry-put", access: { search: [{ names: "*" }] } });
    emulator.faults.inject({ target: "es", method: "PUT", path: /cross_cluster\/api_key\//, times: 1, fault: { kind: "status", status: 502 } });
    emulator.faults.inject({ target: "es", method: "PUT", path: /cross_cluster\/api_key\//, times: 1, fault: { kind: "status", status: 504 } });
    expect(await es.updateCrossClusterApiKey(id, { metadata: { v: 2 } })).toEqual({ updated: true });
  });

  it("exhausted retries are bounded and end with the last error", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: Infinity, fault: { kind: "status", status: 503 } });
    const before = seen("GET", "/");
    const err = await rejectionOf(es.info());
    expect(err).toMatchObject({ status: 503, attempts: 4 });
    expect(err.isRetryable).toBe(true);
    expect(seen("GET", "/") - before).toBe(4);
  });

  it("a Retry-After beyond the time budget ends the retries at once", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: Infinity, fault: { kind: "status", status: 429, retryAfter: 3600 } });
    const started = Date.now();
    const err = await rejectionOf(es.info());
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 429, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("the total time budget bounds retries", async () => {
    const slow = new ElasticsearchClient({
      endpoints: [emulator.esUrl],
      auth: { type: "basic", ...emulator.credentials.superuser },
      retry: { maxAttempts: 100, initialDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 300 },
    });
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: Infinity, fault: { kind: "status", status: 503 } });
    const started = Date.now();
    const err = await rejectionOf(slow.info());
    expect(err.status).toBe(503);
    expect(err.attempts).toBeLessThan(100);
    expect(Date.now() - started).toBeLessThan(5_000);
    await slow.close();
  });

  it("a connection reset on a GET is retried", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 1, fault: { kind: "reset-after" } });
    await es.info();
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 2, fault: { kind: "reset-before" } });
    await es.info();
  });

  it("a hung GET times out and is retried; a GET that always hangs fails with RequestFailedError", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 1, fault: { kind: "hang" } });
    await es.info();
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: Infinity, fault: { kind: "hang" } });
    const err = await rejectionOf(es.info());
    expect(err).toMatchObject({ code: "ELASTIC_REQUEST_FAILED", name: "RequestFailedError", attempts: 4 });
    expect(err.message).toMatch(/Headers Timeout/i);
  });

  it("POSTs marked idempotent are retried: query API keys, revoke pending", async () => {
    emulator.faults.inject({ target: "es", method: "POST", path: "/_security/_query/api_key", times: 1, fault: { kind: "reset-after" } });
    expect((await es.queryApiKeys({ size: 1 })).api_keys.length).toBeLessThanOrEqual(1);
    emulator.faults.inject({ target: "cloud", method: "POST", path: /_revoke-pending$/, times: 1, fault: { kind: "status", status: 503 } });
    await cloud.revokePendingClusterApiKeys(emulator.defaultClusterId);
  });

  it("latency below the timeouts is just waited for", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 1, fault: { kind: "latency", ms: 150 } });
    await es.info();
  });
});
