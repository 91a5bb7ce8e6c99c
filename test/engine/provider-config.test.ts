import fs from "node:fs";
import { describe } from "vitest";
import { test, Thing } from "./testing";

// The default provider is a resource of the state holding the whole stack config (D21), and the operations that do
// not run the program configure the provider from it, i.e. with the config of the last update (D1).
describe.concurrent("the default provider and the config it is configured with", { timeout: 180_000 }, () => {
  const greeting = (value: string) => ({ "test:greeting": { value } });

  test("refresh, destroy and the refresh phase of up --refresh use the config saved at the last up; runProgram the current one", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("t", { value: "v" });
    }, { config: greeting("at the last up") });
    expect((await engine.up()).ok).toBe(true);
    engine.options.config = greeting("changed since");

    s.clearOps();
    expect((await engine.refresh()).ok).toBe(true);
    expect(s.ops("read").map((o) => o.greeting)).toEqual(["at the last up"]);

    s.clearOps();
    expect((await engine.refresh({ runProgram: true })).ok).toBe(true);
    expect(s.ops("read").map((o) => o.greeting)).toEqual(["changed since"]);

    // up --refresh: the refresh phase with the state's config, the program's resources with the current one.
    s.clearOps();
    expect((await engine.up({ refresh: true })).ok).toBe(true);
    expect(s.ops("read", "check").map((o) => `${o.op} ${o.greeting}`)).toEqual(["read at the last up", "check changed since"]);

    // That up saved the current config: destroy uses it, not what was set afterwards.
    engine.options.config = greeting("set after the last up");
    s.clearOps();
    expect((await engine.destroy()).ok).toBe(true);
    expect(s.ops("delete").map((o) => o.greeting)).toEqual(["changed since"]);
  });

  test("an up whose program declares no dynamic resource any more deletes them with the state's config", async ({ s, expect }) => {
    let declare = true;
    const engine = s.engine(() => {
      if (declare) new Thing("t", { value: "v" });
    }, { config: greeting("old") });
    expect((await engine.up()).ok).toBe(true);

    declare = false;
    engine.options.config = greeting("new");
    s.clearOps();
    const up = await engine.up();

    expect(up.ok).toBe(true);
    expect(s.ops("delete").map((o) => o.greeting)).toEqual(["old"]);
    expect(up.defaultProvider?.op).toBe("delete");
    expect((await engine.readState()).resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
  });

  test("the state holds the default provider with the whole stack config; a config change is a hidden provider update", async ({ s, expect }) => {
    const TOKEN = "token-in-provider-state-3c9d";
    const engine = s.engine(() => {
      new Thing("t", { value: "v" });
    }, { config: { ...greeting("hi"), "engine:token": { value: TOKEN, secret: true } } });

    const first = await engine.up();

    expect(first.defaultProvider?.op).toBe("create");
    expect(first.report).not.toContain("pulumi:providers");
    const provider = (await engine.readState()).resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
    expect(provider).toMatchObject({
      urn: "urn:pulumi:dev::test::pulumi:providers:pulumi-nodejs::default",
      name: "default",
      custom: true,
      inputs: { "test:greeting": "hi", "engine:token": TOKEN },
      secretInputKeys: ["engine:token"],
    });
    const file = fs.readFileSync(engine.stateFile, "utf8");
    expect(file).toContain('"test:greeting": "hi"'); // non-secret config is in clear in the state
    expect(file).not.toContain(TOKEN);

    expect((await engine.up()).defaultProvider?.op).toBe("same");
    engine.options.config = { ...engine.options.config, ...greeting("hello") };
    const changed = await engine.up();
    expect(changed.defaultProvider).toMatchObject({ op: "update", diffs: [{ property: "test:greeting", old: "hi", new: "hello" }] });
    expect(changed.steps.map((st) => `${st.name} ${st.op}`)).toEqual(["test-dev same", "t same"]);

    const destroyed = await engine.destroy();
    expect(destroyed.defaultProvider?.op).toBe("delete");
    expect((await engine.readState()).resources).toEqual([]);
  });
});
