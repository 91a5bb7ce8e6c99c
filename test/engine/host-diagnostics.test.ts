// Host output in the report, as the real CLI prints it: every non-blank line a provider's host writes becomes a
// diagnostic of the stack, shown under "Diagnostics:" — the text a dynamic provider's warning reaches users with.
// The CLI's own rendering of such a line is asserted by test/e2e-cli/expiry-warnings.test.ts.
import { describe } from "vitest";
import { test, Thing } from "./testing";

describe.concurrent("host output in the report", { timeout: 180_000 }, () => {
  test("a host's stderr line is shown under the stack in a Diagnostics section, before Resources", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("t", { value: "hello" });
    });

    const up = await engine.up();

    expect(up.ok, up.report).toBe(true);
    const lines = up.report.split("\n");
    const at = lines.indexOf("Diagnostics:");
    expect(lines.slice(at, at + 4)).toEqual(["Diagnostics:", "  pulumi:pulumi:Stack (test-dev):", "    creating t (value hello)", ""]);
    expect(lines[at + 4]).toMatch(/^Resources: /);
    // The steps come before it, as the CLI's progress rows do.
    expect(lines.findIndex((l) => l.includes("dynamic/engine:Thing t"))).toBeLessThan(at);
  });

  test("no Diagnostics section when the host printed nothing", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("quiet", { value: "hello" });
    });
    expect((await engine.up()).ok).toBe(true);

    const preview = await engine.preview(); // check and diff only: the fixture prints nothing there

    expect(preview.ok, preview.report).toBe(true);
    expect(preview.report).not.toContain("Diagnostics:");
  });
});
