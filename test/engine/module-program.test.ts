import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { programDir, sandbox, type Sandbox } from "./testing";

describe("a program given as a module path", { timeout: 180_000 }, () => {
  let s: Sandbox;
  beforeEach(() => {
    s = sandbox();
  });
  afterEach(() => s.cleanup());

  it("runs the TypeScript module afresh each time; its exports are the stack outputs", async () => {
    const dir = programDir(s);
    const engine = s.engine(path.join(dir, "index.ts"), {
      project: "engine-fixture",
      hostCwd: dir,
      config: { "engine-fixture:value": { value: "hello" }, "engine-fixture:kind": { value: "plain" } },
    });

    const first = await engine.up();
    expect(first.ok, first.report).toBe(true);
    expect(first.steps.map((st) => [st.name, st.op])).toEqual([
      ["engine-fixture-dev", "create"],
      ["first", "create"],
      ["second", "create"],
    ]);
    const state = await engine.readState();
    const firstId = state.resources.find((r) => r.name === "first")?.id;
    expect(state.outputs).toMatchObject({ firstId, secondValue: firstId });
    expect(state.secretOutputKeys).toEqual(["firstKey"]);
    expect(first.outputs).toMatchObject({ firstKey: "[secret]" });

    // Re-running re-executes the module (a real run is a new process): same registrations, no changes.
    for (let i = 0; i < 2; i++) {
      const again = await engine.up();
      expect(again.steps.map((st) => st.op)).toEqual(["same", "same", "same"]);
    }
    // Config is read on every run.
    engine.options.config = { ...engine.options.config, "engine-fixture:kind": { value: "fancy" } };
    const changed = await engine.up();
    expect(changed.steps.find((st) => st.name === "second")).toMatchObject({ op: "replace", replaceReasons: ["kind"] });
    expect(fs.existsSync(path.join(dir, ".stacks"))).toBe(false); // the engine writes only its stateDir
  });

  it("reports a program that throws as a failed operation", async () => {
    const file = path.join(s.root, "broken.ts");
    fs.writeFileSync(file, 'throw new Error("the program is broken");\n');

    const result = await s.engine(file).preview();

    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toContain("the program is broken");
  });
});
