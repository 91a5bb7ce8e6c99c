import fs from "node:fs";
import path from "node:path";
import { describe } from "vitest";
import { test, Thing } from "./testing";

describe("refresh", { timeout: 180_000 }, () => {


  test("drops a resource deleted out of band and takes in drift, without running the program", async ({ s, expect }) => {
    let programRuns = 0;
    const engine = s.engine(() => {
      programRuns++;
      new Thing("gone", { value: "g" });
      new Thing("drifted", { value: "d", size: 1 });
      new Thing("steady", { value: "s" });
    });
    expect((await engine.up()).ok).toBe(true);
    const ids = Object.fromEntries(Object.entries(s.things()).map(([id, t]) => [t.label as string, id]));
    const thingFile = (id: string) => path.join(s.thingsDir, "things", `${id}.json`);
    fs.rmSync(thingFile(ids.gone!));
    const drifted = JSON.parse(fs.readFileSync(thingFile(ids.drifted!), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(thingFile(ids.drifted!), JSON.stringify({ ...drifted, size: 5 }));
    s.clearOps();

    const result = await engine.refresh();

    expect(result.ok).toBe(true);
    expect(programRuns).toBe(1);
    const byName = Object.fromEntries(result.steps.map((st) => [st.name, st]));
    expect(byName.gone?.op).toBe("refresh-gone");
    expect(byName.drifted).toMatchObject({ op: "refresh-drift", diffs: [{ property: "size", old: 1, new: 5 }] });
    expect(byName.steady?.op).toBe("read");
    expect(s.ops("read")).toHaveLength(3);
    expect(result.report).toContain("size: 1 → 5");

    const state = await engine.readState();
    expect(state.resources.map((r) => r.name).sort()).toEqual(["default", "drifted", "steady", "test-dev"]);
    // The returned inputs replaced the stored ones, and __provider survived the read.
    const d = state.resources.find((r) => r.name === "drifted");
    expect(d?.inputs).toMatchObject({ size: 5 });
    expect(d?.outputs).toMatchObject({ size: 5 });
    expect(d?.outputs.__provider).toEqual(expect.stringContaining("engine-fixture-things"));

    // The next up puts things back as the program says: recreates the gone one, updates the drifted one.
    s.clearOps();
    const up = await engine.up();
    expect(up.ok).toBe(true);
    const ops = Object.fromEntries(up.steps.map((st) => [st.name, st.op]));
    expect(ops).toMatchObject({ gone: "create", drifted: "update", steady: "same" });
    expect(s.things()[ids.drifted!]?.size).toBe(1);
  });

  test("drift is the provider's call: an output-only change is not drift, an input the provider diffs is", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("outputs-only", { value: "o" });
      new Thing("inputs", { value: "i", note: "before" });
    });
    expect((await engine.up()).ok).toBe(true);
    for (const [id, t] of Object.entries(s.things())) {
      // hostPid is an output the provider's diff ignores; note is an input it compares (and read returns).
      const changed = t.label === "outputs-only" ? { ...t, hostPid: 1 } : { ...t, note: "after" };
      fs.writeFileSync(path.join(s.thingsDir, "things", `${id}.json`), JSON.stringify(changed));
    }
    s.clearOps();

    const result = await engine.refresh();

    expect(result.ok).toBe(true);
    const byName = Object.fromEntries(result.steps.map((st) => [st.name, st]));
    expect(byName["outputs-only"]?.op).toBe("read");
    expect(byName.inputs).toMatchObject({ op: "refresh-drift", diffs: [{ property: "note", old: "before", new: "after" }] });
    // Diff was called with the arguments swapped: news = the old inputs.
    expect(s.ops("diff").map((o) => o.label).sort()).toEqual(["inputs", "outputs-only"]);
    const state = await engine.readState();
    expect(state.resources.find((r) => r.name === "outputs-only")?.outputs.hostPid).toBe(1);
  });

  test("reads pending-delete copies too, and drops a gone resource from its dependents' dependencies", async ({ s, expect }) => {
    let kind = "a";
    const engine = s.engine(() => {
      const base = new Thing("base", { value: "b", kind });
      new Thing("dependent", { value: base.thingId });
    });
    expect((await engine.up()).ok).toBe(true);
    const baseUrn = "urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::base";
    const oldId = Object.entries(s.things()).find(([, t]) => t.label === "base")?.[0];
    // A replacement of base whose update then fails: the old copy stays, pending deletion.
    kind = "b";
    engine.options.env = { ...engine.options.env, ENGINE_THINGS_FAIL_INIT: "dependent" };
    expect((await engine.up()).ok).toBe(false);
    engine.options.env = { ...engine.options.env, ENGINE_THINGS_FAIL_INIT: undefined };
    const newId = (await engine.readState()).resources.find((r) => r.name === "base" && !r.pendingDelete)?.id;
    fs.rmSync(path.join(s.thingsDir, "things", `${oldId}.json`));
    fs.rmSync(path.join(s.thingsDir, "things", `${newId}.json`));
    s.clearOps();

    const result = await engine.refresh();

    expect(result.ok, result.report).toBe(true);
    const read = s.ops("read").map((o) => o.id);
    expect(read).toHaveLength(3);
    expect(read).toEqual(expect.arrayContaining([oldId, newId]));
    const state = await engine.readState();
    expect(state.resources.filter((r) => r.name === "base")).toEqual([]);
    expect(state.resources.find((r) => r.name === "dependent")?.dependencies).not.toContain(baseUrn);
  });
});
