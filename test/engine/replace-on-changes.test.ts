import { describe } from "vitest";
import { test, Thing } from "./testing";

// The host passes back only changes/replaces/deleteBeforeReplace (no detailed diff), so the engine can apply
// replaceOnChanges only to keys it diffed itself: when the provider returns changes: undefined.
describe.concurrent("replaceOnChanges", { timeout: 180_000 }, () => {

  test("is ignored when the provider's diff says changes: true (an update, not a replace)", async ({ s, expect }) => {
    let size = 1;
    const engine = s.engine(() => {
      new Thing("t", { value: "v", size }, { replaceOnChanges: ["size"] });
    });
    expect((await engine.up()).ok).toBe(true);
    const [id] = Object.keys(s.things());
    s.clearOps();

    size = 2;
    const result = await engine.up();

    expect(result.ok).toBe(true);
    expect(result.steps.find((st) => st.name === "t")).toMatchObject({ op: "update", replaceReasons: [] });
    expect(s.ops("create", "update", "delete").map((o) => `${o.op} ${o.id}`)).toEqual([`update ${id}`]);
  });

  test("applies when the provider leaves changes undefined and the engine diffs the inputs itself", async ({ s, expect }) => {
    let size = 1;
    const engine = s.engine(() => {
      new Thing("t", { value: "v", size, diffUnknown: true }, { replaceOnChanges: ["size"] });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    size = 2;
    const result = await engine.up();

    expect(result.ok).toBe(true);
    expect(result.steps.find((st) => st.name === "t")).toMatchObject({ op: "replace", replaceReasons: ["size"] });
    expect(s.ops("create", "update", "delete").map((o) => o.op)).toEqual(["create", "delete"]);
  });

  test("with changes undefined and identical inputs, nothing happens", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("t", { value: "v", diffUnknown: true }, { replaceOnChanges: ["*"] });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    const result = await engine.up();

    expect(result.steps.find((st) => st.name === "t")?.op).toBe("same");
    expect(s.ops("create", "update", "delete")).toEqual([]);
  });

  test("matches paths like the engine: `note.a` does not match a change of note.b; `note` and `*` do", async ({ s, expect }) => {
    let b = 1;
    const engine = s.engine(() => {
      new Thing("nested", { value: "v", diffUnknown: true, note: { a: 1, b } } as never, { replaceOnChanges: ["note.a"] });
      new Thing("parent", { value: "v", diffUnknown: true, note: { a: 1, b } } as never, { replaceOnChanges: ["note"] });
      new Thing("any", { value: "v", diffUnknown: true, note: { a: 1, b } } as never, { replaceOnChanges: ["*"] });
    });
    expect((await engine.up()).ok).toBe(true);

    b = 2;
    const result = await engine.up();

    expect(result.ok, result.report).toBe(true);
    expect(Object.fromEntries(result.steps.filter((st) => st.name !== "test-dev").map((st) => [st.name, st.op]))).toEqual({
      nested: "update",
      parent: "replace",
      any: "replace",
    });
  });
});
