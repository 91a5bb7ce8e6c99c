// What users of the real `pulumi` CLI see where it matters most: secrets in state and outputs, which config
// refresh and destroy use, the text of check and partial failures, `up --refresh`, `preview --diff`, and what the
// `import` resource option does to a dynamic resource. Every command's raw output and the whole backend directory
// go to the secret scanner (./pulumi-cli.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, ConnectorApiKey, CrossClusterApiKey } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { crossClusterKeys, esCall } from "../support/elastic";
import { createConnector } from "../provider/connectorApiKeyBinding/remote";
import { revokePath } from "../provider/cloudConnectedClusterApiKey/helpers";
import { addFigures } from "../support/figures";
import { describeWithCli } from "./available";
import { startEngine } from "./engine-driver";
import { type PulumiCli, startCli } from "./pulumi-cli";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const isCiphertext = (value: unknown) =>
  typeof value === "object" && value !== null && SECRET_SIG in value && typeof (value as { ciphertext?: unknown }).ciphertext === "string";

describeWithCli("the real pulumi CLI: what users see", () => {
  let emulator: Emulator;
  let cli: PulumiCli;
  const exportedEncoded: { value?: unknown } = {};

  beforeAll(async () => {
    emulator = await startEmulator();
    await createConnector(emulator, "crawler", { native: true, indexName: "search-crawler" });
    cli = await startCli({
      emulator,
      program: () => {
        const key = new CrossClusterApiKey("remote", { access: { search: [{ names: ["logs-*"] }] } });
        new ConnectorApiKey("crawler", { connectorId: "crawler", indexName: "search-crawler", managed: true });
        new CloudConnectedClusterApiKey("cloud", { clusterId: emulator.defaultClusterId });
        return { encoded: key.encoded, keyId: key.keyId };
      },
    });
  }, 120_000);
  afterAll(async () => {
    await cli?.close();
    await emulator?.close();
  });
  afterEach((ctx) => addFigures({ cliScenarios: 1 }, ctx.task));

  describe("secrets", () => {
    it("up with `config set --secret elastic:password` reaches the provider", async () => {
      const up = await cli.run("up");
      expect(up.ok, up.output).toBe(true);
      // The only Elasticsearch credential is the secret password in stack config: the keys exist, so it arrived.
      expect(crossClusterKeys(emulator).filter((k) => !k.invalidated)).toHaveLength(1);
      const stackFile = readFileSync(path.join(cli.workDir, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).toMatch(/elastic:password:\s*\n\s*secure:/);
    });

    it("`pulumi stack export` holds ciphertext for every key, secret value and credential", async () => {
      const { resources } = await cli.exportState(false);
      const outputsOf = (type: string) => resources.filter((r) => r.type === type).map((r) => r.outputs ?? {});
      for (const outputs of outputsOf("pulumi-nodejs:dynamic/elastic:CrossClusterApiKey")) {
        expect(isCiphertext(outputs.apiKey)).toBe(true);
        expect(isCiphertext(outputs.encoded)).toBe(true);
      }
      for (const outputs of outputsOf("pulumi-nodejs:dynamic/elastic:ApiKey")) expect(isCiphertext(outputs.encoded)).toBe(true);
      for (const outputs of outputsOf("pulumi-nodejs:dynamic/elastic:ConnectorSecret")) expect(isCiphertext(outputs.value)).toBe(true);
      for (const outputs of outputsOf("pulumi-nodejs:dynamic/elastic:CloudConnectedClusterApiKey")) expect(isCiphertext(outputs.key)).toBe(true);
      // The default provider holds the whole stack config: its credentials are ciphertext too.
      const provider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
      expect(isCiphertext(provider?.inputs?.["elastic:password"])).toBe(true);
      expect(isCiphertext(provider?.inputs?.["elastic:cloudApiKey"])).toBe(true);
      expect(provider?.inputs?.["elastic:endpoint"]).toBe(emulator.esUrl);
    });

    it("`pulumi stack output --show-secrets` gives the plaintext the emulator issued", async () => {
      const shown = await cli.cli(["stack", "output", "--stack", "dev", "--json", "--show-secrets"]);
      expect(shown.code, shown.stderr).toBe(0);
      const outputs = JSON.parse(shown.stdout) as { encoded: string; keyId: string };
      exportedEncoded.value = outputs.encoded;
      expect(emulator.issuedSecrets()).toContain(outputs.encoded);
      expect(Buffer.from(outputs.encoded, "base64").toString()).toMatch(new RegExp(`^${outputs.keyId}:`));
      const hidden = await cli.cli(["stack", "output", "--stack", "dev", "--json"]);
      expect(JSON.parse(hidden.stdout)).toEqual({ encoded: "[secret]", keyId: outputs.keyId });
    });
  });

  describe("refresh and destroy use the stack config saved at the last up", () => {
    let other: Emulator;
    beforeAll(async () => {
      other = await startEmulator();
    });
    afterAll(async () => {
      await other?.close();
    });

    it("a changed elastic:endpoint is not used by refresh: it still reads the cluster of the last up", async () => {
      await cli.setConfig("elastic:endpoint", other.esUrl);
      emulator.resetStats();
      const refresh = await cli.run("refresh");
      expect(refresh.ok, refresh.output).toBe(true);
      expect(emulator.requests().some((r) => r.route === "GET /_security/api_key")).toBe(true);
      expect(other.requests()).toEqual([]);
      // Only `refresh --run-program` (or an `up`) picks up the new config.
      await cli.setConfig("elastic:endpoint", emulator.esUrl);
    });

    it("after a password rotation, refresh fails with the old password and says why; --run-program and up recover", async () => {
      const user = { username: "deployer", password: "first-password-of-the-deployer" };
      const rotated = "second-password-of-the-deployer";
      expect((await esCall(emulator, "PUT", `/_security/user/${user.username}`, { password: user.password, roles: ["superuser"] })).status).toBe(200);
      const stale = await startCli({
        emulator,
        program: () => void new CrossClusterApiKey("rotating-password", { access: { search: [{ names: ["logs-*"] }] } }),
        config: {
          "elastic:endpoint": { value: emulator.esUrl },
          "elastic:username": { value: user.username },
          "elastic:password": { value: user.password, secret: true },
        },
      });
      try {
        expect((await stale.run("up")).ok).toBe(true);
        expect((await esCall(emulator, "PUT", `/_security/user/${user.username}`, { password: rotated, roles: ["superuser"] })).status).toBe(200);
        await stale.setConfig("elastic:password", rotated, true);

        const refresh = await stale.run("refresh");
        expect(refresh.ok).toBe(false);
        const shown = refresh.errors.join("\n");
        expect(shown).toMatch(/401/);
        expect(shown).toContain("`pulumi refresh` and `pulumi destroy` use the stack config saved by the last `pulumi up`");
        expect(shown).toContain("pulumi refresh --run-program");

        const withProgram = await stale.run("refresh", { runProgram: true });
        expect(withProgram.ok, withProgram.output).toBe(true);
        const up = await stale.run("up");
        expect(up.ok, up.output).toBe(true);
        const destroy = await stale.run("destroy");
        expect(destroy.ok, destroy.output).toBe(true);
      } finally {
        await stale.close();
      }
    });
  });

  describe("messages as the CLI prints them", () => {
    it("a check failure prints the property and the raw input value; the engine prints the same", async () => {
      const program = () => void new CrossClusterApiKey("bad", { access: { search: [{ names: ["x"] }] }, expiration: "abc" });
      const failing = await startCli({ emulator, program });
      const engine = await startEngine({ emulator, program });
      try {
        const preview = await failing.run("preview");
        expect(preview.ok).toBe(false);
        const shown = preview.errors.filter((e) => e.includes("has a problem"));
        expect(shown).toEqual([
          expect.stringMatching(
            /^pulumi-nodejs:dynamic\/elastic:CrossClusterApiKey resource 'bad': property expiration value \{abc\} has a problem: /,
          ),
        ]);
        expect((await engine.run("preview")).errors).toEqual(shown);
      } finally {
        await engine.close();
        await failing.close();
      }
    });

    it("a partial failure prints its reasons only: the guidance must be among them", async () => {
      // A cluster of its own: rotating the stack's cluster here would be a change outside that stack.
      const clusterId = emulator.addCloudCluster("partial-failure");
      const program = () => void new CloudConnectedClusterApiKey("rotating", { clusterId, revokePreviousKey: true });
      const failing = await startCli({ emulator, program });
      const engine = await startEngine({ emulator, program });
      emulator.faults.inject({ target: "cloud", method: "POST", path: revokePath(clusterId), times: Infinity, fault: { kind: "status", status: 403 } });
      try {
        const up = await failing.run("up");
        expect(up.ok).toBe(false);
        const shown = up.errors.find((e) => e.startsWith("1 error occurred:"));
        expect(shown, up.output).toBeDefined();
        // What the user reads must tell them the key was rotated and what to run next.
        expect(shown).toMatch(/rotated/);
        expect(shown).toMatch(/pulumi up/);
        // The engine shows the same reasons (under the resource's name, where the CLI prints it as a heading).
        const engineUp = await engine.run("up");
        const prefix = "pulumi-nodejs:dynamic/elastic:CloudConnectedClusterApiKey resource 'rotating': ";
        const engineShown = engineUp.errors.find((e) => e.startsWith(`${prefix}1 error occurred:`))?.slice(prefix.length);
        const stable = (text?: string) => text?.replace(/\b\d{4}-\d\d-\d\dT[\d:.]+Z\b/g, "<time>");
        expect(stable(engineShown)).toEqual(stable(shown));
      } finally {
        emulator.faults.clear();
        await engine.close();
        await failing.close();
      }
    });
  });

  describe("flags", () => {
    it("`preview --diff` of an unchanged stack shows no change", async () => {
      const preview = await cli.run("preview", { diff: true });
      expect(preview.ok, preview.output).toBe(true);
      expect(Object.values(preview.ops).every((op) => op === "same"), JSON.stringify(preview.ops)).toBe(true);
    });

    it("`up --refresh` of an unchanged stack reads everything and changes nothing", async () => {
      emulator.resetStats();
      const up = await cli.run("up", { refresh: true });
      expect(up.ok, up.output).toBe(true);
      expect(Object.values(up.ops).every((op) => op === "same"), JSON.stringify(up.ops)).toBe(true);
      expect(up.output, "the refresh shows no phantom diff").not.toMatch(/\[diff: /);
      // Searches (the refresh looks for keys of interrupted creates) change nothing; no other request may be sent.
      const writes = emulator.requests().filter((r) => r.method !== "GET" && r.route !== "POST /_security/_query/api_key");
      expect(writes.map((r) => r.route)).toEqual([]);
    });
  });

  it("the `import` resource option cannot adopt a dynamic resource (pulumi/pulumi#16175): adoptKeyId is the way", async () => {
    const keyId = crossClusterKeys(emulator).find((k) => !k.invalidated)?.id ?? "";
    const importing = await startCli({
      emulator,
      program: () => void new CrossClusterApiKey("imported", { access: { search: [{ names: ["logs-*"] }] } }, { import: keyId }),
    });
    try {
      const up = await importing.run("up");
      expect(up.ok).toBe(false);
      // The engine reads the object without the resource's inputs, so the host has no `__provider` to run.
      expect(up.errors).toContain("Cannot read properties of undefined (reading 'toJavaScript')");
      expect(crossClusterKeys(emulator).find((k) => k.id === keyId)?.invalidated).toBe(false);
    } finally {
      await importing.close();
    }
  });

  it("destroy (with the config of the last up) leaves nothing live", async () => {
    const destroy = await cli.run("destroy");
    expect(destroy.ok, destroy.output).toBe(true);
    expect(crossClusterKeys(emulator).filter((k) => !k.invalidated)).toEqual([]);
    expect(emulator.inventory().connectors.find((c) => c.id === "crawler")?.api_key_id ?? "").toBe("");
    expect(exportedEncoded.value).toBeDefined();
  });
});
