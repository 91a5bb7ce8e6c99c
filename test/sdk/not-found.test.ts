import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient, ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { proxyNotFound } from "../emulator/faults";
import { FAST_RETRY, rejectionOf } from "./helpers";

/**
 * "Gone" means Elastic said gone (issue #14, case 5): only Elasticsearch's error envelope or Elastic Cloud's `errors`
 * envelope on a 404 is a "not found". A 404 from a proxy in between is an error naming what answered.
 */
describe("404 classification: only Elastic's own not-found means missing", () => {
  let emulator: Emulator;
  let es: ElasticsearchClient;
  let cloud: CloudClient;
  let clusterId: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    es = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth: { type: "basic", ...emulator.credentials.superuser }, retry: FAST_RETRY });
    cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, retry: FAST_RETRY });
    clusterId = emulator.inventory().clusters[0]!.id;
    await es.createConnector("c1", { index_name: "search-c1", name: "c1", service_type: "sharepoint_online", is_native: false });
  });
  afterAll(async () => {
    await es.close();
    await cloud.close();
    await emulator.close();
  });

  it("Elastic's own 404s still mean missing", async () => {
    expect(await es.getConnector("nope")).toBeUndefined();
    expect(await es.getConnectorSecret("nope")).toBeUndefined();
    expect(await es.deleteConnectorSecret("nope")).toBe(false);
    expect(await cloud.getCluster("0".repeat(32))).toBeUndefined();
  });

  for (const kind of ["text", "html"] as const) {
    it(`a proxy's ${kind} 404 on GET _connector/{id} is an error naming status, content type and first bytes`, async () => {
      emulator.faults.inject({ target: "es", path: "/_connector/c1", fault: proxyNotFound(kind) });
      const err = await rejectionOf(es.getConnector("c1"));
      expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 404 });
      expect(err.message).toContain("404");
      expect(err.message).toContain(kind === "text" ? "content-type text/plain" : "content-type text/html");
      expect(err.message).toContain(kind === "text" ? "default backend - 404" : "<title>404 Not Found</title>");
    });
  }

  it("a proxy's 404 on DELETE _connector/_secret/{id} is an error, not 'already deleted'", async () => {
    const { id } = await es.createConnectorSecret({ value: "kept-secret-value" });
    emulator.faults.inject({ target: "es", method: "DELETE", path: `/_connector/_secret/${id}`, fault: proxyNotFound("text") });
    const err = await rejectionOf(es.deleteConnectorSecret(id));
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 404 });
    expect(emulator.inventory().connectorSecrets.map((s) => s.id)).toContain(id);
  });

  it("a proxy's JSON {error: 'Not Found'} is not Elasticsearch's envelope", async () => {
    emulator.faults.inject({
      target: "es",
      path: "/_connector/c1",
      fault: { kind: "status", status: 404, body: '{"error":"Not Found"}', headers: { "content-type": "application/json" } },
    });
    expect(await rejectionOf(es.getConnector("c1"))).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 404 });
  });

  it("a proxy's 404 on the Cloud cluster GET and on _revoke-pending is an error, not 'cluster gone'", async () => {
    emulator.faults.inject({ target: "cloud", path: `/api/v1/cloud-connected/clusters/${clusterId}`, fault: proxyNotFound("html") });
    const err = await rejectionOf(cloud.getCluster(clusterId));
    expect(err).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 404 });
    expect(err.message).toContain("Elastic Cloud's own");
    emulator.faults.inject({ target: "cloud", path: `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_revoke-pending`, fault: proxyNotFound("text") });
    expect(await rejectionOf(cloud.revokePendingClusterApiKeys(clusterId))).toMatchObject({ code: "ELASTIC_UNEXPECTED_RESPONSE", status: 404 });
  });
});
