import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe("keep-alive", () => {
  // undici's Pool may open a second socket when the next request is dispatched in the same tick the previous
  // response ends (before its socket reports free); after that the two are reused. Hence "≤ 2", not "1".
  it("many sequential requests reuse one or two connections", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser } });
    const before = emulator.stats().connections.es;
    for (let i = 0; i < 50; i++) await es.getApiKey(`missing${String(i).padStart(13, "0")}`);
    expect(emulator.stats().connections.es - before).toBeLessThanOrEqual(2);
    await es.close();
  });

  // Regression (found by the benchmark): undici closes the socket after a DELETE with a body unless told not to,
  // which made every invalidation of a destroy open a new connection.
  it("DELETE requests with a body (invalidations) reuse their connection too", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser } });
    const before = emulator.stats().connections.es;
    for (let i = 0; i < 30; i++) await es.invalidateApiKeys([`missing${String(i).padStart(13, "0")}`]);
    expect(emulator.stats().connections.es - before).toBeLessThanOrEqual(2);
    await es.close();
  });

  it("parallel requests open a bounded number of connections", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser } });
    const before = emulator.stats().connections.es;
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 20 }, () => es.info()));
    expect(emulator.stats().connections.es - before).toBeLessThanOrEqual(8);
    await es.close();
  });

  it("the Cloud client keeps its connection too", async () => {
    const cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey });
    const before = emulator.stats().connections.cloud;
    for (let i = 0; i < 20; i++) await cloud.getCluster(emulator.defaultClusterId);
    expect(emulator.stats().connections.cloud - before).toBeLessThanOrEqual(2);
    await cloud.close();
  });
});

describe("close", () => {
  it("is idempotent, and a closed client refuses new requests without I/O", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser } });
    await es.info();
    await es.close();
    await es.close();
    const before = emulator.requests().length;
    await expect(es.info()).rejects.toMatchObject({ code: "ELASTIC_REQUEST_FAILED", attempts: 0, message: expect.stringContaining("closed") });
    expect(emulator.requests().length).toBe(before);
  });
});
