import fs from "node:fs";
import path from "node:path";
import { describe, vi } from "vitest";
import { ProviderClient } from "./grpc";
import { ProviderHost } from "./host";
import type { PropertyMap } from "./rpc-values";
import { FIXTURES, linkModule, processAlive, REPO_ROOT, test, Thing } from "./testing";

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
    linkModule(path.join(elsewhere, "node_modules"), "@pulumi", path.join(REPO_ROOT, "node_modules/@pulumi"));
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

  test("comes from the program directory's @pulumi/pulumi only: a directory without it fails", async ({ s, expect }) => {
    const bare = path.join(s.root, "bare");
    linkModule(path.join(bare, "node_modules"), "engine-fixture-things.js", path.join(FIXTURES, "things-provider.js"));
    const engine = s.engine(() => {
      new Thing("probe", { value: "p" });
    }, { hostCwd: bare });

    const result = await engine.up();

    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toMatch(/could not read plugin \[pulumi-resource-pulumi-nodejs\]: @pulumi\/pulumi is not installed in the program directory/);
  });

  test("is run with the `node` found on the PATH", async ({ s, expect }) => {
    const bin = path.join(s.root, "bin");
    const marker = path.join(s.root, "node-on-path-ran");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "node"), `#!/bin/sh\necho "$@" >> "${marker}"\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    const engine = s.engine(() => {
      new Thing("probe", { value: "p" });
    }, { env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` } });

    expect((await engine.up()).ok).toBe(true);
    expect(fs.readFileSync(marker, "utf8")).toContain("cmd/dynamic-provider/index.js 127.0.0.1:0");
  });

  test("calls have no deadline (the engine sets none)", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("slow", { value: "v" });
    });
    expect((await engine.up()).ok).toBe(true);
    const news = (await engine.readState()).resources.find((r) => r.name === "slow")!.inputs as PropertyMap;
    const host = await ProviderHost.start({ cwd: s.hostCwd, project: "test", env: { ENGINE_THINGS_DIR: s.thingsDir, ENGINE_THINGS_DELAY_MS: "1500" }, onLog: () => undefined });
    const client = new ProviderClient(host.port);
    try {
      await client.configure({});
      // Were a deadline computed from the clock when the call starts, it would have passed after ~100 ms here.
      const realNow = Date.now.bind(Date);
      const clock = vi.spyOn(Date, "now").mockImplementation(() => realNow() - 119_900);
      const call = client.check({ urn: "urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::slow", name: "slow", type: "pulumi-nodejs:dynamic/engine:Thing", olds: {}, news });
      clock.mockRestore();
      expect((await call).failures).toEqual([]);
    } finally {
      client.close();
      await host.stop();
    }
  });
});
