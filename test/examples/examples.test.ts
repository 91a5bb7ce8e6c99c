import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../engine";
import { type Emulator, startEmulator } from "../emulator";
import { esCall } from "../support/elastic";
import { scanArtifact } from "../support/secret-registry";
import { CLEARED_ENV, REPO_ROOT, stackConfig } from "../support/stack";

const EXAMPLES = path.join(REPO_ROOT, "examples");

/** Project config each example needs to point at the emulator's objects. */
function exampleConfig(example: string, emulator: Emulator): Record<string, { value: string }> {
  if (example === "connector-key") return { "connector-key:connectorId": { value: "example-connector" }, "connector-key:indexName": { value: "search-example" } };
  if (example === "cloud-key-rotation") return { "cloud-key-rotation:clusterId": { value: emulator.defaultClusterId } };
  if (example === "remote-cluster-access") {
    return {
      "remote-cluster-access:deploymentId": { value: emulator.local.deploymentId },
      "remote-cluster-access:localEndpoint": { value: emulator.local.esUrl },
      "remote-cluster-access:proxyAddress": { value: "prod.es.example.com:9443" },
    };
  }
  return {};
}

it("every example type-checks against the published types (dist/*.d.ts via the package name)", () => {
  // One compiler run for all of them (examples/tsconfig.json); each example's own tsconfig.json has the same options.
  const out = execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(EXAMPLES, "tsconfig.json")], { cwd: EXAMPLES, stdio: "pipe" });
  scanArtifact("tsc output (examples)", out.toString());
});

describe.each(["cross-cluster-search", "connector-key", "cloud-key-rotation", "ci", "remote-cluster-access"])("examples/%s", (example) => {
  const dir = path.join(EXAMPLES, example);
  let emulator: Emulator;
  let engine: Engine;
  let stateDir: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    await esCall(emulator, "PUT", "/_connector/example-connector", { index_name: "search-example", name: "Example", service_type: "web" });
    stateDir = mkdtempSync(path.join(tmpdir(), `example-${example}-`));
    const project = /^name:\s*(\S+)/m.exec(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))![1]!;
    engine = new Engine({
      project,
      stack: "dev",
      stateDir,
      passphrase: "example",
      program: path.join(dir, "index.ts"),
      config: { ...stackConfig(emulator), ...exampleConfig(example, emulator) },
      hostCwd: dir, // as `pulumi up` in that directory would run it
      env: CLEARED_ENV,
    });
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("previews, deploys and destroys against the emulator", async () => {
    const preview = await engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.some((s) => s.op === "create")).toBe(true);
    const up = await engine.up();
    expect(up.ok, up.report).toBe(true);
    expect((await engine.preview()).steps.every((s) => s.op === "same"), "a second preview is quiet").toBe(true);
    for (const [name, value] of Object.entries(up.outputs ?? {})) {
      if (/encoded|key$/i.test(name) && value !== undefined) expect(value, `${name} is shown as a secret`).toBe("[secret]");
    }
    const destroy = await engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect((await engine.readState()).resources.filter((r) => r.custom)).toHaveLength(0);
  });
});
