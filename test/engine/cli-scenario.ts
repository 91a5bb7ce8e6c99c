// The engine CLI's scenario (test/engine/cli.test.ts): the fixture program directory through the steps a user takes,
// with the outcomes the real `pulumi` shows: preview creates nothing, up creates, a second preview/up changes
// nothing, a check failure fails the preview with a non-zero exit naming the property, destroy removes everything.
// (The real CLI itself runs the project's resources in test/e2e-cli/.)
import { expect } from "vitest";
import type { Sandbox } from "./testing";

export interface CliResult {
  code: number;
  /** stdout and stderr together. */
  output: string;
}

export interface CliDriver {
  /** `config` is applied for this and every later command (the real CLI stores it in Pulumi.<stack>.yaml). */
  run(operation: "preview" | "up" | "destroy", config?: Record<string, string>): Promise<CliResult>;
}

export async function runScenario(cli: CliDriver, s: Sandbox): Promise<void> {
  const writes = () => s.ops("create", "update", "delete");
  const expectOk = (r: CliResult) => expect(r.code, r.output).toBe(0);

  expectOk(await cli.run("preview"));
  expect(writes()).toEqual([]);
  expect(s.things()).toEqual({});

  expectOk(await cli.run("up"));
  const things = Object.values(s.things());
  expect(things.map((t) => t.label).sort()).toEqual(["first", "second"]);
  const first = things.find((t) => t.label === "first");
  const second = things.find((t) => t.label === "second");
  expect(second?.value).toBe(first?.thingId);
  expect(first?.value).toBe("hello");

  s.clearOps();
  expectOk(await cli.run("preview"));
  expectOk(await cli.run("up"));
  expect(writes()).toEqual([]);

  const failed = await cli.run("preview", { "engine-fixture:value": "an invalid value" });
  expect(failed.code).not.toBe(0);
  expect(failed.output).toMatch(/property value/);
  expect(failed.output).toContain("value must not contain the word 'invalid'");
  expect(writes()).toEqual([]);

  expectOk(await cli.run("destroy"));
  expect(s.things()).toEqual({});
  expect(writes().map((o) => `${o.op} ${o.label}`)).toEqual(["delete second", "delete first"]);
}
