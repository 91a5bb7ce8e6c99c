import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElasticsearchClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { closedPortUrl, FAST_RETRY, rejectionOf } from "./helpers";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const auth = () => ({ type: "basic" as const, ...emulator.credentials.superuser });

describe("failover across endpoints", () => {
  it("uses the next endpoint when the first refuses connections, and sticks to it", async () => {
    const dead = await closedPortUrl();
    const es = new ElasticsearchClient({ endpoints: [dead, emulator.esUrl], auth: auth(), retry: { ...FAST_RETRY, maxAttempts: 1 } });
    expect((await es.info()).cluster_name).toBeTruthy();
    expect((await es.getApiKey("missing0000000000000"))).toBeUndefined();
    await es.close();
  });

  it("fails over a non-idempotent create too: a refused connection never reached a server", async () => {
    const dead = await closedPortUrl();
    const es = new ElasticsearchClient({ endpoints: [dead, emulator.esUrl], auth: auth(), retry: FAST_RETRY });
    const created = await es.createCrossClusterApiKey({ name: "failover-create", access: { search: [{ names: "*" }] } });
    expect(emulator.inventory().apiKeys.filter((k) => k.name === "failover-create").map((k) => k.id)).toEqual([created.id]);
    await es.close();
  });

  it("retries connection refusals on a single endpoint (even for creates), then gives up with RequestFailedError", async () => {
    const dead = await closedPortUrl();
    const es = new ElasticsearchClient({ endpoints: [dead, await closedPortUrl()], auth: auth(), retry: FAST_RETRY });
    const err = await rejectionOf(es.createCrossClusterApiKey({ name: "nowhere", access: { search: [{ names: "*" }] } }));
    expect(err).toMatchObject({ code: "ELASTIC_REQUEST_FAILED", attempts: 4 });
    expect(err.message).toContain("no endpoint could be reached");
    expect(err.message).toContain("ECONNREFUSED");
    expect((err.cause as { code?: string }).code).toBe("ECONNREFUSED");
    await es.close();
  });

  it("an unresolvable host is skipped like a refused one", async () => {
    const es = new ElasticsearchClient({ endpoints: ["http://nonexistent.invalid:9200", emulator.esUrl], auth: auth(), retry: FAST_RETRY });
    expect((await es.info()).cluster_name).toBeTruthy();
    await es.close();
  });
});
