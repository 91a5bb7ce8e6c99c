// The checks every installed app must pass, whichever package manager installed the tarball.
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../engine";
import { type Emulator, startEmulator } from "../emulator";
import { esCall } from "../support/elastic";
import { scanArtifact } from "../support/secret-registry";
import { CLEARED_ENV, stackConfig } from "../support/stack";
import { ALL_INSTANCEOF_HOLD, APP_PROJECT, APP_PULUMI_VERSION, PACKAGE_JSON, RUNTIMES, mustRun, packTarball, resolvedFrom, scratch } from "./app";

const INSTALL_TIMEOUT = 10 * 60_000;
// Without skipLibCheck (as in Pulumi's template) tsc checks every .d.ts of the SDK and @types/node: slow on a busy machine.
const TSC_TIMEOUT = 5 * 60_000;

export interface Installer {
  /** Makes the app in `app` with the tarball (at `tarball`) installed. */
  install(app: string, tarball: string): Promise<void>;
  /** Every copy of @pulumi/pulumi in the app's tree, as versions (one entry per copy). */
  pulumiCopies(app: string): Promise<string[]>;
}

export function describeInstalledApp(manager: string, installer: Installer): void {
  describe(`an app made like Pulumi's TypeScript template, ${manager} install of the tarball, @pulumi/pulumi ${APP_PULUMI_VERSION}, Node ${process.version}`, () => {
    const work = scratch(`packaging-${manager}`);
    const app = path.join(work.dir, "app");
    let installed = false;

    beforeAll(async () => {
      const tarball = await packTarball(work.dir);
      await installer.install(app, tarball);
      installed = true;
    }, INSTALL_TIMEOUT);
    afterAll(() => work.remove(), 5 * 60_000); // a node_modules tree takes long to delete on a busy machine

    it("has one @pulumi/pulumi in the tree: the app's, which our package uses too", async () => {
      expect(installed).toBe(true);
      expect(await installer.pulumiCopies(app)).toEqual([APP_PULUMI_VERSION]);
      const ours = realpathSync(path.join(app, "node_modules", PACKAGE_JSON.name));
      expect(resolvedFrom(ours, "@pulumi/pulumi")).toBe(resolvedFrom(app, "@pulumi/pulumi"));
      expect(existsSync(path.join(ours, "node_modules", "@pulumi"))).toBe(false);
    });

    it("resolves every entry of `exports`, and nothing else of the package", async () => {
      const ids = [PACKAGE_JSON.name, `${PACKAGE_JSON.name}/sdk`, `${PACKAGE_JSON.name}/package.json`, ...RUNTIMES.map((r) => `${PACKAGE_JSON.name}/runtime/${r}`)];
      for (const id of ids) expect(existsSync(resolvedFrom(app, id)), id).toBe(true);
      expect(() => resolvedFrom(app, `${PACKAGE_JSON.name}/dist/provider/index.js`)).toThrow(/not defined by "exports"/);
    });

    it("type-checks the README quickstart and our resources where Pulumi types are expected (the app's own tsc)", async () => {
      const tsc = await mustRun(process.execPath, [path.join(app, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);
      scanArtifact(`tsc output (${manager} app)`, tsc.stdout + tsc.stderr);
      const version = await mustRun(process.execPath, [path.join(app, "node_modules", "typescript", "bin", "tsc"), "--version"], app);
      expect(version.stdout).toMatch(/^Version 5\./);
    }, TSC_TIMEOUT);

    describe("deployed through the test engine with the host from the app's node_modules", () => {
      let emulator: Emulator;
      let engine: Engine;
      let stateDir: string;
      beforeAll(async () => {
        emulator = await startEmulator();
        await esCall(emulator, "PUT", "/_connector/packaging-connector", { index_name: "search-packaging", name: "Packaging", service_type: "web" });
        stateDir = mkdtempSync(path.join(tmpdir(), "elastic-keys-packaging-state-"));
        engine = new Engine({
          project: APP_PROJECT,
          stack: "dev",
          stateDir,
          passphrase: "packaging",
          program: path.join(app, "shapes.ts"),
          config: { ...stackConfig(emulator), [`${APP_PROJECT}:clusterId`]: { value: emulator.defaultClusterId } },
          hostCwd: app, // as `pulumi up` in the app's directory runs it
          env: CLEARED_ENV,
        });
      });
      afterAll(async () => {
        await emulator?.close();
        if (stateDir) rmSync(stateDir, { recursive: true, force: true });
      });

      it("previews, deploys and destroys; instanceof holds for our resources", async () => {
        expect(installed).toBe(true);
        // The engine runs the host script it resolves from hostCwd: the app's own SDK, not this repository's.
        expect(resolvedFrom(app, "@pulumi/pulumi/cmd/dynamic-provider/index.js").startsWith(app + path.sep)).toBe(true);
        const preview = await engine.preview();
        expect(preview.ok, preview.report).toBe(true);
        const up = await engine.up();
        expect(up.ok, up.report).toBe(true);
        expect(up.outputs?.instances).toEqual(ALL_INSTANCEOF_HOLD);
        expect(up.outputs?.encoded).toBe("[secret]");
        const ours = (r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/");
        const live = (await engine.readState()).resources.filter(ours);
        expect(live.map((r) => r.type).sort()).toEqual([
          "pulumi-nodejs:dynamic/elastic:ApiKey",
          "pulumi-nodejs:dynamic/elastic:CloudConnectedClusterApiKey",
          "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding",
          "pulumi-nodejs:dynamic/elastic:ConnectorSecret",
          "pulumi-nodejs:dynamic/elastic:ConnectorTarget",
          "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey",
          "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey",
        ]);
        const destroy = await engine.destroy();
        expect(destroy.ok, destroy.report).toBe(true);
        expect((await engine.readState()).resources.filter(ours)).toHaveLength(0);
      });
    });
  });
}
