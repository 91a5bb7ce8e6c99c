import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { test, Thing, type Op, type Sandbox } from "./testing";
import type { ThingArgs } from "../fixtures/engine/resources";

describe.concurrent("an input change", { timeout: 180_000 }, () => {

  /** An engine for one Thing "t" whose args (and options) the test changes between operations. */
  function single(s: Sandbox, args: ThingArgs, opts: pulumi.CustomResourceOptions = {}) {
    const current = { args, opts };
    const engine = s.engine(() => {
      new Thing("t", current.args, current.opts);
    });
    return { engine, current };
  }

  const lifecycle = (ops: Op[]) => ops.map((o) => `${o.op} ${o.id}`);

  test("updates in place when the provider's diff has no replaces", async ({ s, expect }) => {
    const { engine, current } = single(s, { value: "v", size: 1 });
    expect((await engine.up()).ok).toBe(true);
    const [id] = Object.keys(s.things());
    s.clearOps();

    current.args = { value: "v", size: 2 };
    const result = await engine.up();

    expect(result.ok).toBe(true);
    const step = result.steps.find((st) => st.name === "t");
    expect(step).toMatchObject({ op: "update", diffs: [{ property: "size", old: 1, new: 2 }], replaceReasons: [] });
    expect(lifecycle(s.ops("create", "update", "delete"))).toEqual([`update ${id}`]);
    expect(s.things()[id!]?.size).toBe(2);
    expect((await engine.readState()).resources.find((r) => r.name === "t")).toMatchObject({ id, outputs: { size: 2 } });
  });

  test("replaces create-before-delete by default: the old one is deleted after the new one exists", async ({ s, expect }) => {
    const { engine, current } = single(s, { value: "v", kind: "a" });
    expect((await engine.up()).ok).toBe(true);
    const [oldId] = Object.keys(s.things());
    s.clearOps();

    current.args = { value: "v", kind: "b" };
    const preview = await engine.preview();
    expect(preview.steps.find((st) => st.name === "t")).toMatchObject({ op: "replace", replaceReasons: ["kind"] });
    expect(preview.report).toContain("[replace because: kind]");
    const result = await engine.up();

    expect(result.ok).toBe(true);
    expect(result.steps.find((st) => st.name === "t")).toMatchObject({ op: "replace", replaceReasons: ["kind"] });
    const ops = s.ops("create", "update", "delete");
    expect(ops.map((o) => o.op)).toEqual(["create", "delete"]);
    expect(ops[1]?.id).toBe(oldId);
    const newId = ops[0]?.id;
    expect(Object.keys(s.things())).toEqual([newId]);
    const state = await engine.readState();
    expect(state.resources.filter((r) => r.name === "t")).toMatchObject([{ id: newId, pendingDelete: false }]);
  });

  test("replaces delete-before-replace when the provider asks for it", async ({ s, expect }) => {
    const { engine, current } = single(s, { value: "v", kind: "a", dbr: true });
    expect((await engine.up()).ok).toBe(true);
    const [oldId] = Object.keys(s.things());
    s.clearOps();

    current.args = { value: "v", kind: "b", dbr: true };
    const result = await engine.up();

    expect(result.ok).toBe(true);
    const ops = s.ops("create", "update", "delete");
    expect(ops.map((o) => `${o.op} ${o.id === oldId ? "old" : "new"}`)).toEqual(["delete old", "create new"]);
  });

  test("lets the deleteBeforeReplace option override the provider's answer, both ways", async ({ s, expect }) => {
    const { engine, current } = single(s, { value: "v", kind: "a" }, { deleteBeforeReplace: true });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();
    current.args = { value: "v", kind: "b" };
    expect((await engine.up()).ok).toBe(true);
    expect(s.ops("create", "delete").map((o) => o.op)).toEqual(["delete", "create"]);

    s.clearOps();
    current.args = { value: "v", kind: "c", dbr: true };
    current.opts = { deleteBeforeReplace: false };
    expect((await engine.up()).ok).toBe(true);
    expect(s.ops("create", "delete").map((o) => o.op)).toEqual(["create", "delete"]);
  });

  test("keeps the old value of an ignoreChanges property", async ({ s, expect }) => {
    const { engine, current } = single(s, { value: "v", size: 1, note: "first" }, { ignoreChanges: ["note"] });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    current.args = { value: "v", size: 1, note: "second" };
    const result = await engine.up();

    expect(result.steps.find((st) => st.name === "t")?.op).toBe("same");
    expect(s.ops("create", "update", "delete")).toEqual([]);
    expect((await engine.readState()).resources.find((r) => r.name === "t")?.inputs.note).toBe("first");
  });

  test("deletes a replaced resource's old copy only at the end of the update", async ({ s, expect }) => {
    // first is replaced; third is created after it by the program. With create-before-delete the real engine
    // deletes the old first only after every other step of the update.
    let kind = "a";
    const engine = s.engine(() => {
      const first = new Thing("first", { value: "v", kind });
      new Thing("third", { value: first.thingId });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    kind = "b";
    expect((await engine.up()).ok).toBe(true);

    const ops = s.ops("create", "update", "delete").map((o) => `${o.op} ${o.label}`);
    expect(ops).toEqual(["create first", "update third", "delete first"]);
  });

  test("keeps the old copy pending deletion when the update fails after the replacement; the next up deletes it", async ({ s, expect }) => {
    let kind = "a";
    const engine = s.engine(() => {
      const first = new Thing("first", { value: "v", kind });
      new Thing("third", { value: first.thingId });
    });
    expect((await engine.up()).ok).toBe(true);
    const oldId = Object.entries(s.things()).find(([, t]) => t.label === "first")?.[0];

    kind = "b";
    engine.options.env = { ...engine.options.env, ENGINE_THINGS_FAIL_INIT: "third" };
    const failed = await engine.up();
    expect(failed.ok).toBe(false);
    const firsts = (await engine.readState()).resources.filter((r) => r.name === "first");
    expect(firsts.map((r) => [r.id === oldId ? "old" : "new", r.pendingDelete])).toEqual([
      ["old", true],
      ["new", false],
    ]);
    expect(s.things()[oldId!]).toBeDefined();

    engine.options.env = { ...engine.options.env, ENGINE_THINGS_FAIL_INIT: undefined };
    s.clearOps();
    const next = await engine.up();

    expect(next.ok).toBe(true);
    expect(s.ops("create", "update", "delete").map((o) => `${o.op} ${o.id === oldId ? "old " : ""}${o.label}`)).toEqual([
      "update third",
      "delete old first",
    ]);
    expect(next.steps.find((st) => st.op === "delete")).toMatchObject({ name: "first" });
    expect((await engine.readState()).resources.filter((r) => r.name === "first")).toHaveLength(1);
  });

  test("creates a replacement from a fresh Check of the program's inputs: ignoreChanges does not apply to it", async ({ s, expect }) => {
    let kind = "a";
    let note = "first";
    const engine = s.engine(() => {
      new Thing("t", { value: "v", kind, note }, { ignoreChanges: ["note"] });
    });
    expect((await engine.up()).ok).toBe(true);

    kind = "b";
    note = "second";
    const result = await engine.up();

    expect(result.steps.find((st) => st.name === "t")?.op).toBe("replace");
    expect(Object.values(s.things()).map((t) => t.note)).toEqual(["second"]);
    expect((await engine.readState()).resources.find((r) => r.name === "t")?.inputs.note).toBe("second");
  });

  test("replaces a resource that becomes protected in the same run; refuses only one protected before and now", async ({ s, expect }) => {
    let kind = "a";
    let protect = false;
    const engine = s.engine(() => {
      new Thing("t", { value: "v", kind }, { protect });
    });
    expect((await engine.up()).ok).toBe(true);

    kind = "b";
    protect = true;
    const replaced = await engine.up();
    expect(replaced.ok, replaced.report).toBe(true);
    expect(replaced.steps.find((st) => st.name === "t")?.op).toBe("replace");

    kind = "c";
    const preview = await engine.preview();
    expect(preview.ok).toBe(false);
    expect(preview.errors[0]?.message).toMatch(/unable to replace the resource: it is marked for protection/);
    expect(preview.steps.find((st) => st.name === "t")?.op).toBe("replace");
    const refused = await engine.up();
    expect(refused.ok).toBe(false);
    expect(refused.errors[0]?.message).toMatch(/marked for protection/);
  });
});
