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
    expect(state.resources.map((r) => r.name).sort()).toEqual(["drifted", "steady", "test-dev"]);
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
});
