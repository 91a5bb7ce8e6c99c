import { beforeAll, describe, expect, it } from "vitest";
import type { CloudClient, ElasticsearchClient } from "../../sdk";
import type { Emulator } from "../emulator";
import { FAST_RETRY, rejectionOf, SHORT_TIMEOUTS, useFastClients } from "./helpers";

let emulator: Emulator;
let es: ElasticsearchClient;
let cloud: CloudClient;

const CREATE = "/_security/cross_cluster/api_key";
const access = { search: [{ names: "*" }] };

const clients = useFastClients();
beforeAll(() => {
  ({ emulator, es, cloud } = clients);
});

const creates = () => emulator.requests().filter((r) => r.method === "POST" && r.path === CREATE).length;
const keysNamed = (name: string) => emulator.inventory().apiKeys.filter((k) => k.name === name);

describe("non-idempotent requests are never retried blindly", () => {
  it.each([
    ["reset-after", "the connection failed after the request was sent"],
    ["hang", "the connection failed after the request was sent"],
    ["malformed", "its response could not be read"],
  ] as const)("create with %s → OutcomeUnknownError, exactly one create reached the server", async (kind, why) => {
    const name = `outcome-${kind}`;
    emulator.faults.inject({ target: "es", method: "POST", path: CREATE, times: 1, fault: { kind } });
    const before = creates();
    const err = await rejectionOf(es.createCrossClusterApiKey({ name, access }));
    expect(err).toMatchObject({ code: "ELASTIC_OUTCOME_UNKNOWN", name: "OutcomeUnknownError", method: "POST", attempts: 1 });
    expect(err.message).toContain("outcome unknown");
    expect(err.message).toContain("check whether it took effect before retrying");
    expect(err.message).toContain(why);
    expect(creates() - before).toBe(1);
    // The emulator did process it (reset-after / malformed process first): exactly one key, never a duplicate.
    expect(keysNamed(name).length).toBeLessThanOrEqual(1);
    if (kind !== "hang") expect(keysNamed(name)).toHaveLength(1);
  });

  it("create with reset-before → OutcomeUnknownError (the client cannot tell it apart), and no key exists", async () => {
    emulator.faults.inject({ target: "es", method: "POST", path: CREATE, times: 1, fault: { kind: "reset-before" } });
    const err = await rejectionOf(es.createCrossClusterApiKey({ name: "outcome-reset-before", access }));
    expect(err.code).toBe("ELASTIC_OUTCOME_UNKNOWN");
    expect(keysNamed("outcome-reset-before")).toEqual([]);
  });

  it("503 and 429 (not processed by the server) are retried for a create", async () => {
    emulator.faults.inject({ target: "es", method: "POST", path: CREATE, times: 1, fault: { kind: "status", status: 503 } });
    emulator.faults.inject({ target: "es", method: "POST", path: CREATE, times: 1, fault: { kind: "status", status: 429 } });
    const before = creates();
    const created = await es.createCrossClusterApiKey({ name: "after-503", access });
    expect(created.name).toBe("after-503");
    expect(creates() - before).toBe(3);
    expect(keysNamed("after-503")).toHaveLength(1);
  });

  it("502 from a gateway on a create → OutcomeUnknownError, not retried", async () => {
    emulator.faults.inject({ target: "es", method: "POST", path: CREATE, times: 1, fault: { kind: "status", status: 502 } });
    const before = creates();
    const err = await rejectionOf(es.createCrossClusterApiKey({ name: "after-502", access }));
    expect(err).toMatchObject({ code: "ELASTIC_OUTCOME_UNKNOWN", status: 502 });
    expect(creates() - before).toBe(1);
  });

  it("REST key creation and connector secret creation follow the same rule", async () => {
    emulator.faults.inject({ target: "es", method: "POST", path: "/_security/api_key", times: 1, fault: { kind: "reset-after" } });
    expect((await rejectionOf(es.createApiKey({ name: "rest-outcome" }))).code).toBe("ELASTIC_OUTCOME_UNKNOWN");
    emulator.faults.inject({ target: "es", method: "POST", path: "/_connector/_secret", times: 1, fault: { kind: "malformed" } });
    expect((await rejectionOf(es.createConnectorSecret({ value: "some-secret-value" }))).code).toBe("ELASTIC_OUTCOME_UNKNOWN");
  });

  it("Cloud key rotation: reset-after → OutcomeUnknownError, rotated exactly once", async () => {
    const id = emulator.defaultClusterId;
    const etag = emulator.inventory().clusters.find((c) => c.id === id)?.etag;
    emulator.faults.inject({ target: "cloud", method: "POST", path: /_rotate$/, times: 1, fault: { kind: "reset-after" } });
    const err = await rejectionOf(cloud.rotateClusterApiKey(id));
    expect(err.code).toBe("ELASTIC_OUTCOME_UNKNOWN");
    const after = emulator.inventory().clusters.find((c) => c.id === id);
    expect(after?.etag).not.toBe(etag);
    expect(emulator.requests().filter((r) => r.method === "POST" && /_rotate$/.test(r.path)).length).toBe(1);
  });
});
