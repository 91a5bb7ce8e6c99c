import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { test, Thing, ThingGroup } from "./testing";

describe("component resources and stack outputs", { timeout: 180_000 }, () => {

  test("records components without a provider, parents their children and keeps registered outputs", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const group = new ThingGroup("g", { count: 2, value: "x" });
      return { ids: group.ids, count: group.things.length, secret: pulumi.secret("shh-it-is-secret") };
    });

    const result = await engine.up();

    expect(result.ok).toBe(true);
    const state = await engine.readState();
    const stack = state.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    const group = state.resources.find((r) => r.name === "g");
    const children = state.resources.filter((r) => r.name.startsWith("g-"));
    expect(stack).toMatchObject({ urn: "urn:pulumi:dev::test::pulumi:pulumi:Stack::test-dev", custom: false });
    expect(group).toMatchObject({ urn: "urn:pulumi:dev::test::engine:test:ThingGroup::g", custom: false, parent: stack?.urn });
    expect(group?.id).toBeUndefined();
    expect(children.map((c) => c.urn).sort()).toEqual([
      "urn:pulumi:dev::test::engine:test:ThingGroup$pulumi-nodejs:dynamic/engine:Thing::g-0",
      "urn:pulumi:dev::test::engine:test:ThingGroup$pulumi-nodejs:dynamic/engine:Thing::g-1",
    ]);
    for (const c of children) expect(c.parent).toBe(group?.urn);
    const ids = children.map((c) => c.id).sort();
    expect([...(group?.outputs.ids as string[])].sort()).toEqual(ids);
    expect(state.outputs).toMatchObject({ count: 2, secret: "shh-it-is-secret" });
    expect([...(state.outputs.ids as string[])].sort()).toEqual(ids);
    expect(state.secretOutputKeys).toEqual(["secret"]);
    expect(result.outputs).toMatchObject({ count: 2, secret: "[secret]" });

    // Nothing changes on a second run; removing the component deletes its children first.
    expect((await engine.up()).steps.every((st) => st.op === "same")).toBe(true);
    engine.options.program = () => ({});
    const removed = await engine.up();
    expect(removed.ok).toBe(true);
    const order = removed.steps.map((st) => st.name);
    expect(order.indexOf("g")).toBeGreaterThan(Math.max(order.indexOf("g-0"), order.indexOf("g-1")));
    expect((await engine.readState()).resources.map((r) => r.name)).toEqual(["test-dev"]);
  });
});
