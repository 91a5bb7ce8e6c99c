import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKeyBinding, type ConnectorApiKeyBindingArgs } from "../../../provider";
import { startTestStack, type TestStack } from "../../support/stack";
import {
  connectorDoc,
  createConnector,
  createRestKey,
  createSecret,
  crossClusterKey,
  expiredKey,
  invalidatedKey,
  writes,
} from "./remote";

const TYPE = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";

/**
 * Elasticsearch would store a binding to anything; the provider checks first, so a wrong id fails `up` with a
 * message naming what is missing — and changes nothing, neither on the connector nor in the state.
 */
describe("ConnectorApiKeyBinding refuses to bind what does not exist", () => {
  let stack: TestStack;
  let args: ConnectorApiKeyBindingArgs;
  const ids = { live: "", invalidated: "", expired: "", crossCluster: "", secret: "" };

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new ConnectorApiKeyBinding("binding", args);
    });
    const { emulator } = stack;
    await createConnector(emulator, "c1", { native: true });
    ids.live = await createRestKey(emulator, "live-key");
    ids.invalidated = await invalidatedKey(emulator, "invalidated-key");
    ids.expired = await expiredKey(emulator, "expired-key");
    ids.crossCluster = await crossClusterKey(emulator, "remote-cluster-key");
    ids.secret = await createSecret(emulator, "the-secret-value");
  });
  afterEach(async () => {
    await stack.engine.destroy();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const cases: Array<[string, () => ConnectorApiKeyBindingArgs, RegExp[]]> = [
    ["a missing connector", () => ({ connectorId: "no-such-connector", apiKeyId: ids.live }), [/connector "no-such-connector" does not exist \(connectorId\)/]],
    ["a missing key", () => ({ connectorId: "c1", apiKeyId: "no-such-key-id" }), [/API key "no-such-key-id" \(apiKeyId\) does not exist/]],
    ["an invalidated key", () => ({ connectorId: "c1", apiKeyId: ids.invalidated }), [/\(apiKeyId\) has been invalidated/]],
    ["an expired key", () => ({ connectorId: "c1", apiKeyId: ids.expired }), [/\(apiKeyId\) expired at \d{4}-/]],
    ["a cross-cluster key", () => ({ connectorId: "c1", apiKeyId: ids.crossCluster }), [/cross_cluster API key; a connector needs a REST API key/]],
    ["a missing secret", () => ({ connectorId: "c1", apiKeyId: ids.live, apiKeySecretId: "no-such-secret" }), [/connector secret "no-such-secret" does not exist \(apiKeySecretId\)/]],
    [
      "all three missing at once: every problem is named",
      () => ({ connectorId: "gone", apiKeyId: "gone-key", apiKeySecretId: "gone-secret" }),
      [/connector "gone" does not exist/, /API key "gone-key" \(apiKeyId\) does not exist/, /connector secret "gone-secret" does not exist/],
    ],
  ];

  it.each(cases)("%s: up fails with a clear message and changes nothing", async (_title, make, messages) => {
    args = make();
    const before = connectorDoc(stack.emulator, "c1");
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    for (const message of messages) expect(up.report).toMatch(message);
    expect(up.report).toContain("Nothing was changed");
    expect(writes(stack.emulator)).toEqual([]);
    expect(connectorDoc(stack.emulator, "c1")).toEqual(before);
    expect((await stack.engine.readState()).resources.filter((r) => r.type === TYPE)).toHaveLength(0);
    for (const value of stack.emulator.issuedSecrets()) expect(up.report.includes(value)).toBe(false);
  });

  it("an update to an invalidated key fails the same way and keeps the current binding", async () => {
    args = { connectorId: "c1", apiKeyId: ids.live, apiKeySecretId: ids.secret };
    expect((await stack.engine.up()).ok).toBe(true);
    args = { connectorId: "c1", apiKeyId: ids.invalidated, apiKeySecretId: ids.secret };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toMatch(/rebind failed: cannot bind: API key "[^"]+" \(apiKeyId\) has been invalidated/);
    expect(writes(stack.emulator)).toEqual([]);
    expect(connectorDoc(stack.emulator, "c1")).toMatchObject({ api_key_id: ids.live, api_key_secret_id: ids.secret });
    const [binding] = (await stack.engine.readState()).resources.filter((r) => r.type === TYPE);
    expect(binding?.outputs).toMatchObject({ apiKeyId: ids.live, apiKeySecretId: ids.secret });
  });
});
