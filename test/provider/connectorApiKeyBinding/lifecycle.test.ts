import { readFileSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding, type ConnectorApiKeyBindingArgs } from "../../../provider";
import { esCall, requestsTo } from "../../support/elastic";
import { startTestStack, type TestStack } from "../../support/stack";
import { BIND, connectorDoc, createConnector, createRestKey, createSecret, GET_CONNECTOR, writes } from "./remote";

const TYPE = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";

/** The numbered steps of an acceptance test: each operation applies the next configuration. */
let args: ConnectorApiKeyBindingArgs;
let opts: pulumi.CustomResourceOptions = {};
const program = () => {
  new ConnectorApiKeyBinding("binding", args, opts);
};

describe("ConnectorApiKeyBinding through the real dynamic-provider host", () => {
  let stack: TestStack;
  const key: Record<"k1" | "k2", string> = { k1: "", k2: "" };
  const secret: Record<"s1" | "s2", string> = { s1: "", s2: "" };

  async function theBinding() {
    const live = (await stack.engine.readState()).resources.filter((r) => r.type === TYPE && !r.pendingDelete);
    expect(live).toHaveLength(1);
    return live[0]!;
  }
  const opsOf = (result: { steps: { type: string; op: string }[] }) => result.steps.filter((s) => s.type === TYPE).map((s) => s.op);

  beforeAll(async () => {
    stack = await startTestStack(program);
    const { emulator } = stack;
    await createConnector(emulator, "c1", { native: true });
    await createConnector(emulator, "c2", { native: true });
    key.k1 = await createRestKey(emulator, "connector-key-1");
    key.k2 = await createRestKey(emulator, "connector-key-2");
    secret.s1 = await createSecret(emulator, "secret-value-one");
    secret.s2 = await createSecret(emulator, "secret-value-two");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("1. preview plans a create and sends no request at all", async () => {
    args = { connectorId: "c1", apiKeyId: key.k1, apiKeySecretId: secret.s1 };
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(opsOf(preview)).toEqual(["create"]);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });

  it("2. up verifies the connector, key and secret, then binds both ids", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(connectorDoc(stack.emulator, "c1")).toMatchObject({ api_key_id: key.k1, api_key_secret_id: secret.s1 });
    const binding = await theBinding();
    expect(binding.id).toBe("c1");
    expect(binding.outputs).toMatchObject({ connectorId: "c1", apiKeyId: key.k1, apiKeySecretId: secret.s1 });
    // The three lookups all come before the one write.
    const routes = stack.emulator.requests().map((r) => r.route);
    expect(routes.at(-1)).toBe(BIND);
    expect([...routes.slice(0, -1)].sort()).toEqual([GET_CONNECTOR, "GET /_connector/_secret/{id}", "GET /_security/api_key"].sort());
  });

  it("3. a second up is a no-op: no write", async () => {
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual(["same"]);
    expect(writes(stack.emulator)).toEqual([]);
  });

  it("4. a new key and secret update the binding in place", async () => {
    args = { connectorId: "c1", apiKeyId: key.k2, apiKeySecretId: secret.s2 };
    const preview = await stack.engine.preview();
    expect(opsOf(preview)).toEqual(["update"]);
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual(["update"]);
    expect(writes(stack.emulator)).toEqual([BIND]);
    expect(connectorDoc(stack.emulator, "c1")).toMatchObject({ api_key_id: key.k2, api_key_secret_id: secret.s2 });
    expect((await theBinding()).id).toBe("c1");
  });

  it("5. a new connector replaces the binding: the new connector is bound before the old one is unbound", async () => {
    args = { connectorId: "c2", apiKeyId: key.k2, apiKeySecretId: secret.s2 };
    const preview = await stack.engine.preview();
    const step = preview.steps.find((s) => s.type === TYPE);
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toEqual(["connectorId"]);
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(requestsTo(stack.emulator, BIND).map((r) => r.path)).toEqual(["/_connector/c2/_api_key_id", "/_connector/c1/_api_key_id"]);
    expect(connectorDoc(stack.emulator, "c2")).toMatchObject({ api_key_id: key.k2, api_key_secret_id: secret.s2 });
    // Unbinding writes "" (null would be ignored by Elasticsearch).
    expect(connectorDoc(stack.emulator, "c1")).toMatchObject({ api_key_id: "", api_key_secret_id: "" });
    expect((await theBinding()).id).toBe("c2");
  });

  it("6. an out-of-band rebind shows as drift on refresh, and the next up binds the declared key again", async () => {
    const rebound = await esCall(stack.emulator, "PUT", "/_connector/c2/_api_key_id", { api_key_id: key.k1 });
    expect(rebound.json).toEqual({ result: "updated" });
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    const drift = refresh.steps.find((s) => s.type === TYPE);
    expect(drift?.op).toBe("refresh-drift");
    expect(drift?.diffs.map((d) => d.property)).toEqual(["apiKeyId"]);
    expect((await theBinding()).outputs.apiKeyId).toBe(key.k1);
    const preview = await stack.engine.preview();
    expect(opsOf(preview)).toEqual(["update"]);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(connectorDoc(stack.emulator, "c2")).toMatchObject({ api_key_id: key.k2, api_key_secret_id: secret.s2 });
  });

  it("7. dropping apiKeySecretId clears the connector's secret id (written as \"\")", async () => {
    args = { connectorId: "c2", apiKeyId: key.k2 };
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual(["update"]);
    expect(connectorDoc(stack.emulator, "c2")).toMatchObject({ api_key_id: key.k2, api_key_secret_id: "" });
    expect((await theBinding()).outputs.apiKeySecretId).toBeUndefined();
  });

  it("8. a connector deleted out of band is gone on refresh; the next up binds again", async () => {
    // Refresh drops a binding only when a second read agrees the connector is gone: both answer 404.
    stack.emulator.faults.inject({ method: "GET", path: "/_connector/c2", times: 2, fault: { kind: "status", status: 404 } });
    const refresh = await stack.engine.refresh();
    expect(refresh.ok, refresh.report).toBe(true);
    expect(opsOf(refresh)).toEqual(["refresh-gone"]);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(opsOf(up)).toEqual(["create"]);
    expect((await theBinding()).id).toBe("c2");
  });

  it("9. destroy unbinds", async () => {
    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([BIND]);
    expect(connectorDoc(stack.emulator, "c2")).toMatchObject({ api_key_id: "" });
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("10. destroying a binding whose connector was deleted succeeds without a write", async () => {
    expect((await stack.engine.up()).ok).toBe(true);
    const gone = stack.emulator.faults.inject({ method: "GET", path: "/_connector/c2", times: Infinity, fault: { kind: "status", status: 404 } });
    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    gone.remove();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([]);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
  });

  it("11. destroy leaves a connector that was rebound to another key since alone", async () => {
    expect((await stack.engine.up()).ok).toBe(true);
    await esCall(stack.emulator, "PUT", "/_connector/c2/_api_key_id", { api_key_id: key.k1 });
    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([]);
    expect(connectorDoc(stack.emulator, "c2")).toMatchObject({ api_key_id: key.k1 });
  });

  it("12. retainOnDelete: destroy forgets the binding and leaves the connector bound", async () => {
    args = { connectorId: "c1", apiKeyId: key.k1 };
    opts = { retainOnDelete: true };
    expect((await stack.engine.up()).ok).toBe(true);
    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([]);
    expect(connectorDoc(stack.emulator, "c1")).toMatchObject({ api_key_id: key.k1 });
    opts = {};
  });

  it("nothing the emulator issued or accepted appears in the state file or host logs", () => {
    const file = readFileSync(stack.engine.stateFile, "utf8");
    const logs = stack.engine.hostLogs().join("\n");
    for (const value of stack.emulator.issuedSecrets()) {
      expect(file.includes(value)).toBe(false);
      expect(logs.includes(value)).toBe(false);
    }
  });
});
