import { describe, expect, it } from "vitest";
import { clients, createCrossClusterKey, http, useEmulator } from "./helpers";

describe("HTTP control endpoints (/_emulator/*)", () => {
  const emulator = useEmulator();
  const control = (method: string, path: string, json?: unknown) =>
    http(`${emulator().esUrl}/_emulator${path}`, { method, ...(json !== undefined && { json }) });

  it("serves inventory, stats and requests without authentication and without counting itself", async () => {
    const e = emulator();
    await createCrossClusterKey(e);
    const inventory = await control("GET", "/inventory");
    expect(inventory.status).toBe(200);
    expect(inventory.json).toEqual(e.inventory());
    expect((await control("GET", "/stats")).json).toEqual({
      requests: { total: 1, byRoute: { "POST /_security/cross_cluster/api_key": 1 } },
      connections: { es: e.stats().connections.es, cloud: 0 },
    });
    expect((await control("GET", "/requests")).json).toEqual(e.requests());
    expect(e.stats().requests.total).toBe(1);
    expect((await control("DELETE", "/stats")).json.requests.total).toBe(0);
  });

  it("does not count connections used only for control calls", async () => {
    const e = emulator();
    await control("GET", "/stats");
    await control("GET", "/inventory");
    expect(e.stats().connections.es).toBe(0);
  });

  it("injects, lists and removes faults (regex paths, unlimited times)", async () => {
    const e = emulator();
    const added = await control("POST", "/faults", { path: "^/_security/", regex: true, times: "Infinity", fault: { kind: "status", status: 503 } });
    expect(added.status).toBe(201);
    expect((await clients(e).elastic.get("/_security/api_key")).status).toBe(503);
    expect((await clients(e).elastic.get("/_security/api_key")).status).toBe(503);
    expect((await clients(e).elastic.get("/")).status).toBe(200);
    expect((await control("GET", "/faults")).json).toEqual([
      { id: added.json.id, path: new RegExp("^/_security/").source, regex: true, probability: 1, remaining: null, hits: 2, fault: { kind: "status", status: 503 } },
    ]);
    expect((await control("DELETE", `/faults/${added.json.id}`)).json).toEqual({ removed: true });
    expect((await clients(e).elastic.get("/_security/api_key")).status).toBe(200);

    await control("POST", "/faults", { target: "es", method: "GET", path: "/", times: null, fault: { kind: "latency", ms: 1 } });
    await control("DELETE", "/faults");
    expect((await control("GET", "/faults")).json).toEqual([]);
  });

  it("rejects invalid fault rules with 400", async () => {
    const bad = await control("POST", "/faults", { path: "/", fault: { kind: "explode" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/fault/);
    expect((await control("POST", "/faults", { path: "(", regex: true, fault: { kind: "hang" } })).status).toBe(400);
    expect((await control("POST", "/faults", { path: "/", times: 0, fault: { kind: "hang" } })).status).toBe(400);
  });

  it("moves the clock", async () => {
    const e = emulator();
    const before = e.clock.now();
    const advanced = await control("POST", "/clock", { advanceMs: 86_400_000 });
    expect(advanced.json.now).toBeGreaterThanOrEqual(before + 86_400_000);
    const set = await control("POST", "/clock", { setMs: 1_000_000_000_000 });
    expect(set.json.now).toBeGreaterThanOrEqual(1_000_000_000_000);
    expect(set.json.now).toBeLessThan(1_000_000_010_000);
    expect((await control("GET", "/clock")).json.now).toBeGreaterThanOrEqual(1_000_000_000_000);
    expect((await control("POST", "/clock", { advanceMs: -1 })).status).toBe(400);
  });

  it("adds Cloud clusters and reports key status", async () => {
    const e = emulator();
    const added = await control("POST", "/cloud/clusters", { name: "extra" });
    expect(added.json.id).toMatch(/^[a-z0-9]{32}$/);
    const active = e.inventory().clusters[1]!.activeKey;
    expect((await control("POST", "/cloud/key-status", { key: active })).json).toEqual({ status: "active" });
    expect((await control("POST", "/cloud/key-status", { key: "nope" })).json).toEqual({ status: "unknown" });
  });

  it("answers 404 for unknown control endpoints", async () => {
    expect((await control("GET", "/nope")).status).toBe(404);
  });
});
