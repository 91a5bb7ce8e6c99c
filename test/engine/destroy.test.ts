import { describe } from "vitest";
import { test, Thing, ThingGroup } from "./testing";

describe.concurrent("destroy", { timeout: 180_000 }, () => {

  test("deletes everything, dependents before their dependencies, without running the program", async ({ s, expect }) => {
    let programRuns = 0;
    const engine = s.engine(() => {
      programRuns++;
      // c depends on b (an input), b on a (dependsOn), the group's children on the group (parent).
      const a = new Thing("a", { value: "a" });
      const b = new Thing("b", { value: "b" }, { dependsOn: [a] });
      new Thing("c", { value: b.thingId });
      new ThingGroup("g", { count: 2, value: "x" });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    const result = await engine.destroy();

    expect(result.ok).toBe(true);
    expect(programRuns).toBe(1);
    const order = s.ops("delete").map((o) => o.label);
    expect(order).toHaveLength(5);
    expect(order.indexOf("c")).toBeLessThan(order.indexOf("b"));
    expect(order.indexOf("b")).toBeLessThan(order.indexOf("a"));
    const steps = result.steps.map((st) => st.name);
    expect(steps.indexOf("g-0")).toBeLessThan(steps.indexOf("g"));
    expect(steps.indexOf("g-1")).toBeLessThan(steps.indexOf("g"));
    expect(steps[steps.length - 1]).toBe("test-dev"); // the stack, parent of all, goes last
    expect(result.steps.every((st) => st.op === "delete")).toBe(true);
    expect(s.things()).toEqual({});
    expect((await engine.readState()).resources).toEqual([]);
    expect(result.outputs).toBeUndefined();
  });

  test("skips the provider's Delete for retainOnDelete but drops the resource from the state", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("kept", { value: "k" }, { retainOnDelete: true });
      new Thing("removed", { value: "r" });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    const result = await engine.destroy();

    expect(result.ok).toBe(true);
    expect(s.ops("delete").map((o) => o.label)).toEqual(["removed"]);
    expect(Object.values(s.things()).map((t) => t.label)).toEqual(["kept"]);
    expect((await engine.readState()).resources).toEqual([]);
  });

  test("refuses to delete a protected resource", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("precious", { value: "p" }, { protect: true });
    });
    expect((await engine.up()).ok).toBe(true);

    const result = await engine.destroy();

    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ resource: "precious", message: expect.stringContaining("protect") });
    expect(s.ops("delete")).toEqual([]);
    expect((await engine.readState()).resources.map((r) => r.name)).toContain("precious");
  });

  test("goes on past a protected resource: the others are deleted, the operation fails at the end", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("precious", { value: "p" }, { protect: true });
      const parent = new Thing("parent", { value: "o" });
      new Thing("child", { value: parent.thingId });
    });
    expect((await engine.up()).ok).toBe(true);

    const result = await engine.destroy();

    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.resource)).toEqual(["precious"]);
    // parent becomes free only after precious was refused: deleted all the same.
    expect(s.ops("delete").map((o) => o.label)).toEqual(["child", "parent"]);
    expect((await engine.readState()).resources.map((r) => r.name)).toContain("precious");
  });
});
