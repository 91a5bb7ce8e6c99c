import fs from "node:fs";
import path from "node:path";
import { describe } from "vitest";
import { FIXTURES, processAlive, test, Thing } from "./testing";

describe.concurrent("the provider host", { timeout: 180_000 }, () => {

  test("is a separate process that loads the serialized __provider and resolves the implementation from its cwd", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("probe", { value: "p" });
    });

    const result = await engine.up();

    expect(result.ok).toBe(true);
    const state = await engine.readState();
    const probe = state.resources.find((r) => r.name === "probe");
    // It ran in another process: one this engine started for the operation.
    expect(probe?.outputs.hostPid).not.toBe(process.pid);
    expect(engine.hostPids()).toContain(probe?.outputs.hostPid);
    // The thin provider's require("engine-fixture-things") resolved from the host's cwd, where the test linked it;
    // this process cannot resolve that name at all.
    expect(probe?.outputs.resolved).toBe(fs.realpathSync(path.join(FIXTURES, "things-provider.js")));
    expect(() => require.resolve("engine-fixture-things")).toThrow(/Cannot find module/);
    // What the host loaded is the closure-serialized shim, not the implementation (which stays in node_modules).
    const shim = probe?.inputs.__provider as string;
    expect(shim).toContain("exports.handler");
    expect(shim).toContain('require("engine-fixture-things").create(inputs)');
    expect(shim).not.toContain("ENGINE_THINGS_DIR");
    expect(shim.length).toBeLessThan(4000);
  });

  test("fails the resource when its cwd cannot resolve the implementation", async ({ s, expect }) => {
    const elsewhere = path.join(s.root, "elsewhere");
    fs.mkdirSync(elsewhere);
    const engine = s.engine(
      () => {
        new Thing("probe", { value: "p" });
      },
      { hostCwd: elsewhere },
    );

    const result = await engine.up();

    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ resource: "probe", message: expect.stringContaining("Cannot find module 'engine-fixture-things'") });
  });

  test("runs afresh for every operation and never outlives it, also when the operation fails", async ({ s, expect }) => {
    let value = "ok";
    const engine = s.engine(() => {
      new Thing("t", { value });
    });
    const pidsAfter: number[][] = [];
    for (const op of ["preview", "up", "refresh", "preview", "destroy"] as const) {
      const result = await engine[op]();
      expect(result.ok, `${op}: ${result.report}`).toBe(true);
      pidsAfter.push(engine.hostPids());
      for (const pid of engine.hostPids()) expect(processAlive(pid), `host ${pid} after ${op}`).toBe(false);
    }
    value = "invalid";
    expect((await engine.preview()).ok).toBe(false);
    const missing = s.engine(() => new Thing("t", { value: "v" }), { hostCwd: path.join(s.root, "does-not-exist") });
    const failedStart = await missing.up();
    expect(failedStart.ok).toBe(false);
    expect(failedStart.errors[0]?.message).toMatch(/provider host's directory .*does-not-exist does not exist/);

    const all = [...engine.hostPids(), ...missing.hostPids()];
    for (const pid of all) expect(processAlive(pid)).toBe(false);
    expect(new Set(engine.hostPids()).size).toBe(6); // one host per operation
    expect(pidsAfter.map((p) => p.length)).toEqual([1, 2, 3, 4, 5]);
  });
});
