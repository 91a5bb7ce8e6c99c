import { readFileSync } from "node:fs";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKey, type ConnectorApiKeyArgs } from "../../../provider";
import type { Emulator } from "../../emulator";
import { esCall } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { BIND, connectorDoc, CREATE_KEY, CREATE_SECRET, createConnector, DELETE_SECRET, INVALIDATE, writes } from "../connectorApiKeyBinding/remote";

const KEY = "pulumi-nodejs:dynamic/elastic:ApiKey";
const SECRET = "pulumi-nodejs:dynamic/elastic:ConnectorSecret";
const BINDING = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";
const TARGET = "pulumi-nodejs:dynamic/elastic:ConnectorTarget";
const COMPONENT = "pulumi-elastic-keys:index:ConnectorApiKey";

let args: ConnectorApiKeyArgs;
const program = () => {
  const c = new ConnectorApiKey("sharepoint", args);
  return { keyId: c.keyId, encoded: c.encoded, ...(c.secret ? { secretId: c.secretId } : {}) };
};

/** Status of a request authenticated with an API key: proves what the connector's key may and may not do. */
async function statusWithKey(emulator: Emulator, encoded: string, path: string): Promise<number> {
  const res = await request(`${emulator.esUrl}${path}`, { headers: { authorization: `ApiKey ${encoded}` } });
  await res.body.dump();
  return res.statusCode;
}

async function live(stack: TestStack, type: string) {
  return (await stack.engine.readState()).resources.filter((r) => r.type === type && !r.pendingDelete);
}

describe("ConnectorApiKey (managed): creates, stores and binds a connector's key", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program);
    await createConnector(stack.emulator, "sp-connector", { indexName: "search-sharepoint", native: true });
    await createConnector(stack.emulator, "other", { indexName: "search-other", native: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("1. preview plans the component, the connector check and the three pieces, and sends no request", async () => {
    args = { connectorId: "sp-connector", indexName: "search-sharepoint", managed: true };
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    const created = preview.steps.filter((s) => s.op === "create" && s.type !== "pulumi:pulumi:Stack").map((s) => s.type);
    expect(created).toEqual([COMPONENT, TARGET, KEY, SECRET, BINDING]);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });

  it("2. up creates the key, then stores it as a secret, then binds both", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([CREATE_KEY, CREATE_SECRET, BIND]);

    const [key] = await live(stack, KEY);
    const [secret] = await live(stack, SECRET);
    const [binding] = await live(stack, BINDING);
    const [component] = await live(stack, COMPONENT);
    for (const child of [key, secret, binding]) expect(child?.parent).toBe(component?.urn);
    expect(connectorDoc(stack.emulator, "sp-connector")).toMatchObject({ api_key_id: key!.id, api_key_secret_id: secret!.id });

    // The documented role: connector privileges on the connector's own indices, nothing else.
    const remote = stack.emulator.inventory().apiKeys.find((k) => k.id === key!.id);
    expect(remote).toMatchObject({ name: "sp-connector-api-key", type: "rest", invalidated: false });
    expect(remote?.role_descriptors).toMatchObject({
      "sp-connector-connector-role": {
        cluster: ["monitor", "manage_connector"],
        indices: [
          { names: ["search-sharepoint", ".search-acl-filter-search-sharepoint", ".elastic-connectors*"], privileges: ["all"], allow_restricted_indices: false },
        ],
      },
    });
    const encoded = key!.outputs.encoded as string;
    expect(await statusWithKey(stack.emulator, encoded, "/_connector/sp-connector")).toBe(200);
    expect(await statusWithKey(stack.emulator, encoded, "/_security/api_key")).toBe(403);

    // The secret holds exactly the key's encoded value (compared without printing either).
    const stored = await esCall(stack.emulator, "GET", `/_connector/_secret/${secret!.id}`);
    expect((stored.json as { value: string }).value === encoded).toBe(true);

    // Key material is secret everywhere: in each resource, in the component's outputs, in the stack outputs.
    expect(key!.secretOutputKeys).toEqual(expect.arrayContaining(["apiKey", "encoded"]));
    expect(secret!.secretInputKeys).toContain("value");
    expect(secret!.secretOutputKeys).toContain("value");
    expect(component!.outputs.encoded === encoded).toBe(true);
    expect((await stack.engine.readState()).secretOutputKeys).toEqual(["encoded"]);
    expect(up.outputs).toMatchObject({ keyId: key!.id, encoded: "[secret]", secretId: secret!.id });
  });

  it("3. a second up is a no-op: every step the same, no write", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(writes(stack.emulator)).toEqual([]);
  });

  it("4. a refresh with nothing changed out of band reports no drift", async () => {
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(refresh.steps.filter((s) => s.op !== "read")).toEqual([]);
    expect((await stack.engine.preview()).steps.filter((s) => s.op !== "same")).toEqual([]);
  });

  it("5. a new index replaces key and secret; the binding moves in place before the old ones go", async () => {
    const [oldKey] = await live(stack, KEY);
    const [oldSecret] = await live(stack, SECRET);
    args = { ...args, indexName: "search-sharepoint-v2" };
    const preview = await stack.engine.preview();
    const ops = Object.fromEntries(preview.steps.map((s) => [s.type, s.op]));
    expect(ops).toMatchObject({ [KEY]: "replace", [SECRET]: "replace", [BINDING]: "update" });
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([CREATE_KEY, CREATE_SECRET, BIND, DELETE_SECRET, INVALIDATE]);
    const [key] = await live(stack, KEY);
    const [secret] = await live(stack, SECRET);
    expect(key!.id).not.toBe(oldKey!.id);
    expect(connectorDoc(stack.emulator, "sp-connector")).toMatchObject({ api_key_id: key!.id, api_key_secret_id: secret!.id });
    const inventory = stack.emulator.inventory();
    expect(inventory.apiKeys.find((k) => k.id === oldKey!.id)?.invalidated).toBe(true);
    expect(inventory.connectorSecrets.map((s) => s.id)).not.toContain(oldSecret!.id);
  });

  it("6. key and secret removed out of band: refresh drops them, and the next up recreates and rebinds", async () => {
    const [oldKey] = await live(stack, KEY);
    const [oldSecret] = await live(stack, SECRET);
    expect((await esCall(stack.emulator, "DELETE", "/_security/api_key", { ids: [oldKey!.id] })).status).toBe(200);
    expect((await esCall(stack.emulator, "DELETE", `/_connector/_secret/${oldSecret!.id}`)).status).toBe(200);
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    const ops = Object.fromEntries(refresh.steps.map((s) => [s.type, s.op]));
    expect(ops).toMatchObject({ [KEY]: "refresh-gone", [SECRET]: "refresh-gone", [BINDING]: "read" });
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([CREATE_KEY, CREATE_SECRET, BIND]);
    const [key] = await live(stack, KEY);
    const [secret] = await live(stack, SECRET);
    expect(connectorDoc(stack.emulator, "sp-connector")).toMatchObject({ api_key_id: key!.id, api_key_secret_id: secret!.id });
  });

  it("7. destroy unbinds, then deletes the secret, then invalidates the key", async () => {
    const [key] = await live(stack, KEY);
    const [secret] = await live(stack, SECRET);
    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([BIND, DELETE_SECRET, INVALIDATE]);
    expect(stack.emulator.requests().find((r) => r.route === DELETE_SECRET)?.path).toBe(`/_connector/_secret/${secret!.id}`);
    expect(connectorDoc(stack.emulator, "sp-connector")).toMatchObject({ api_key_id: "", api_key_secret_id: "" });
    const inventory = stack.emulator.inventory();
    expect(inventory.connectorSecrets).toEqual([]);
    expect(inventory.apiKeys.find((k) => k.id === key!.id)?.invalidated).toBe(true);
    expect((await stack.engine.readState()).resources.filter((r) => r.custom)).toEqual([]);
  });

  it("nothing the emulator issued or accepted appears in the state file, reports or host logs; __provider stays small", async () => {
    expect((await stack.engine.up()).ok).toBe(true);
    const state = await stack.engine.readState();
    for (const r of state.resources.filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/"))) {
      const shim = String(r.inputs.__provider);
      expect(shim).toMatch(/pulumi-elastic-keys\/runtime\/(apiKey|connectorSecret|connectorApiKeyBinding|connectorApiKey)/);
      expect(shim.length).toBeLessThanOrEqual(2048);
    }
    const file = readFileSync(stack.engine.stateFile, "utf8");
    const logs = stack.engine.hostLogs().join("\n");
    for (const value of stack.emulator.issuedSecrets()) {
      expect(file.includes(value)).toBe(false);
      expect(logs.includes(value)).toBe(false);
    }
    expect((await stack.engine.destroy()).ok).toBe(true);
  });
});

describe("ConnectorApiKey (self-managed): no connector secret", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(program);
    await createConnector(stack.emulator, "self-managed", { indexName: "search-docs" });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("binds the key alone, exposes it as a secret output, and destroy unbinds before invalidating", async () => {
    args = { connectorId: "self-managed", indexName: "search-docs" };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([CREATE_KEY, BIND]);
    expect(await live(stack, SECRET)).toEqual([]);
    const [key] = await live(stack, KEY);
    const doc = connectorDoc(stack.emulator, "self-managed");
    expect(doc.api_key_id).toBe(key!.id);
    expect(doc.api_key_secret_id).toBeUndefined();
    expect(up.outputs).toMatchObject({ keyId: key!.id, encoded: "[secret]" });

    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([BIND, INVALIDATE]);
    expect(connectorDoc(stack.emulator, "self-managed").api_key_secret_id).toBeUndefined();
  });
});
