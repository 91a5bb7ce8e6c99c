import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { FAST_RETRY, rejectionOf, reply, startServer, type TestServer } from "./helpers";

const CLUSTER = "0123456789abcdef0123456789abcdef";

describe("error shapes from the emulator", () => {
  let emulator: Emulator;
  let es: ElasticsearchClient;
  let cloud: CloudClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser }, retry: FAST_RETRY });
    cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, retry: FAST_RETRY });
  });
  afterAll(async () => {
    await es.close();
    await cloud.close();
    await emulator.close();
  });

  it("Elasticsearch error envelope → ElasticsearchError with type, reason and root cause", async () => {
    const err = await rejectionOf(es.createCrossClusterApiKey({ name: "_bad", access: { search: [{ names: "*" }] } }));
    expect(err).toMatchObject({
      code: "ELASTIC_ES_API",
      name: "ElasticsearchError",
      status: 400,
      type: "action_request_validation_exception",
      isRetryable: false,
      method: "POST",
      url: `${emulator.esUrl}/_security/cross_cluster/api_key`,
    });
    expect(err.reason).toContain("api key name may not begin with an underscore");
    expect(err.rootCause).toEqual([expect.objectContaining({ type: "action_request_validation_exception" })]);
    expect(err.message).toContain("400 action_request_validation_exception");
  });

  it("a strict parser's unknown field → x_content_parse_exception", async () => {
    const body = { name: "k", access: { search: [{ names: "*" }] }, role_descriptors: {} } as never;
    const err = await rejectionOf(es.createCrossClusterApiKey(body));
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 400, type: "x_content_parse_exception" });
    expect(err.reason).toContain("unknown field [role_descriptors]");
  });

  it("wrong credentials → 401 security_exception", async () => {
    const bad = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", username: "nobody", password: "wrong-password" } });
    const err = await rejectionOf(bad.info());
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 401, type: "security_exception" });
    await bad.close();
  });

  it("a 200 with error_details from invalidate is not a success", async () => {
    const { id } = await es.createCrossClusterApiKey({ name: "needs-manage-security", access: { replication: [{ names: "r" }] } });
    const admin = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.apiKeyAdmin } });
    const err = await rejectionOf(admin.invalidateApiKeys([id]));
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 200, type: "security_exception" });
    expect(err.reason).toContain(`Cannot invalidate cross-cluster API key [${id}]`);
    expect((await es.getApiKey(id))?.invalidated).toBe(false);
    await admin.close();
  });

  it("Cloud error envelope → CloudApiError with errors", async () => {
    const wrong = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: "not-a-valid-cloud-key" });
    const err = await rejectionOf(wrong.rotateClusterApiKey(emulator.defaultClusterId));
    expect(err).toMatchObject({ code: "ELASTIC_CLOUD_API", name: "CloudApiError", status: 401, isRetryable: false });
    expect(err.errors).toEqual([expect.objectContaining({ message: expect.any(String), code: expect.any(String) })]);
    await wrong.close();
  });

  it("Cloud 412 on a stale ETag", async () => {
    const err = await rejectionOf(cloud.rotateClusterApiKey(emulator.defaultClusterId, { ifMatch: '"stale-etag"' }));
    expect(err).toMatchObject({ code: "ELASTIC_CLOUD_API", status: 412 });
  });

  it("a JSON body cut off on a 2xx GET is retried like a reset connection", async () => {
    const rule = emulator.faults.inject({ target: "es", method: "GET", path: "/", times: 1, fault: { kind: "malformed" } });
    await expect(es.info()).resolves.toMatchObject({ cluster_name: "emulator" });
    expect(rule.hits).toBe(1);
  });

  it("cut off on every try → UnexpectedResponseError after the last attempt", async () => {
    emulator.faults.inject({ target: "es", method: "GET", path: "/", times: Infinity, fault: { kind: "malformed" } });
    const err = await rejectionOf(es.info());
    emulator.faults.clear();
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 200, attempts: 4 });
    expect(err.message).toContain("not valid JSON");
  });
});

describe("error shapes the emulator does not produce", () => {
  let server: TestServer;
  let es: ElasticsearchClient;
  let cloud: CloudClient;
  const routes: Record<string, [number, unknown]> = {
    "GET /": [400, { error: "no handler found for uri [/] and method [GET]" }],
    "GET /_security/api_key?id=mismatch": [200, { api_keys: [{ id: 42, name: "n", type: "rest", creation: "yesterday" }] }],
    "GET /_security/api_key?id=html": [502, "<html><body>502 Bad Gateway</body></html>"],
    "GET /_connector/proxy": [403, { message: "forbidden by proxy" }],
    [`GET /api/v1/cloud-connected/clusters/${CLUSTER}`]: [401, { UnauthorizedMessages: ["Invalid credential headers"], Cause: null }],
    [`POST /api/v1/cloud-connected/clusters/${CLUSTER}/apikey/_revoke-pending`]: [500, "upstream exploded"],
    [`POST /api/v1/cloud-connected/clusters/${CLUSTER}/apikey/_rotate`]: [200, { key: 12 }],
  };

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const [status, body] = routes[`${req.method} ${req.url}`] ?? [404, { error: "route not stubbed" }];
      reply(res, status, body);
    });
    es = new ElasticsearchClient({ endpoints: [server.url], auth: { type: "bearer", token: "test-token-1234" }, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    cloud = new CloudClient({ endpoint: server.url, apiKey: "cloud-key-123456", retry: { ...FAST_RETRY, maxAttempts: 2 } });
  });
  afterAll(async () => {
    await es.close();
    await cloud.close();
    await server.close();
  });

  it("string error form → ElasticsearchError with reason", async () => {
    const err = await rejectionOf(es.info());
    expect(err).toMatchObject({ code: "ELASTIC_ES_API", status: 400, type: "unknown_error", rootCause: [] });
    expect(err.reason).toBe("no handler found for uri [/] and method [GET]");
  });

  it("schema mismatch → UnexpectedResponseError naming paths, never values", async () => {
    const err = await rejectionOf(es.getApiKey("mismatch"));
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 200 });
    expect(err.issues).toEqual(
      expect.arrayContaining(["api_keys[0].id: expected string", "api_keys[0].creation: expected number", "api_keys[0].invalidated: expected boolean"]),
    );
    expect(err.message).not.toContain("yesterday");
  });

  it("non-JSON error body → UnexpectedResponseError with the status, after retries for 502", async () => {
    const err = await rejectionOf(es.getApiKey("html"));
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 502, attempts: 2 });
    expect(err.message).toContain("502 Bad Gateway");
  });

  it("JSON that is not an Elasticsearch envelope → UnexpectedResponseError with the status", async () => {
    const err = await rejectionOf(es.getConnector("proxy"));
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 403 });
  });

  it("non-standard Cloud 401 body → CloudApiError with derived errors", async () => {
    const err = await rejectionOf(cloud.getCluster(CLUSTER));
    expect(err).toMatchObject({
      code: "ELASTIC_CLOUD_API",
      status: 401,
      errors: [{ code: "UnauthorizedMessages", message: "Invalid credential headers" }],
    });
  });

  it("non-JSON Cloud error → CloudApiError", async () => {
    const err = await rejectionOf(cloud.revokePendingClusterApiKeys(CLUSTER));
    expect(err).toMatchObject({ code: "ELASTIC_CLOUD_API", status: 500, errors: [{ code: "unexpected_body" }] });
    expect(err.message).toContain("upstream exploded");
  });

  it("schema mismatch on a non-idempotent 2xx → OutcomeUnknownError with the mismatch as cause", async () => {
    const err = await rejectionOf(cloud.rotateClusterApiKey(CLUSTER));
    expect(err).toMatchObject({ code: "ELASTIC_OUTCOME_UNKNOWN", status: 200 });
    expect(err.cause).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", issues: ["key: expected string"] });
  });
});
