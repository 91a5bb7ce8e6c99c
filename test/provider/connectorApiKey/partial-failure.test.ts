import { beforeAll, describe, expect, it } from "vitest";
import { ConnectorApiKey, type ConnectorApiKeyArgs } from "../../../provider";
import { requestsTo } from "../../support/elastic";
import { useTestStack } from "../../support/stack";
import { BIND, connectorDoc, CREATE_KEY, CREATE_SECRET, createConnector, writes } from "../connectorApiKeyBinding/remote";

const KEY = "pulumi-nodejs:dynamic/elastic:ApiKey";
const SECRET = "pulumi-nodejs:dynamic/elastic:ConnectorSecret";
const BINDING = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";

/**
 * Key material must never be orphaned: whatever was created stays in state (each piece is its own resource), a
 * lost create response never leaves a second live key, and a secret whose creation cannot be confirmed is
 * reported rather than silently duplicated.
 */
describe("ConnectorApiKey when a step fails", () => {
  let args: ConnectorApiKeyArgs;
  const stack = useTestStack(() => {
    new ConnectorApiKey("c", args);
  }, { destroyAfterEach: true });
  const inState = async (type: string) => (await stack.engine.readState()).resources.filter((r) => r.type === type);

  beforeAll(async () => {
    await createConnector(stack.emulator, "real", { indexName: "search-real", native: true });
  });

  it("a missing connector: up fails before creating anything — no key, no secret, no binding (#14 case 8)", async () => {
    args = { connectorId: "missing", indexName: "search-missing", managed: true };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toMatch(/connector "missing" does not exist \(connectorId\)/);
    expect(writes(stack.emulator)).toEqual([]);
    expect(await inState(KEY)).toEqual([]);
    expect(await inState(SECRET)).toEqual([]);
    expect(await inState(BINDING)).toEqual([]);

    stack.emulator.resetStats();
    const destroy = await stack.engine.destroy();
    expect(destroy.ok, destroy.report).toBe(true);
    expect(writes(stack.emulator)).toEqual([]);
  });

  it("the key's create response is lost: the stray is invalidated and exactly one live key remains, the one bound", async () => {
    args = { connectorId: "real", indexName: "search-real", managed: true, keyName: "lost-key" };
    stack.emulator.faults.inject({ method: "POST", path: "/_security/api_key", times: 1, fault: { kind: "reset-after" } });
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(requestsTo(stack.emulator, CREATE_KEY)).toHaveLength(2);
    const liveKeys = stack.emulator.inventory().apiKeys.filter((k) => k.name === "lost-key" && !k.invalidated);
    const [key] = await inState(KEY);
    expect(liveKeys.map((k) => k.id)).toEqual([key?.id]);
    expect(connectorDoc(stack.emulator, "real").api_key_id).toBe(key?.id);
  });

  it("the secret's create response is lost: up fails saying so, without retrying or binding; the next up completes", async () => {
    args = { connectorId: "real", indexName: "search-real", managed: true, keyName: "secret-lost" };
    stack.emulator.faults.inject({ method: "POST", path: "/_connector/_secret", times: 1, fault: { kind: "reset-after" } });
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toMatch(/outcome unknown/);
    expect(up.report).toContain("no way to find it without its id");
    expect(up.report).toContain("replace or destroy the API key");
    for (const value of stack.emulator.issuedSecrets()) expect(up.report.includes(value)).toBe(false);
    expect(requestsTo(stack.emulator, CREATE_SECRET)).toHaveLength(1);
    expect(requestsTo(stack.emulator, BIND)).toHaveLength(0);
    const [key] = await inState(KEY);
    expect(key?.id).toBeDefined();
    expect(await inState(SECRET)).toEqual([]);

    const next = await stack.engine.up();
    expect(next.ok, next.report).toBe(true);
    const [secret] = await inState(SECRET);
    expect(connectorDoc(stack.emulator, "real")).toMatchObject({ api_key_id: key?.id, api_key_secret_id: secret?.id });

    expect((await stack.engine.destroy()).ok).toBe(true);
    // What the error warned about: the lost attempt's copy is unreachable, and worthless once the key is invalidated.
    expect(stack.emulator.inventory().connectorSecrets).toHaveLength(1);
    expect(stack.emulator.inventory().apiKeys.find((k) => k.id === key?.id)?.invalidated).toBe(true);
  });
});
