// CrossClusterApiKey.get through the engine's read step and the real dynamic-provider host, against the emulator:
// another stack manages the key ("theirs"); this stack only reads it.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey } from "../../../provider";
import { crossClusterKeys, esCall } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";

const TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
const OWNER_KEY = "pulumi_elastic_keys_owner";

/** What a program exports of a read key; apiKey and encoded must come back undefined. */
function exportsOf(key: CrossClusterApiKey) {
  return {
    keyId: key.keyId,
    name: key.name,
    access: key.access,
    expiration: key.expiration,
    metadata: key.metadata,
    certificateIdentity: key.certificateIdentity,
    invalidated: key.invalidated,
    hasKeyMaterial: pulumi.all([key.apiKey, key.encoded]).apply(([a, e]) => a !== undefined || e !== undefined),
  };
}

describe("CrossClusterApiKey.get reads an existing key without managing it", () => {
  let theirs: TestStack;
  let ours: TestStack;
  let keyId = "";
  let program: () => unknown = () => undefined;
  const emulatorKey = () => crossClusterKeys(theirs.emulator).find((k) => k.id === keyId)!;

  beforeAll(async () => {
    theirs = await startTestStack(() => {
      const key = new CrossClusterApiKey("theirs", {
        name: "shared-logs",
        access: { search: [{ names: ["logs-*"] }] },
        expiration: "30d",
        metadata: { team: "platform" },
      });
      return { keyId: key.keyId };
    });
    const up = await theirs.engine.up();
    expect(up.ok, up.report).toBe(true);
    keyId = (await theirs.engine.readState()).outputs.keyId as string;
    ours = await startTestStack(() => program(), { emulator: theirs.emulator, preview: true });
  }, 120_000);
  afterAll(async () => {
    await ours?.close();
    await theirs?.close();
  });

  it("preview and up read the key another stack manages: typed outputs, no key material, nothing written, the owner marker untouched", async () => {
    const before = structuredClone(emulatorKey());
    expect(before.metadata[OWNER_KEY]).toContain("::theirs");
    program = () => exportsOf(CrossClusterApiKey.get("seen", keyId));
    theirs.emulator.resetStats();

    const up = await ours.engine.up();

    expect(up.ok, up.report).toBe(true);
    expect(up.preview?.steps.find((s) => s.name === "seen")?.op).toBe("read");
    expect(up.preview?.outputs).toMatchObject({ keyId, name: "shared-logs" }); // read at preview: known values
    expect(up.steps.find((s) => s.name === "seen")?.op).toBe("read");
    expect(up.outputs).toEqual({
      keyId,
      name: "shared-logs",
      access: { search: [{ names: ["logs-*"], allowRestrictedIndices: false }] },
      expiration: new Date(before.expiration!).toISOString(),
      metadata: { team: "platform" }, // the provider's markers are not the key's user metadata
      invalidated: false,
      hasKeyMaterial: false,
    });
    expect(theirs.emulator.requests().filter((r) => r.method !== "GET").map((r) => r.route)).toEqual([]);
    expect(emulatorKey()).toEqual(before);

    const seen = (await ours.engine.readState()).resources.find((r) => r.name === "seen")!;
    expect(seen).toMatchObject({ type: TYPE, id: keyId, external: true });
    for (const secret of ["apiKey", "encoded"]) {
      expect(seen.outputs[secret]).toBeUndefined();
      expect(seen.inputs[secret]).toBeUndefined();
    }
    expect(String(seen.outputs.__provider)).toContain("pulumi-elastic-keys/runtime/crossClusterApiKey/get");
  });

  it("refresh reads it again: out-of-band changes and an invalidation show as drift, without failing", async () => {
    program = () => exportsOf(CrossClusterApiKey.get("seen", keyId));
    const steady = await ours.engine.refresh();
    expect(steady.ok, steady.report).toBe(true);
    expect(steady.steps.find((s) => s.name === "seen")?.op).toBe("read");

    const metadata = { ...emulatorKey().metadata, team: "search" };
    expect((await esCall(theirs.emulator, "PUT", `/_security/cross_cluster/api_key/${keyId}`, { metadata })).status).toBe(200);
    const drift = await ours.engine.refresh();
    expect(drift.ok, drift.report).toBe(true);
    expect(drift.steps.find((s) => s.name === "seen")).toMatchObject({ op: "refresh-drift", diffs: [{ property: "metadata", old: { team: "platform" }, new: { team: "search" } }] });
    // The other stack's marker is still there: nothing here wrote it.
    expect(emulatorKey().metadata[OWNER_KEY]).toContain("::theirs");

    const made = await esCall(theirs.emulator, "POST", "/_security/cross_cluster/api_key", { name: "soon-retired", access: { search: [{ names: ["a-*"] }] } });
    const soonRetired = (made.json as { id: string }).id;
    program = () => exportsOf(CrossClusterApiKey.get("soon-retired", soonRetired));
    expect((await ours.engine.up({ skipPreview: true })).ok).toBe(true);
    expect((await esCall(theirs.emulator, "DELETE", "/_security/api_key", { ids: [soonRetired] })).status).toBe(200);
    const invalidated = await ours.engine.refresh();
    expect(invalidated.ok, invalidated.report).toBe(true);
    expect(invalidated.steps.find((s) => s.name === "soon-retired")).toMatchObject({ op: "refresh-drift", diffs: [{ property: "invalidated", old: false, new: true }] });
    expect((await ours.engine.destroy()).ok).toBe(true);
  });

  it("removing it from the program, and destroy, leave the key valid: it is only dropped from the state", async () => {
    program = () => exportsOf(CrossClusterApiKey.get("seen", keyId));
    expect((await ours.engine.up()).ok).toBe(true);
    program = () => undefined;
    theirs.emulator.resetStats();
    const dropped = await ours.engine.up();
    expect(dropped.ok, dropped.report).toBe(true);
    expect(dropped.steps.find((s) => s.name === "seen")?.op).toBe("discard");
    expect(emulatorKey().invalidated).toBe(false);

    program = () => exportsOf(CrossClusterApiKey.get("seen", keyId));
    expect((await ours.engine.up()).ok).toBe(true);
    const destroyed = await ours.engine.destroy();
    expect(destroyed.ok, destroyed.report).toBe(true);
    expect(destroyed.steps.find((s) => s.name === "seen")?.op).toBe("discard");
    expect(emulatorKey().invalidated).toBe(false);
    expect(theirs.emulator.requests().filter((r) => r.method !== "GET")).toEqual([]);
    expect((await ours.engine.readState()).resources).toEqual([]);
  });

  it("an invalidated key is read as invalidated: true, without failing", async () => {
    const made = await esCall(theirs.emulator, "POST", "/_security/cross_cluster/api_key", { name: "retired", access: { replication: [{ names: ["archive-*"] }] } });
    const retired = (made.json as { id: string }).id;
    expect((await esCall(theirs.emulator, "DELETE", "/_security/api_key", { ids: [retired] })).status).toBe(200);
    program = () => exportsOf(CrossClusterApiKey.get("retired", retired));
    const up = await ours.engine.up({ skipPreview: true });
    expect(up.ok, up.report).toBe(true);
    expect(up.outputs).toMatchObject({ keyId: retired, name: "retired", invalidated: true, access: { replication: [{ names: ["archive-*"], allowRestrictedIndices: false }] } });
    expect((await ours.engine.destroy()).ok).toBe(true);
  });

  it("refuses a REST API key and an id that names no key, at preview, naming the resource and the id", async () => {
    const rest = await esCall(theirs.emulator, "POST", "/_security/api_key", { name: "plain-rest" });
    const restId = (rest.json as { id: string }).id;
    program = () => {
      CrossClusterApiKey.get("rest", restId);
    };
    const refusedRest = await ours.engine.preview();
    expect(refusedRest.ok).toBe(false);
    expect(refusedRest.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^${TYPE} resource 'rest': read failed: .*API key "${restId}" is of type \\[rest\\], not a cross-cluster API key`)),
    );

    program = () => {
      CrossClusterApiKey.get("ghost", "doesnotexist00000000");
    };
    const ghost = await ours.engine.preview();
    expect(ghost.ok).toBe(false);
    expect(ghost.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^${TYPE} resource 'ghost': read failed: .*resource 'doesnotexist00000000' does not exist`)),
    );
  });

  it("reads from the cluster and with the credentials `connection` names, kept secret in state", async () => {
    let bearerToken = "not-the-token";
    program = () => exportsOf(CrossClusterApiKey.get("elsewhere", keyId, { connection: { endpoints: [theirs.emulator.esUrl], bearerToken } }));
    // The connection's credential, not the stack's (which would succeed): a wrong one is refused, and named.
    const wrong = await ours.engine.up({ skipPreview: true });
    expect(wrong.ok).toBe(false);
    expect(wrong.report).toMatch(/401[\s\S]*connection\.bearerToken/);
    expect(wrong.report).not.toContain("not-the-token");
    bearerToken = theirs.emulator.credentials.bearerToken;
    const up = await ours.engine.up({ skipPreview: true });
    expect(up.ok, up.report).toBe(true);
    expect(up.outputs).toMatchObject({ keyId, name: "shared-logs" });
    const elsewhere = (await ours.engine.readState()).resources.find((r) => r.name === "elsewhere")!;
    expect(elsewhere.secretOutputKeys).toContain("connection");
    expect(elsewhere.secretInputKeys).toContain("connection");
    expect((await ours.engine.destroy()).ok).toBe(true);
  });

  it("a managed key read with its own id is released, not invalidated; the constructor refuses the id option", async () => {
    let read = false;
    program = () => (read ? CrossClusterApiKey.get("mine", managedId) : new CrossClusterApiKey("mine", { access: { search: [{ names: ["mine-*"] }] } }));
    let managedId = "";
    expect((await ours.engine.up({ skipPreview: true })).ok).toBe(true);
    managedId = (await ours.engine.readState()).resources.find((r) => r.name === "mine")!.id!;
    read = true;
    const released = await ours.engine.up({ skipPreview: true });
    expect(released.steps.find((s) => s.name === "mine")?.op).toBe("read");
    expect((await ours.engine.destroy()).ok).toBe(true);
    expect(crossClusterKeys(theirs.emulator).find((k) => k.id === managedId)?.invalidated).toBe(false);

    program = () => new CrossClusterApiKey("by-id", { access: { search: [{ names: ["x"] }] } }, { id: keyId });
    const refused = await ours.engine.preview();
    expect(refused.ok).toBe(false);
    expect(refused.report).toContain("to read an existing key use CrossClusterApiKey.get(name, id, { connection })");
  });

  it("a key bound to a certificate (certificate_identity) is read with its certificateIdentity", async () => {
    const pattern = "CN=remote-.*,OU=search,O=Example";
    const made = await esCall(theirs.emulator, "POST", "/_security/cross_cluster/api_key", {
      name: "pinned",
      access: { search: [{ names: ["logs-*"] }] },
      certificate_identity: pattern,
    });
    expect(made.status).toBe(200);
    const pinned = (made.json as { id: string }).id;
    program = () => exportsOf(CrossClusterApiKey.get("pinned", pinned));
    const up = await ours.engine.up({ skipPreview: true });
    expect(up.ok, up.report).toBe(true);
    expect(up.outputs).toMatchObject({ keyId: pinned, certificateIdentity: pattern });
    expect((await ours.engine.destroy()).ok).toBe(true);
  });
});
