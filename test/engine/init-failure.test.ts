import { describe } from "vitest";
import { test, Thing } from "./testing";

// The provider throws an Error with id/properties/reasons after the object came into existence; the host turns it
// into ErrorResourceInitFailed and the engine keeps the resource.
describe("a create that fails to initialize", { timeout: 180_000 }, () => {

  test("keeps the resource in the state, fails the operation, and the next up updates it", async ({ s, expect }) => {
    const engine = s.engine(
      () => {
        new Thing("flaky", { value: "v" }, { additionalSecretOutputs: ["secretKey"] });
      },
      { env: { ENGINE_THINGS_FAIL_INIT: "flaky" } },
    );

    const failed = await engine.up();

    expect(failed.ok).toBe(false);
    expect(failed.errors[0]).toMatchObject({
      resource: "flaky",
      // As the CLI shows an ErrorResourceInitFailed: its reasons only, the host's message dropped.
      message: "pulumi-nodejs:dynamic/engine:Thing resource 'flaky': 1 error occurred:\n\t* thing failed to initialize",
    });
    const [id] = Object.keys(s.things());
    let state = await engine.readState();
    const kept = state.resources.find((r) => r.name === "flaky");
    expect(kept).toMatchObject({ id, outputs: { thingId: id, value: "v" }, initErrors: ["thing failed to initialize"] });
    expect(kept?.secretOutputKeys).toContain("secretKey");
    expect(kept?.outputs.__provider).toEqual(expect.stringContaining("engine-fixture-things"));

    // Same inputs: the provider's diff says "no changes", but a resource with init errors is always updated.
    engine.options.env = { ...engine.options.env, ENGINE_THINGS_FAIL_INIT: undefined };
    s.clearOps();
    const next = await engine.up();

    expect(next.ok).toBe(true);
    expect(next.steps.find((st) => st.name === "flaky")?.op).toBe("update");
    expect(s.ops("create", "update", "delete").map((o) => `${o.op} ${o.id}`)).toEqual([`update ${id}`]);
    state = await engine.readState();
    expect(state.resources.find((r) => r.name === "flaky")?.initErrors).toBeUndefined();
    expect((await engine.up()).steps.find((st) => st.name === "flaky")?.op).toBe("same");
  });
});
