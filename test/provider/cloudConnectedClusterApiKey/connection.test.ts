import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { thinProvider } from "../../../provider/thinProvider";
import { type Emulator, startEmulator } from "../../emulator";
import { startTestStack, type TestStack } from "../../support/stack";
import { cluster, Recorder, theResource } from "./helpers";

const RUNTIME = "pulumi-elastic-keys/runtime/cloudConnectedClusterApiKey";

describe("CloudConnectedClusterApiKey connection settings and __provider", () => {
  let emulator: Emulator;
  let args: CloudConnectedClusterApiKeyArgs;
  const program = () => {
    new CloudConnectedClusterApiKey("cluster-key", args);
  };
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  /** One stack per case on the shared emulator: up, then destroy, checking that no secret leaked anywhere. */
  async function withStack(env: Record<string, string | undefined>, body: (stack: TestStack, ops: Recorder) => Promise<void>) {
    const stack = await startTestStack(program, { emulator, env });
    const ops = new Recorder(() => stack);
    try {
      await body(stack, ops);
      await ops.run("destroy");
      ops.expectNoSecrets();
    } finally {
      await stack.close();
    }
  }

  it("__provider is the thin shim: it names the runtime module and stays under 2 KB", async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => thinProvider(RUNTIME), { allowSecrets: false });
    expect(serialized.text.length).toBeLessThanOrEqual(2048);
    args = { clusterId: emulator.defaultClusterId };
    await withStack({}, async (stack, ops) => {
      await ops.run("up");
      const shim = String((await theResource(stack)).inputs.__provider);
      expect(shim).toContain(RUNTIME);
      expect(shim.length).toBeLessThanOrEqual(2048);
    });
  });

  it("connection.cloudApiKey wins over missing stack config and is stored encrypted", async () => {
    args = { clusterId: emulator.defaultClusterId, connection: { cloudApiKey: emulator.credentials.cloudApiKey } };
    await withStack({}, async (stack, ops) => {
      stack.engine.options.config = { "elastic:cloudEndpoint": { value: emulator.cloudUrl } };
      const up = await ops.run("up");
      expect(up.ok, up.report).toBe(true);
      const r = await theResource(stack);
      expect(r.secretInputKeys).toContain("connection");
      expect(r.secretOutputKeys).toEqual(expect.arrayContaining(["connection", "key"]));
      expect(r.outputs.key).toBe(cluster(emulator).activeKey);
    });
  });

  it("EC_ENDPOINT and EC_API_KEY are used when there is no stack config", async () => {
    args = { clusterId: emulator.defaultClusterId };
    await withStack({ EC_ENDPOINT: emulator.cloudUrl, EC_API_KEY: emulator.credentials.cloudApiKey }, async (stack, ops) => {
      stack.engine.options.config = {};
      const up = await ops.run("up");
      expect(up.ok, up.report).toBe(true);
      expect((await theResource(stack)).outputs.key).toBe(cluster(emulator).activeKey);
    });
  });

  it("a Cloud API key that may not rotate gets a message about the permission, and nothing rotates", async () => {
    args = { clusterId: emulator.defaultClusterId };
    const rotations = cluster(emulator).rotations;
    await withStack({}, async (stack, ops) => {
      stack.engine.options.config = {
        "elastic:cloudEndpoint": { value: emulator.cloudUrl },
        "elastic:cloudApiKey": { value: emulator.credentials.cloudReadOnlyApiKey, secret: true },
      };
      const up = await ops.run("up");
      expect(up.ok).toBe(false);
      expect(up.report).toContain("403");
      expect(up.report).toContain("lacks the permission");
      expect(cluster(emulator).rotations).toBe(rotations);
    });
  });

  it("no Cloud API key anywhere: the message lists every way to set one", async () => {
    args = { clusterId: emulator.defaultClusterId };
    await withStack({}, async (stack, ops) => {
      stack.engine.options.config = { "elastic:cloudEndpoint": { value: emulator.cloudUrl } };
      const up = await ops.run("up");
      expect(up.ok).toBe(false);
      expect(up.report).toContain("elastic:cloudApiKey");
      expect(up.report).toContain("EC_API_KEY");
      expect(up.report).toContain("connection.cloudApiKey");
    });
  });
});
