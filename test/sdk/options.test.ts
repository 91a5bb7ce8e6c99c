import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient, type CloudClientOptions, ElasticsearchClient, type ElasticsearchClientOptions } from "../../sdk";
import { rejectionOf, renderings, startServer, type TestServer, thrownBy } from "./helpers";

const CA = readFileSync(path.resolve(__dirname, "../fixtures/tls/server.crt"), "utf8");
const SECRET = "s3cr3t-PASSWORD-value";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => res.end("{}"));
});
afterAll(() => server.close());

const es = (over: Partial<ElasticsearchClientOptions>): ElasticsearchClientOptions => ({
  endpoints: [server.url],
  auth: { type: "basic", username: "elastic", password: SECRET },
  ...over,
});

/** Constructing with `options` throws InvalidOptionsError naming `option`, and never shows the secret. */
function expectInvalid(make: () => unknown, option: string, messagePart: RegExp | string): void {
  const err = thrownBy(make);
  expect(err.code).toBe("ELASTIC_INVALID_OPTIONS");
  expect(err.name).toBe("InvalidOptionsError");
  expect(err.option).toBe(option);
  expect(err.message).toMatch(messagePart);
  for (const text of Object.values(renderings(err))) expect(text).not.toContain(SECRET);
}

describe("ElasticsearchClient options are checked before any I/O", () => {
  it.each([
    [{ endpoints: [] }, "endpoints", /at least one URL/],
    [{ endpoints: ["localhost:9200"] }, "endpoints[0]", /http or https/],
    [{ endpoints: ["ftp://localhost"] }, "endpoints[0]", /http or https/],
    [{ endpoints: ["http://exa mple.com"] }, "endpoints[0]", /not a valid URL/],
    [{ endpoints: ["https://ok:9200", ""] }, "endpoints[1]", /non-empty/],
    [{ endpoints: [`https://elastic:${SECRET}@host:9200`] }, "endpoints[0]", /must not contain credentials/],
    [{ endpoints: ["https://host:9200/?x=1"] }, "endpoints[0]", /query string/],
  ] as [Partial<ElasticsearchClientOptions>, string, RegExp][])("%j → %s", (over, option, message) => {
    expectInvalid(() => new ElasticsearchClient(es(over)), option, message);
  });

  it.each([
    [{ type: "basic", username: "", password: SECRET }, "auth.username"],
    [{ type: "basic", username: "a:b", password: SECRET }, "auth.username"],
    [{ type: "basic", username: "elastic", password: "" }, "auth.password"],
    [{ type: "basic", username: "elastic", password: `${SECRET}\n` }, "auth.password"],
    [{ type: "bearer", token: "" }, "auth.token"],
    [{ type: "bearer", token: `Bearer ${SECRET}` }, "auth.token"],
    [{ type: "apiKey", encoded: "" }, "auth.encoded"],
    [{ type: "apiKey", encoded: `ApiKey ${SECRET}` }, "auth.encoded"],
    [{ type: "apiKey", encoded: `${SECRET} ` }, "auth.encoded"],
    [{ type: "apiKey", encoded: `id:${SECRET}` }, "auth.encoded"],
    [{ type: "password", password: SECRET }, "auth.type"],
  ])("auth %j → %s", (auth, option) => {
    expectInvalid(() => new ElasticsearchClient(es({ auth: auth as ElasticsearchClientOptions["auth"] })), option, /./);
  });

  it("refuses a missing auth", () => {
    expectInvalid(() => new ElasticsearchClient(es({ auth: undefined as unknown as ElasticsearchClientOptions["auth"] })), "auth", /required/);
  });

  it("checks the CA and the insecure switch", () => {
    expectInvalid(() => new ElasticsearchClient(es({ caCert: "/etc/ssl/ca.pem" })), "caCert", /not PEM text/);
    expectInvalid(() => new ElasticsearchClient(es({ caCert: "" })), "caCert", /non-empty PEM/);
    const corrupted = CA.replace(/^(-----BEGIN CERTIFICATE-----\n)(.{20})/, "$1AAAAAAAAAAAAAAAAAAAA");
    expectInvalid(() => new ElasticsearchClient(es({ caCert: corrupted })), "caCert", /cannot be parsed/);
    expectInvalid(() => new ElasticsearchClient(es({ caCert: CA, insecure: true })), "caCert", /insecure/);
    expectInvalid(() => new ElasticsearchClient(es({ insecure: "yes" as unknown as boolean })), "insecure", /boolean/);
    expect(() => new ElasticsearchClient(es({ caCert: CA }))).not.toThrow();
    expect(() => new ElasticsearchClient(es({ insecure: true }))).not.toThrow();
  });

  it("checks timeouts, retry settings and the user agent", () => {
    expectInvalid(() => new ElasticsearchClient(es({ timeouts: { headersMs: 0 } })), "timeouts.headersMs", /positive/);
    expectInvalid(() => new ElasticsearchClient(es({ timeouts: { connectMs: Number.NaN } })), "timeouts.connectMs", /positive/);
    expectInvalid(() => new ElasticsearchClient(es({ retry: { maxAttempts: 0 } })), "retry.maxAttempts", /≥ 1/);
    expectInvalid(() => new ElasticsearchClient(es({ retry: { maxDelayMs: -1 } })), "retry.maxDelayMs", /≥ 0/);
    expectInvalid(() => new ElasticsearchClient(es({ userAgent: "a\r\nx-injected: 1" })), "userAgent", /control/);
  });

  it("checks path arguments before sending", async () => {
    const client = new ElasticsearchClient(es({}));
    const before = server.requests.length;
    for (const call of <(() => Promise<unknown>)[]>[
      () => client.getApiKey(""),
      () => client.getApiKeysByName(""),
      () => client.updateCrossClusterApiKey("", { metadata: {} }),
      () => client.getConnector(""),
      () => client.updateConnectorApiKeyId("", { api_key_id: "x" }),
      () => client.getConnectorSecret(""),
      () => client.deleteConnectorSecret(""),
    ]) {
      const err = await rejectionOf(call()); // async: rejects, never throws synchronously
      expect(err.code).toBe("ELASTIC_INVALID_OPTIONS");
    }
    expect(server.requests.length).toBe(before);
    await client.close();
  });

  it("accepts a path prefix and trailing slashes", async () => {
    const client = new ElasticsearchClient(es({ endpoints: [`${server.url}/proxy/es/`] }));
    await rejectionOf(client.info()); // "{}" is not cluster info; only the path matters here
    expect(server.requests.at(-1)?.url).toBe("/proxy/es/");
    await client.getConnector("a b/c").catch(() => undefined);
    expect(server.requests.at(-1)?.url).toBe("/proxy/es/_connector/a%20b%2Fc");
    await client.close();
  });
});

describe("CloudClient options are checked before any I/O", () => {
  const cloud = (over: Partial<CloudClientOptions>): CloudClientOptions => ({ endpoint: server.url, apiKey: SECRET, ...over });

  it("checks the endpoint and the key", () => {
    expectInvalid(() => new CloudClient(cloud({ endpoint: "api.elastic-cloud.com" })), "endpoint", /http or https/);
    expectInvalid(() => new CloudClient(cloud({ apiKey: "" })), "apiKey", /non-empty/);
    expectInvalid(() => new CloudClient(cloud({ apiKey: `ApiKey ${SECRET}` })), "apiKey", /scheme/);
    expectInvalid(() => new CloudClient(cloud({ apiKey: `${SECRET}\n` })), "apiKey", /whitespace/);
    expect(() => new CloudClient({ apiKey: SECRET })).not.toThrow();
  });

  it("validates the cluster id and ETag before sending", async () => {
    const client = new CloudClient(cloud({}));
    const before = server.requests.length;
    for (const call of <(() => Promise<unknown>)[]>[
      () => client.getCluster("not-a-cluster"),
      () => client.getCluster("../../admin0123456789abcdef012345"),
      () => client.rotateClusterApiKey("ABCDEF0123456789abcdef0123456789"),
      () => client.revokePendingClusterApiKeys(""),
      () => client.rotateClusterApiKey("0123456789abcdef0123456789abcdef", { ifMatch: "x\r\ny" }),
    ]) {
      const err = await rejectionOf(call()); // async: rejects, never throws synchronously
      expect(err.code).toBe("ELASTIC_INVALID_OPTIONS");
    }
    expect(server.requests.length).toBe(before);
    await client.close();
  });
});
