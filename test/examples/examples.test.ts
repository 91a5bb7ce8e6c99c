import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../engine";
import { type Emulator, startEmulator } from "../emulator";
import { APP_PULUMI_VERSION, PACKAGE_JSON, mustRun, npm, packTarball, scratch } from "../packaging/app";
import { esCall } from "../support/elastic";
import { scanArtifact } from "../support/secret-registry";
import { CLEARED_ENV, REPO_ROOT, stackConfig } from "../support/stack";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const NAMES = ["cross-cluster-search", "connector-key", "cloud-key-rotation", "ci", "remote-cluster-access", "read-existing-key"];

// The examples run as a user copies them: from a directory outside this repository, with the packed tarball installed
// by npm (not the workspace). Their package.json files declare the same dependencies, so one install beside them
// serves all four (each example directory resolves its packages from the parent's node_modules).
const work = scratch("examples");
const copied = path.join(work.dir, "examples");

interface ExamplePackage {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const examplePackage = (name: string) => JSON.parse(readFileSync(path.join(EXAMPLES, name, "package.json"), "utf8")) as ExamplePackage;

beforeAll(async () => {
  const tarball = await packTarball(work.dir);
  cpSync(EXAMPLES, copied, { recursive: true });
  const { dependencies, devDependencies } = examplePackage(NAMES[0]!);
  // The SDK under test (the one the workspace runs on), within the examples' declared range.
  const install = { dependencies: { ...dependencies, "@pulumi/pulumi": APP_PULUMI_VERSION, [PACKAGE_JSON.name]: `file:${tarball}` }, devDependencies };
  writeFileSync(path.join(copied, "package.json"), JSON.stringify({ name: "examples", private: true, ...install }, null, 2));
  await npm(["install"], copied);
}, 10 * 60_000);
afterAll(() => work.remove(), 5 * 60_000); // a node_modules tree takes long to delete on a busy machine

it("every example declares the same dependencies, and tells to `npm install` (there is no lockfile for a package not yet published)", () => {
  for (const name of NAMES) {
    const { dependencies, devDependencies } = examplePackage(name);
    expect({ dependencies, devDependencies }, name).toEqual({ dependencies: examplePackage(NAMES[0]!).dependencies, devDependencies: examplePackage(NAMES[0]!).devDependencies });
    expect(readdirSync(path.join(EXAMPLES, name))).not.toContain("package-lock.json");
    const readme = readFileSync(path.join(EXAMPLES, name, "README.md"), "utf8");
    expect(readme, `${name}/README.md`).toMatch(/npm install/);
  }
  expect(examplePackage(NAMES[0]!).dependencies[PACKAGE_JSON.name]).toBe(`^${PACKAGE_JSON.version}`);
});

it("every example type-checks against the installed package's types (the examples' own tsc)", async () => {
  // One compiler run for all of them (examples/tsconfig.json); each example's own tsconfig.json has the same options.
  const out = await mustRun(process.execPath, [path.join(copied, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(copied, "tsconfig.json")], copied);
  scanArtifact("tsc output (examples)", out.stdout + out.stderr);
});

/** Project config each example needs to point at the emulator's objects. */
function exampleConfig(example: string, emulator: Emulator, handMadeKeyId: string): Record<string, { value: string; secret?: boolean }> {
  if (example === "read-existing-key") return { "read-existing-key:keyId": { value: handMadeKeyId } };
  if (example === "connector-key") return { "connector-key:connectorId": { value: "example-connector" }, "connector-key:indexName": { value: "search-example" } };
  // The emulator takes Stack 9.3's certificate_identity: the example's optional strong identity verification runs too.
  if (example === "cross-cluster-search") return { "cross-cluster-search:certificateIdentity": { value: "CN=remote-.*,OU=search,O=Example" } };
  if (example === "cloud-key-rotation") return { "cloud-key-rotation:clusterId": { value: emulator.defaultClusterId } };
  if (example === "remote-cluster-access") {
    return {
      "remote-cluster-access:deploymentId": { value: emulator.local.deploymentId },
      "remote-cluster-access:localEndpoint": { value: emulator.local.esUrl },
      "remote-cluster-access:localUsername": { value: emulator.credentials.superuser.username },
      "remote-cluster-access:localPassword": { value: emulator.credentials.superuser.password, secret: true },
      "remote-cluster-access:proxyAddress": { value: "prod.es.example.com:9443" },
    };
  }
  return {};
}

describe.each(NAMES)("examples/%s", (example) => {
  const dir = path.join(copied, example);
  let emulator: Emulator;
  let engine: Engine;
  let stateDir: string;
  let handMadeKeyId = "";
  beforeAll(async () => {
    emulator = await startEmulator();
    await esCall(emulator, "PUT", "/_connector/example-connector", { index_name: "search-example", name: "Example", service_type: "web" });
    const handMade = await esCall(emulator, "POST", "/_security/cross_cluster/api_key", { name: "hand-made", access: { search: [{ names: ["logs-*"] }] } });
    handMadeKeyId = (handMade.json as { id: string }).id;
    stateDir = mkdtempSync(path.join(tmpdir(), `example-${example}-`));
    const project = /^name:\s*(\S+)/m.exec(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))![1]!;
    engine = new Engine({
      project,
      stack: "dev",
      stateDir,
      passphrase: "example",
      program: path.join(dir, "index.ts"),
      config: { ...stackConfig(emulator), ...exampleConfig(example, emulator, handMadeKeyId) },
      hostCwd: dir, // as `pulumi up` in that directory would run it
      env: CLEARED_ENV,
    });
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("previews, deploys and destroys against the emulator", { timeout: 180_000 }, async () => {
    const preview = await engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.some((s) => s.op === "create")).toBe(true);
    // The preview just ran: `pulumi preview`, then `pulumi up --skip-preview`.
    const up = await engine.up({ skipPreview: true });
    expect(up.ok, up.report).toBe(true);
    // Reads of existing keys (`get`) happen on every preview: they change nothing.
    expect((await engine.preview()).steps.every((s) => s.op === "same" || s.op === "read"), "a second preview is quiet").toBe(true);
    for (const [name, value] of Object.entries(up.outputs ?? {})) {
      if (/encoded|key$/i.test(name) && value !== undefined) expect(value, `${name} is shown as a secret`).toBe("[secret]");
    }
    const destroy = await engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect((await engine.readState()).resources.filter((r) => r.custom)).toHaveLength(0);
    // What an example only read is left as it was.
    const handMade = emulator.inventory().apiKeys.find((k) => k.id === handMadeKeyId);
    expect(handMade?.invalidated).toBe(false);
  });
});
