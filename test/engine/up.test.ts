import { describe } from "vitest";
import { test, Thing } from "./testing";

describe.concurrent("up", { timeout: 180_000 }, () => {

  test("creates the resources, feeds real outputs to dependents and records them in the state", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const first = new Thing("first", { value: "hello" });
      const second = new Thing("second", { value: first.thingId });
      return { firstId: first.id, secondValue: second.value };
    });

    const result = await engine.up();

    expect(result.ok).toBe(true);
    expect(result.steps.map((st) => [st.name, st.op])).toEqual([
      ["test-dev", "create"],
      ["first", "create"],
      ["second", "create"],
    ]);
    const things = s.things();
    const first = Object.values(things).find((t) => t.label === "first");
    const second = Object.values(things).find((t) => t.label === "second");
    expect(first?.value).toBe("hello");
    expect(second?.value).toBe(first?.thingId); // the dependent saw the real output
    expect(result.outputs).toEqual({ firstId: first?.thingId, secondValue: first?.thingId });
    expect(result.report).toContain("Resources: 3 created");

    const state = await engine.readState();
    const firstState = state.resources.find((r) => r.name === "first");
    const secondState = state.resources.find((r) => r.name === "second");
    expect(firstState).toMatchObject({
      urn: "urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::first",
      type: "pulumi-nodejs:dynamic/engine:Thing",
      custom: true,
      id: first?.thingId,
      parent: "urn:pulumi:dev::test::pulumi:pulumi:Stack::test-dev",
      inputs: { label: "first", value: "hello" },
      outputs: { value: "hello", thingId: first?.thingId },
    });
    // The host keeps __provider in the inputs and outputs (what destroy and refresh run).
    expect(firstState?.inputs.__provider).toEqual(expect.stringContaining('require("engine-fixture-things")'));
    expect(firstState?.outputs.__provider).toBe(firstState?.inputs.__provider);
    expect(secondState?.dependencies).toEqual([firstState?.urn]);
    expect(state.outputs).toEqual({ firstId: first?.thingId, secondValue: first?.thingId });
  });

  test("is a no-op the second time: the provider's diff reports no changes", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const first = new Thing("first", { value: "hello", size: 3 });
      new Thing("second", { value: first.thingId });
    });
    expect((await engine.up()).ok).toBe(true);
    const state = await engine.readState();
    s.clearOps();

    const again = await engine.up();

    expect(again.ok).toBe(true);
    expect(again.steps.map((st) => st.op)).toEqual(["same", "same", "same"]);
    expect(again.report).toContain("Resources: 3 unchanged");
    expect(s.ops("diff").map((o) => o.label).sort()).toEqual(["first", "second"]);
    expect(s.ops("create", "update", "delete")).toEqual([]);
    expect((await engine.readState()).resources.map((r) => r.outputs)).toEqual(state.resources.map((r) => r.outputs));
  });

  test("captures every registration's options", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const a = new Thing("a", { value: "a" });
      new Thing(
        "b",
        { value: "b" },
        {
          dependsOn: [a],
          additionalSecretOutputs: ["secretKey"],
          replaceOnChanges: ["kind"],
          ignoreChanges: ["note"],
          deleteBeforeReplace: true,
          retainOnDelete: true,
          protect: true,
        },
      );
    });

    expect((await engine.up()).ok).toBe(true);

    const state = await engine.readState();
    expect(state.resources.find((r) => r.name === "a")?.options).toEqual({
      additionalSecretOutputs: [],
      replaceOnChanges: [],
      ignoreChanges: [],
      retainOnDelete: false,
      protect: false,
    });
    const b = state.resources.find((r) => r.name === "b");
    expect(b?.options).toEqual({
      additionalSecretOutputs: ["secretKey"],
      replaceOnChanges: ["kind"],
      ignoreChanges: ["note"],
      deleteBeforeReplace: true,
      retainOnDelete: true,
      protect: true,
    });
    expect(b?.dependencies).toEqual(["urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::a"]);
  });

  test("rejects two resources with the same URN", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("twin", { value: "1" });
      new Thing("twin", { value: "2" });
    });

    const result = await engine.up();

    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message)).toContainEqual(expect.stringContaining("duplicate resource URN"));
  });

  test("deletes resources the program no longer declares", async ({ s, expect }) => {
    let both = true;
    const engine = s.engine(() => {
      new Thing("kept", { value: "a" });
      if (both) new Thing("dropped", { value: "b" });
    });
    expect((await engine.up()).ok).toBe(true);

    both = false;
    const result = await engine.up();

    expect(result.ok).toBe(true);
    expect(result.steps.find((st) => st.name === "dropped")?.op).toBe("delete");
    expect(Object.values(s.things()).map((t) => t.label)).toEqual(["kept"]);
    expect((await engine.readState()).resources.map((r) => r.name)).toEqual(["test-dev", "default", "kept"]);
  });

  test("hands the provider a resource input as its id, not as a resource reference", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const a = new Thing("a", { value: "v" });
      new Thing("b", { value: "w", note: a } as never);
    });

    expect((await engine.up()).ok).toBe(true);

    const things = Object.values(s.things());
    const a = things.find((t) => t.label === "a");
    expect(things.find((t) => t.label === "b")?.note).toBe(a?.thingId);
  });

  test("refuses a second concurrent update of the same stack, as a backend's lock does", async ({ s, expect }) => {
    const program = () => {
      new Thing("t", { value: "v" });
    };
    const first = s.engine(program);
    const second = s.engine(program);

    const [a, b] = await Promise.all([first.up(), second.up()]);

    const refused = [a, b].filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.errors[0]?.message).toMatch(/the stack is currently locked/);
    expect(Object.keys(s.things())).toHaveLength(1);
    expect((await first.up()).ok).toBe(true); // the lock is released at the end
  });
});
