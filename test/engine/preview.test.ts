import fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { test, Thing } from "./testing";

describe.concurrent("preview", { timeout: 180_000 }, () => {

  test("creates nothing, writes no state, and shows dependents' inputs as unknown", async ({ s, expect }) => {
    const applied: string[] = [];
    const engine = s.engine(() => {
      const first = new Thing("first", { value: "hello", size: 1 });
      const second = new Thing("second", { value: first.thingId });
      // A dependent's view of a not-yet-created resource: unknown, so apply callbacks do not run.
      first.thingId.apply((v) => applied.push(v));
      return { firstId: first.id, secondValue: second.value };
    });

    const result = await engine.preview();

    expect(result.ok).toBe(true);
    expect(result.steps.map((st) => [st.name, st.op])).toEqual(
      expect.arrayContaining([
        ["test-dev", "create"],
        ["first", "create"],
        ["second", "create"],
      ]),
    );
    const second = result.steps.find((st) => st.name === "second");
    expect(second?.diffs).toContainEqual({ property: "value", new: "[unknown]" });
    expect(applied).toEqual([]);
    expect(result.outputs).toEqual({ firstId: "[unknown]", secondValue: "[unknown]" });
    expect(result.report).toMatch(/\+\s+create\s+pulumi-nodejs:dynamic\/engine:Thing first/);
    expect(result.report).toContain('value: "hello"');
    expect(result.report).toContain("Resources: 3 to create");

    // Check ran in the host (with the unknown), Create never did; nothing exists and no state was written.
    expect(s.ops("create", "update", "delete")).toEqual([]);
    expect(s.ops("check").map((o) => o.label).sort()).toEqual(["first", "second"]);
    expect(s.things()).toEqual({});
    expect(fs.existsSync(engine.stateFile)).toBe(false);
  });

  test("previews changes against the state without applying them", async ({ s, expect }) => {
    let value = "one";
    const engine = s.engine(() => {
      new Thing("first", { value: pulumi.secret(value), size: value === "one" ? 1 : 2 });
    });
    expect((await engine.up()).ok).toBe(true);
    const before = fs.readFileSync(engine.stateFile, "utf8");
    s.clearOps();

    value = "two";
    const result = await engine.preview();

    expect(result.ok).toBe(true);
    const step = result.steps.find((st) => st.name === "first");
    expect(step?.op).toBe("update");
    expect(step?.diffs).toEqual([
      { property: "size", old: 1, new: 2 },
      { property: "value", old: "[secret]", new: "[secret]" },
    ]);
    expect(result.report).toContain("size: 1 → 2");
    expect(result.report).not.toContain("two");
    expect(s.ops("create", "update", "delete")).toEqual([]);
    expect(s.ops("diff")).toHaveLength(1);
    expect(fs.readFileSync(engine.stateFile, "utf8")).toBe(before);
  });

  test("previews an update with the checked inputs as outputs: other outputs unknown, not secret", async ({ s, expect }) => {
    let value = "v";
    const engine = s.engine(() => {
      const t = new Thing("t", { value }, { additionalSecretOutputs: ["secretKey"] });
      return value === "v" ? { key: t.secretKey } : { key: t.secretKey, keyIsSecret: pulumi.isSecret(t.secretKey), value: t.value };
    });
    expect((await engine.up()).ok).toBe(true);

    value = "w";
    const preview = await engine.preview();

    expect(preview.ok).toBe(true);
    // additionalSecretOutputs marks only the keys present: the unknown key is a plain unknown.
    expect(preview.outputs).toEqual({ key: "[unknown]", keyIsSecret: false, value: "w" });
  });
});
