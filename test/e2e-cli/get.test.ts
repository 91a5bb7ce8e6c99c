// CrossClusterApiKey.get through the real `pulumi` CLI (the engine's read step, `discard`, refresh of an external
// resource), then the same steps through the project's test engine, which must show the same ops and outputs.
import * as pulumi from "@pulumi/pulumi";
import { afterEach, expect, it } from "vitest";
import { CrossClusterApiKey } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { crossClusterKeys, esCall } from "../support/elastic";
import { addFigures } from "../support/figures";
import { describeWithCli } from "./available";
import { type Driver, type Outcome, type Program, transcript } from "./driver";
import { startEngine } from "./engine-driver";
import { type PulumiCli, startCli } from "./pulumi-cli";

const OWNER_KEY = "pulumi_elastic_keys_owner";

interface Made {
  id: string;
  secrets: string[];
}

/** A key another stack manages (its owner marker set), made out of band; its key material is remembered. */
async function theirKey(emulator: Emulator): Promise<Made> {
  const made = await esCall(emulator, "POST", "/_security/cross_cluster/api_key", {
    name: "shared-logs",
    access: { search: [{ names: ["logs-*"] }] },
    expiration: "30d",
    metadata: { team: "platform", [OWNER_KEY]: "urn:pulumi:prod::platform::pulumi-nodejs:dynamic/elastic:CrossClusterApiKey::shared" },
  });
  const { id, api_key, encoded } = made.json as { id: string; api_key: string; encoded: string };
  return { id, secrets: [api_key, encoded] };
}

const reading = (id: string): Program => () => {
  const key = CrossClusterApiKey.get("seen", id);
  return { name: key.name, invalidated: key.invalidated, hasKeyMaterial: pulumi.all([key.apiKey, key.encoded]).apply(([a, e]) => a !== undefined || e !== undefined) };
};

/** preview → up → refresh → out-of-band change + refresh → dropped from the program → read again → destroy. */
async function scenario(driver: Driver, emulator: Emulator, key: Made): Promise<{ outcomes: Outcome[]; outputs: Record<string, unknown> }> {
  const outcomes: Outcome[] = [];
  const run = async (command: "preview" | "up" | "refresh" | "destroy") => {
    const outcome = await driver.run(command);
    outcomes.push(outcome);
    expect(outcome.ok, `${driver.kind} ${command}: ${outcome.errors.join("\n")}\n${outcome.output}`).toBe(true);
    return outcome;
  };
  const valid = () => crossClusterKeys(emulator).find((k) => k.id === key.id)?.invalidated === false;

  driver.setProgram(reading(key.id));
  emulator.resetStats();
  expect((await run("preview")).ops).toEqual({ seen: "read" });
  expect((await run("up")).ops).toEqual({ seen: "read" });
  const [seen] = await driver.resources();
  const { __provider: _provider, ...outputs } = seen!.outputs;
  expect((await run("refresh")).ops).toEqual({ seen: "same" });

  const metadata = { ...crossClusterKeys(emulator).find((k) => k.id === key.id)!.metadata, team: "search" };
  expect((await esCall(emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { metadata })).status).toBe(200);
  expect((await run("refresh")).ops).toEqual({ seen: "drift" });
  emulator.resetStats();

  driver.setProgram(() => undefined);
  expect((await run("up")).ops).toEqual({ seen: "discard" });
  expect(valid()).toBe(true);
  driver.setProgram(reading(key.id));
  expect((await run("up")).ops).toEqual({ seen: "read" });
  expect((await run("destroy")).ops).toEqual({ seen: "discard" });
  expect(valid()).toBe(true);
  expect(emulator.requests().filter((r) => r.method !== "GET"), "requests that changed something").toEqual([]);
  expect(await driver.resources()).toEqual([]);
  // Put the metadata back for the next driver.
  const restored = { ...metadata, team: "platform" };
  expect((await esCall(emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { metadata: restored })).status).toBe(200);
  return { outcomes, outputs };
}

describeWithCli("CrossClusterApiKey.get through the real pulumi CLI, and the engine held against it", () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of opened.splice(0).reverse()) await closable.close();
  });

  it("preview, up, refresh, drift, removal and destroy read and discard, never change or invalidate; the engine shows the same", async () => {
    const emulator = await startEmulator();
    opened.push(emulator);
    const key = await theirKey(emulator);
    const cli = await startCli({ emulator, program: reading(key.id) });
    opened.push(cli);
    const viaCli = await scenario(cli, emulator, key);
    expect(viaCli.outputs).toMatchObject({ keyId: key.id, name: "shared-logs", metadata: { team: "platform" }, invalidated: false });
    expect(viaCli.outputs).not.toHaveProperty("apiKey");
    expect(viaCli.outputs).not.toHaveProperty("encoded");
    expect(crossClusterKeys(emulator).find((k) => k.id === key.id)?.metadata[OWNER_KEY]).toContain("::shared");

    const engine = await startEngine({ emulator, program: reading(key.id) });
    opened.push(engine);
    const viaEngine = await scenario(engine, emulator, key);
    expect(transcript(viaEngine.outcomes)).toEqual(transcript(viaCli.outcomes));
    expect(viaEngine.outputs).toEqual(viaCli.outputs);
    addFigures({ cliScenarios: 2 });
  }, 300_000);

  it("`pulumi stack export` of a read key holds no key material; a missing id and a REST key fail as the engine says", async () => {
    const emulator = await startEmulator();
    opened.push(emulator);
    const key = await theirKey(emulator);
    const cli: PulumiCli = await startCli({ emulator, program: reading(key.id) });
    opened.push(cli);
    const up = await cli.run("up");
    expect(up.ok, up.output).toBe(true);
    const exported = await cli.exportState(true); // even with --show-secrets: there is none to show
    const seen = exported.resources.find((r) => r.urn.endsWith("::seen"))!;
    expect(seen).toMatchObject({ id: key.id, external: true });
    for (const property of ["apiKey", "encoded"]) {
      expect(seen.outputs).not.toHaveProperty(property);
      expect(seen.inputs).not.toHaveProperty(property);
    }
    for (const secret of key.secrets) expect(exported.text).not.toContain(secret);
    expect(up.output).toContain("read pulumi-nodejs:dynamic/elastic:CrossClusterApiKey seen"); // how the CLI shows a read

    const rest = await esCall(emulator, "POST", "/_security/api_key", { name: "plain-rest" });
    const restId = (rest.json as { id: string }).id;
    const engine = await startEngine({ emulator, program: reading(key.id) });
    opened.push(engine);
    for (const [id, words] of [
      ["doesnotexist00000000", "resource 'doesnotexist00000000' does not exist"],
      [restId, "not a cross-cluster API key"],
    ] as const) {
      const program = reading(id);
      cli.setProgram(program);
      engine.setProgram(program);
      const preview = await cli.run("preview");
      expect(preview.ok).toBe(false);
      const shown = preview.errors.find((e) => e.includes(words));
      expect(shown, preview.output).toBeDefined();
      const engineShown = (await engine.run("preview")).errors.find((e) => e.includes(words));
      expect(engineShown, `the engine's text for: ${shown}`).toContain(shown!.slice(shown!.indexOf(words)));
    }
    expect((await cli.run("destroy")).ok).toBe(true);
    expect(crossClusterKeys(emulator).find((k) => k.id === key.id)?.invalidated).toBe(false);
    addFigures({ cliScenarios: 1 });
  }, 300_000);
});
