import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { FAST_RETRY, rejectionOf } from "./helpers";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures/tls", name), "utf8");
const cert = fixture("server.crt");

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tls: { key: fixture("server.key"), cert } });
});
afterAll(() => emulator.close());

const auth = () => ({ type: "basic" as const, ...emulator.credentials.superuser });

describe("TLS", () => {
  it("speaks HTTPS", () => {
    expect(emulator.esUrl).toMatch(/^https:/);
    expect(emulator.cloudUrl).toMatch(/^https:/);
  });

  it("trusts a server signed by caCert", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: auth(), caCert: cert });
    expect((await es.info()).cluster_name).toBeTruthy();
    const cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, caCert: cert });
    expect((await cloud.getCluster(emulator.defaultClusterId))?.cluster.id).toBe(emulator.defaultClusterId);
    await es.close();
    await cloud.close();
  });

  it("also for localhost (the certificate names both)", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl.replace("127.0.0.1", "localhost")], auth: auth(), caCert: cert });
    expect((await es.info()).cluster_name).toBeTruthy();
    await es.close();
  });

  it("rejects an untrusted certificate at once, with a hint, without retrying", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: auth(), retry: FAST_RETRY });
    const before = emulator.requests().length;
    const err = await rejectionOf(es.info());
    expect(err).toMatchObject({ code: "ELASTIC_REQUEST_FAILED", attempts: 1 });
    expect(err.message).toContain("caCert");
    expect(err.message).toContain("insecure");
    expect((err.cause as { code?: string }).code).toMatch(/CERT|SELF_SIGNED/);
    expect(emulator.requests().length).toBe(before);
    // A non-idempotent request fails the same way: the request never left.
    expect((await rejectionOf(es.createCrossClusterApiKey({ name: "tls", access: { search: [{ names: "*" }] } }))).code).toBe(
      "ELASTIC_REQUEST_FAILED",
    );
    await es.close();
  });

  it("accepts any certificate with insecure: true", async () => {
    const es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: auth(), insecure: true });
    expect((await es.info()).cluster_name).toBeTruthy();
    const cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, insecure: true });
    expect(await cloud.getCluster(emulator.defaultClusterId)).toBeDefined();
    await es.close();
    await cloud.close();
  });

  it("an http:// client against the HTTPS port does not hang", async () => {
    const es = new ElasticsearchClient({
      endpoints: [emulator.esUrl.replace("https:", "http:")],
      auth: auth(),
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      timeouts: { headersMs: 1_000 },
    });
    const err = await rejectionOf(es.info());
    expect(["ELASTIC_REQUEST_FAILED", "ELASTIC_UNEXPECTED_RESPONSE", "ELASTIC_ES_API"]).toContain(err.code);
    await es.close();
  });
});
