import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { test, Thing } from "./testing";

describe.concurrent("a check failure", { timeout: 180_000 }, () => {

  test("fails preview naming the resource and the property; dependents get no step", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const bad = new Thing("bad", { value: "an invalid value" });
      new Thing("dependent", { value: bad.thingId });
    });

    const result = await engine.preview();

    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        urn: "urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::bad",
        resource: "bad",
        property: "value",
        message:
          "pulumi-nodejs:dynamic/engine:Thing resource 'bad': property value value {an invalid value} has a problem: value must not contain the word 'invalid'",
      },
    ]);
    expect(result.steps.find((st) => st.name === "bad")?.error).toMatch(/property value value \{an invalid value\} has a problem/);
    expect(result.steps.find((st) => st.name === "dependent")).toBeUndefined();
    expect(result.report).toContain("error: pulumi-nodejs:dynamic/engine:Thing resource 'bad': property value value {an invalid value} has a problem");
    expect(result.report).toMatch(/preview failed$/);
  });

  test("fails up before anything is created, and no deletion happens", async ({ s, expect }) => {
    let phase = 1;
    const engine = s.engine(() => {
      if (phase === 1) new Thing("old", { value: "o" });
      else new Thing("bad", { value: 42 as unknown as string });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    phase = 2;
    const result = await engine.up();

    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ resource: "bad", property: "value", message: expect.stringContaining("value must be a string") });
    expect(s.ops("create", "update", "delete")).toEqual([]);
    expect(Object.values(s.things()).map((t) => t.label)).toEqual(["old"]);
    expect((await engine.readState()).resources.map((r) => r.name)).toContain("old");
  });

  test("prints the raw top-level input, in clear even when it is secret, as the CLI does", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("secret", { value: pulumi.secret("an invalid secret") });
      new Thing("whole", { value: "v", failWhole: true } as never);
      new Thing("number", { value: 42 as unknown as string });
    });

    const result = await engine.preview();

    const messages = Object.fromEntries(result.errors.map((e) => [e.resource, e.message]));
    expect(messages).toEqual({
      secret: "pulumi-nodejs:dynamic/engine:Thing resource 'secret': property value value {&{{an invalid secret}}} has a problem: value must not contain the word 'invalid'",
      whole: "pulumi-nodejs:dynamic/engine:Thing resource 'whole' has a problem: the thing as a whole is wrong",
      number: "pulumi-nodejs:dynamic/engine:Thing resource 'number': property value value {42} has a problem: value must be a string",
    });
    expect(result.errors.find((e) => e.resource === "whole")?.property).toBeUndefined();
  });
});
