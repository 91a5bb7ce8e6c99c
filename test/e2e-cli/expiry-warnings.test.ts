// The exact text users of the real `pulumi` CLI see when a key is about to expire. A dynamic provider has one way
// to speak besides errors: its host's stderr, which the CLI turns into diagnostics of no resource (pulumi 3.248
// `plugin.go` runtrace: Infoerrf, URN "") and files under the stack in its "Diagnostics:" section, one host's lines
// merged into one message, with no severity prefix of its own — the `warning:` is the provider's text. The same
// scenario through the test engine must print the same section (test/engine/report.ts).
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { ApiKey, CrossClusterApiKey } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { addFigures } from "../support/figures";
import { describeWithCli } from "./available";
import type { Driver, Outcome } from "./driver";
import { startEngine } from "./engine-driver";
import { startCli } from "./pulumi-cli";

const DAY = 86_400_000;
const t0 = Date.parse("2026-01-01T00:00:00Z");
const CROSS = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
const REST = "pulumi-nodejs:dynamic/elastic:ApiKey";

const program = () => {
  new CrossClusterApiKey("remote-logs", { access: { search: [{ names: ["logs-*"] }] }, expiration: "90d" });
  new ApiKey("reader", { roleDescriptors: {}, expiration: "84d" });
};

/**
 * The "Diagnostics:" section of a command's output, up to the blank line that ends the stack's block. The lines of
 * one host come in the order its diffs ran, which follows when each resource's inputs resolved, not the program's
 * order: they are sorted after the two header lines.
 */
function diagnostics(output: string): string[] {
  const lines = output.split("\n");
  const at = lines.indexOf("Diagnostics:");
  if (at < 0) return [];
  const end = lines.indexOf("", at);
  const section = lines.slice(at, end < 0 ? undefined : end);
  return [...section.slice(0, 2), ...section.slice(2).sort()];
}

/** What the user must read, with this driver's stack label and key ids. */
function expectedSection(stackLabel: string, ids: Record<string, string>): string[] {
  const tail = '[expiryWarning 14d (the default); set it to "0" to turn this warning off]';
  return [
    "Diagnostics:",
    `  pulumi:pulumi:Stack (${stackLabel}):`,
    // Sorted: ApiKey before CrossClusterApiKey.
    `    warning: ${REST} (reader): API key "${ids.reader}" expires on 2026-03-26 (in 4 days). Renew it before then: give expiration a ` +
      `new value, and \`pulumi up\` replaces the key with a new one (created before this one is invalidated). ${tail}`,
    `    warning: ${CROSS} (remote-logs): API key "${ids["remote-logs"]}" expires on 2026-04-01 (in 10 days). Renew it before then: ` +
      'set rotateAfter (e.g. "30d") to have `pulumi up` replace it on a schedule, change triggers to replace it at the next up, or give expiration a new value to extend the key in place ' +
      `(its lifetime restarts from the \`pulumi up\` that sets it). ${tail}`,
  ];
}

describeWithCli("the real pulumi CLI: expiry warnings at preview and up", () => {
  let emulator: Emulator;
  const drivers: Driver[] = [];
  const travel = (driver: Driver, to: number) => {
    emulator.clock.set(to);
    driver.setEnv("PULUMI_ELASTIC_KEYS_NOW", String(to));
  };

  beforeAll(async () => {
    emulator = await startEmulator();
  }, 120_000);
  afterAll(async () => {
    for (const driver of drivers) {
      await driver.run("destroy");
      await driver.close();
    }
    await emulator?.close();
  });
  afterEach((ctx) => addFigures({ cliScenarios: 1 }, ctx.task));

  /** up at t0, then preview and up 80 days later: the text each printed. */
  async function scenario(driver: Driver): Promise<{ ids: Record<string, string>; quiet: Outcome; preview: Outcome; up: Outcome }> {
    drivers.push(driver);
    travel(driver, t0);
    const created = await driver.run("up");
    expect(created.ok, created.output).toBe(true);
    const ids = Object.fromEntries((await driver.resources()).map((r) => [r.name, r.id]));
    travel(driver, t0 + 60 * DAY);
    const quiet = await driver.run("preview");
    travel(driver, t0 + 80 * DAY);
    const preview = await driver.run("preview");
    const up = await driver.run("up");
    return { ids, quiet, preview, up };
  }

  it("`pulumi preview` and `pulumi up` print the warning under the stack's diagnostics, and change nothing", async () => {
    const cli = await startCli({ emulator, program });
    const { ids, quiet, preview, up } = await scenario(cli);

    expect(quiet.ok, quiet.output).toBe(true);
    expect(quiet.output).not.toContain("Diagnostics:");

    const expected = expectedSection("elastic-keys-e2e-dev", ids);
    for (const outcome of [preview, up]) {
      expect(outcome.ok, outcome.output).toBe(true);
      expect(diagnostics(outcome.output)).toEqual(expected);
      // Said once per operation, in the section (the progress rows show each line once more, as they come).
      expect(outcome.output.split("\n").filter((line) => line === expected[2])).toHaveLength(1);
      expect(outcome.ops).toEqual({ "remote-logs": "same", reader: "same" });
      expect(outcome.errors).toEqual([]);
    }
    // The CLI's own summary: nothing to do.
    expect(preview.output).toMatch(/Resources:\n\s+3 unchanged/);
  }, 300_000);

  it("the test engine prints the same section for the same scenario", async () => {
    const engine = await startEngine({ emulator, program });
    const { ids, quiet, preview, up } = await scenario(engine);

    expect(quiet.output).not.toContain("Diagnostics:");
    const expected = expectedSection("elastic-keys-test-test", ids);
    expect(diagnostics(preview.output)).toEqual(expected);
    expect(diagnostics(up.output)).toEqual(expected);
    expect(up.ops).toEqual({ "remote-logs": "same", reader: "same" });
  }, 300_000);
});
