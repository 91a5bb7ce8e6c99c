import { describe, expect, it } from "vitest";
import { clients, http, SEARCH_ACCESS, useEmulator } from "./helpers";
import { startEmulator, type Emulator } from "./index";

const CREATE = "/_security/cross_cluster/api_key";
const keyCount = (e: Emulator) => e.inventory().apiKeys.length;
const createKey = (e: Emulator) => clients(e).elastic.post(CREATE, { name: "k", access: SEARCH_ACCESS });

describe("fault injection", () => {
  const emulator = useEmulator({ restApiKey: true });

  it("latency delays, then processes normally", async () => {
    const e = emulator();
    const rule = e.faults.inject({ path: "/", fault: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const res = await clients(e).elastic.get("/");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(rule.hits).toBe(1);
  });

  it("status answers with the Elasticsearch envelope and Retry-After, without processing", async () => {
    const e = emulator();
    e.faults.inject({ target: "es", method: "POST", path: CREATE, fault: { kind: "status", status: 503, retryAfter: 2 } });
    const res = await createKey(e);
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("2");
    expect(res.json.status).toBe(503);
    expect(res.json.error.root_cause[0].type).toBe("cluster_block_exception");
    expect(keyCount(e)).toBe(1);
    const throttled = e.faults.inject({ path: CREATE, fault: { kind: "status", status: 429, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" } });
    const tooMany = await createKey(e);
    expect(tooMany.json.error.type).toBe("es_rejected_execution_exception");
    expect(tooMany.headers["retry-after"]).toBe("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(throttled.hits).toBe(1);
  });

  it("status answers with the Cloud envelope on the Cloud listener, or with a given body", async () => {
    const e = emulator();
    const path = `/api/v1/cloud-connected/clusters/${e.defaultClusterId}/apikey/_rotate`;
    e.faults.inject({ target: "cloud", path, fault: { kind: "status", status: 429 } });
    const res = await clients(e).cloud.post(`/cloud-connected/clusters/${e.defaultClusterId}/apikey/_rotate`);
    expect(res.status).toBe(429);
    expect(res.json).toEqual({ errors: [{ message: "Injected fault (429)", code: "root.too_many_requests" }] });
    expect(e.inventory().clusters[0]!.rotations).toBe(0);
    e.faults.inject({ target: "cloud", path, fault: { kind: "status", status: 502, body: "<html>Bad Gateway</html>" } });
    const proxy = await clients(e).cloud.post(`/cloud-connected/clusters/${e.defaultClusterId}/apikey/_rotate`);
    expect(proxy.status).toBe(502);
    expect(proxy.text).toBe("<html>Bad Gateway</html>");
  });

  it("contains narrows a rule to requests naming the text in their query or body", async () => {
    const e = emulator();
    const rule = e.faults.inject({ path: CREATE, contains: '"name":"target"', fault: { kind: "status", status: 409 } });
    const other = await clients(e).elastic.post(CREATE, { name: "bystander", access: SEARCH_ACCESS });
    expect(other.status).toBe(200);
    expect(rule.hits).toBe(0);
    const hit = await clients(e).elastic.post(CREATE, { name: "target", access: SEARCH_ACCESS });
    expect(hit.status).toBe(409);
    expect(rule.hits).toBe(1);
    const byQuery = e.faults.inject({ path: "/_security/api_key", contains: "id=wanted", fault: { kind: "status", status: 500 } });
    expect((await clients(e).elastic.get("/_security/api_key?id=other")).status).toBe(200);
    expect((await clients(e).elastic.get("/_security/api_key?id=wanted")).status).toBe(500);
    expect(byQuery.hits).toBe(1);
  });

  it("reset-before destroys the socket and changes nothing", async () => {
    const e = emulator();
    e.faults.inject({ path: CREATE, fault: { kind: "reset-before" } });
    await expect(createKey(e)).rejects.toThrow();
    expect(keyCount(e)).toBe(1);
    expect(e.requests().at(-1)).toMatchObject({ route: `POST ${CREATE}`, status: "reset" });
  });

  it("reset-after really changes state, then destroys the socket", async () => {
    const e = emulator();
    e.faults.inject({ path: CREATE, fault: { kind: "reset-after" } });
    await expect(createKey(e)).rejects.toThrow();
    expect(keyCount(e)).toBe(2);
    expect(e.requests().at(-1)!.status).toBe("reset");
  });

  it("hang never answers and, by default, does not process", async () => {
    const e = emulator();
    e.faults.inject({ path: CREATE, fault: { kind: "hang" } });
    await expect(
      http(`${e.esUrl}${CREATE}`, { method: "POST", auth: `Bearer ${e.credentials.bearerToken}`, json: { name: "k", access: SEARCH_ACCESS }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(keyCount(e)).toBe(1);
    expect(e.requests().at(-1)!.status).toBe("hang");
  });

  it("hang with process:true changes state without answering", async () => {
    const e = emulator();
    e.faults.inject({ path: CREATE, fault: { kind: "hang", process: true } });
    await expect(
      http(`${e.esUrl}${CREATE}`, { method: "POST", auth: `Bearer ${e.credentials.bearerToken}`, json: { name: "k", access: SEARCH_ACCESS }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(keyCount(e)).toBe(2);
  });

  it("close() ends hanging sockets promptly", async () => {
    const e = await startEmulator();
    e.faults.inject({ path: "/", fault: { kind: "hang" } });
    const pending = clients(e).elastic.get("/");
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await e.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it("malformed processes and answers the real status with a body that is not JSON", async () => {
    const e = emulator();
    e.faults.inject({ path: CREATE, fault: { kind: "malformed" } });
    const res = await createKey(e);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(() => JSON.parse(res.text)).toThrow();
    expect(keyCount(e)).toBe(2);
    e.faults.inject({ path: CREATE, fault: { kind: "malformed", process: false } });
    const unprocessed = await createKey(e);
    expect(unprocessed.status).toBe(200);
    expect(() => JSON.parse(unprocessed.text)).toThrow();
    expect(keyCount(e)).toBe(2);
  });

  it("fires a rule `times` times, Infinity until removed, and clear() drops all rules", async () => {
    const e = emulator();
    const twice = e.faults.inject({ path: "/", fault: { kind: "status", status: 500 }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await clients(e).elastic.get("/")).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(twice.hits).toBe(2);

    const always = e.faults.inject({ path: "/", fault: { kind: "status", status: 503 }, times: Infinity });
    for (let i = 0; i < 4; i++) expect((await clients(e).elastic.get("/")).status).toBe(503);
    always.remove();
    expect((await clients(e).elastic.get("/")).status).toBe(200);
    expect(always.hits).toBe(4);

    e.faults.inject({ path: "/", fault: { kind: "status", status: 503 }, times: Infinity });
    e.faults.clear();
    expect((await clients(e).elastic.get("/")).status).toBe(200);
  });

  it("matches on target, method (case-insensitive) and RegExp paths", async () => {
    const e = emulator();
    e.faults.inject({ target: "cloud", path: "/", fault: { kind: "status", status: 500 }, times: Infinity });
    expect((await clients(e).elastic.get("/")).status).toBe(200);
    e.faults.inject({ method: "delete", path: /^\/_security\//, fault: { kind: "status", status: 500 }, times: Infinity });
    expect((await clients(e).elastic.get("/_security/api_key")).status).toBe(200);
    expect((await clients(e).elastic.delete("/_security/api_key", { ids: ["x"] })).status).toBe(500);
  });

  it("decides probabilistic faults with a reproducible seeded PRNG", async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const e = await startEmulator();
      try {
        e.faults.inject({ path: "/", fault: { kind: "status", status: 503 }, times: Infinity, probability: 0.5, seed });
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await clients(e).elastic.get("/")).status);
        return statuses;
      } finally {
        await e.close();
      }
    };
    const first = await pattern(42);
    expect(await pattern(42)).toEqual(first);
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);

    const e = emulator();
    const never = e.faults.inject({ path: "/", fault: { kind: "status", status: 503 }, times: Infinity, probability: 0 });
    for (let i = 0; i < 5; i++) expect((await clients(e).elastic.get("/")).status).toBe(200);
    expect(never.hits).toBe(0);
  });

  it("uses the emulator-wide seed for rules without their own", async () => {
    const run = async (): Promise<number[]> => {
      const e = await startEmulator({ seed: 7 });
      try {
        e.faults.inject({ path: "/", fault: { kind: "status", status: 503 }, times: Infinity, probability: 0.3 });
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await clients(e).elastic.get("/")).status);
        return statuses;
      } finally {
        await e.close();
      }
    };
    expect(await run()).toEqual(await run());
  });

  it("rejects invalid rules", () => {
    const e = emulator();
    expect(() => e.faults.inject({ path: "/", times: 0, fault: { kind: "reset-before" } })).toThrow(TypeError);
    expect(() => e.faults.inject({ path: "/", probability: 2, fault: { kind: "reset-before" } })).toThrow(TypeError);
    expect(() => e.faults.inject({ path: "/", fault: { kind: "explode" } as never })).toThrow(TypeError);
  });
});
