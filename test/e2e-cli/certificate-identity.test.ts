// certificateIdentity (Elasticsearch 9.3 strong identity verification) through the real `pulumi` CLI: what users see
// when they set, change and remove it, when someone changes it out of band, and when the cluster is older than 9.3.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey, type CrossClusterApiKeyArgs } from "../../provider";
import { startEmulator, type Emulator } from "../emulator";
import { crossClusterKeys, esCall } from "../support/elastic";
import { addFigures } from "../support/figures";
import { liveKeys } from "../provider/crossClusterApiKey/inventory";
import { describeWithCli } from "./available";
import { type PulumiCli, startCli } from "./pulumi-cli";

const DN = "CN=remote-.*,OU=search,O=Example";
const OTHER_DN = "^CN=remote-prod,OU=search,O=Example$";
const access = { search: [{ names: ["logs-*"] }] };

const remoteKey = (emulator: Emulator) => {
  const live = liveKeys(emulator, "cross_cluster");
  expect(live).toHaveLength(1);
  return live[0]!;
};

describeWithCli("the real pulumi CLI: certificateIdentity", () => {
  afterEach((ctx) => addFigures({ cliScenarios: 1 }, ctx.task));

  describe("on a 9.3 cluster", () => {
    let emulator: Emulator;
    let cli: PulumiCli;
    let args: CrossClusterApiKeyArgs = { name: "remote-search", access, certificateIdentity: DN };

    beforeAll(async () => {
      emulator = await startEmulator({ esVersion: "9.3.0" });
      cli = await startCli({ emulator, program: () => void new CrossClusterApiKey("remote", args) });
    }, 120_000);
    afterAll(async () => {
      await cli?.close();
      await emulator?.close();
    });

    it("up creates the key with the pattern; a second preview shows no change", async () => {
      const up = await cli.run("up");
      expect(up.ok, up.output).toBe(true);
      expect(up.ops.remote).toBe("create");
      expect(remoteKey(emulator).certificate_identity).toBe(DN);
      const [state] = (await cli.resources()).filter((r) => r.name === "remote");
      expect(state?.outputs.certificateIdentity).toBe(DN);
      const preview = await cli.run("preview", { diff: true });
      expect(preview.ok, preview.output).toBe(true);
      expect(preview.ops.remote).toBe("same");
      expect(preview.output).not.toContain("certificateIdentity");
    });

    it("a changed pattern is an in-place update the diff names; the key stays the same", async () => {
      const before = remoteKey(emulator).id;
      args = { ...args, certificateIdentity: OTHER_DN };
      const preview = await cli.run("preview", { diff: true });
      expect(preview.ok, preview.output).toBe(true);
      expect(preview.ops.remote).toBe("update");
      expect(preview.output).toContain(`~ certificateIdentity: "${DN}" => "${OTHER_DN}"`);
      const up = await cli.run("up");
      expect(up.ok, up.output).toBe(true);
      expect(up.ops.remote).toBe("update");
      expect(up.output).toContain("[diff: ~certificateIdentity]");
      expect(remoteKey(emulator)).toMatchObject({ id: before, certificate_identity: OTHER_DN });
    });

    it("an out-of-band change: refresh shows the drift, preview the correction, up restores the pattern", async () => {
      const key = remoteKey(emulator);
      expect((await esCall(emulator, "PUT", `/_security/cross_cluster/api_key/${key.id}`, { certificate_identity: "CN=intruder" })).status).toBe(200);
      const refresh = await cli.run("refresh");
      expect(refresh.ok, refresh.output).toBe(true);
      expect(refresh.ops.remote).toBe("drift");
      // Only what drifted: refreshed inputs are written the way the program writes them (no `~access`, `+metadata`).
      expect(refresh.output).toMatch(/~ +\S+CrossClusterApiKey remote updated .*\[diff: ~certificateIdentity\]/);
      const preview = await cli.run("preview", { diff: true });
      expect(preview.ops.remote).toBe("update");
      expect(preview.output).toContain(`~ certificateIdentity: "CN=intruder" => "${OTHER_DN}"`);
      const up = await cli.run("up");
      expect(up.ok, up.output).toBe(true);
      expect(remoteKey(emulator)).toMatchObject({ id: key.id, certificate_identity: OTHER_DN });
    });

    it("removing the input clears the pattern in place", async () => {
      const before = remoteKey(emulator).id;
      const { certificateIdentity: _removed, ...rest } = args;
      args = rest;
      const preview = await cli.run("preview", { diff: true });
      expect(preview.ops.remote).toBe("update");
      expect(preview.output).toContain(`- certificateIdentity: "${OTHER_DN}"`);
      const up = await cli.run("up");
      expect(up.ok, up.output).toBe(true);
      expect(up.ops.remote).toBe("update");
      const key = remoteKey(emulator);
      expect(key.id).toBe(before);
      expect(key).not.toHaveProperty("certificate_identity");
      const again = await cli.run("preview", { diff: true });
      expect(again.ops.remote).toBe("same");
    });
  });

  describe("on a cluster before 9.3", () => {
    let emulator: Emulator;
    let cli: PulumiCli;

    beforeAll(async () => {
      emulator = await startEmulator({ esVersion: "9.2.4" });
      cli = await startCli({
        emulator,
        program: () => void new CrossClusterApiKey("remote", { name: "remote-search", access, certificateIdentity: DN }),
      });
    }, 120_000);
    afterAll(async () => {
      await cli?.close();
      await emulator?.close();
    });

    it("up fails with the version needed, the cluster's version and what to do; no key is left", async () => {
      const up = await cli.run("up");
      expect(up.ok).toBe(false);
      const shown = up.errors.join("\n");
      expect(shown).toContain(
        'CrossClusterApiKey "remote-search": certificateIdentity needs Elasticsearch 9.3 or later, and this cluster runs ' +
          "Elasticsearch 9.2.4: it refused the certificate_identity field. No key was created, and no existing key was changed. " +
          "Remove certificateIdentity from the resource's inputs, or upgrade the cluster to 9.3 or later, then run `pulumi up` again",
      );
      expect(up.output).toContain(shown.split("\n")[0]!);
      expect(crossClusterKeys(emulator).filter((k) => !k.invalidated)).toEqual([]);
      expect((await cli.resources()).filter((r) => r.name === "remote")).toEqual([]);
    });
  });
});
