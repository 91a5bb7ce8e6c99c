import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossClusterApiKey } from "../../../provider";
import { type Emulator, startEmulator } from "../../emulator";
import { crossClusterKeys } from "../../support/elastic";
import { type Credentials, startTestStack } from "../../support/stack";

const program = () => {
  new CrossClusterApiKey("k", { access: { replication: [{ names: ["a-*"] }] } });
};

describe("CrossClusterApiKey credentials", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ restApiKey: true }); // the "apiKey" credentials need the pre-created REST key
  });
  afterAll(async () => {
    await emulator?.close();
  });

  async function upWith(credentials: Credentials, env: Record<string, string | undefined> = {}) {
    const stack = await startTestStack(program, { credentials, emulator, env });
    try {
      const up = await stack.engine.up();
      const stateFile = readFileSync(stack.engine.stateFile, "utf8");
      const state = await stack.engine.readState();
      if (up.ok) await stack.engine.destroy();
      return { up, stateFile, state, logs: stack.engine.hostLogs().join("\n") };
    } finally {
      await stack.close();
    }
  }

  it.each<Credentials>(["basic", "bearer"])("works with %s authentication; the credential is nowhere in state", async (kind) => {
    const { up, stateFile, state } = await upWith(kind);
    expect(up.ok, up.report).toBe(true);
    const key = state.resources.find((r) => r.type.endsWith(":CrossClusterApiKey"))!;
    expect(key.inputs.__provider).toBeDefined();
    for (const secret of emulator.issuedSecrets()) expect(stateFile).not.toContain(secret);
    // __provider is the thin shim: it names the module to load and nothing else.
    expect(String(key.inputs.__provider)).toContain("pulumi-elastic-keys/runtime/crossClusterApiKey");
    expect(String(key.inputs.__provider).length).toBeLessThanOrEqual(2048);
  });

  it("API-key authentication is refused by Elasticsearch; the error says which credential to use instead", async () => {
    const before = crossClusterKeys(emulator).length;
    const { up, logs } = await upWith("apiKey");
    expect(up.ok).toBe(false);
    expect(up.report).toMatch(/elastic:username/);
    expect(up.report).toMatch(/bearer token/);
    expect(crossClusterKeys(emulator)).toHaveLength(before);
    for (const secret of emulator.issuedSecrets()) {
      expect(up.report).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });

  it("a user without manage_security gets a message naming the privilege", async () => {
    const { up } = await upWith("apiKeyAdmin");
    expect(up.ok).toBe(false);
    expect(up.report).toContain("manage_security");
  });

  it("environment variables are used when there is no stack config, and stack config wins over them", async () => {
    const { username, password } = emulator.credentials.superuser;
    const stack = await startTestStack(program, { emulator, env: { ELASTICSEARCH_URL: "http://127.0.0.1:1", ELASTICSEARCH_USERNAME: username, ELASTICSEARCH_PASSWORD: password } });
    try {
      // Stack config (the emulator's URL) wins over ELASTICSEARCH_URL (a closed port).
      const up = await stack.engine.up();
      expect(up.ok, up.report).toBe(true);
      // Without stack config the environment is used: the closed port is tried, and the error names it. A plain
      // refresh would still use the config saved in the state at the last up (as `pulumi refresh` does): only
      // `--run-program` configures the provider with the current (empty) config.
      stack.engine.options.config = {};
      expect((await stack.engine.refresh()).ok).toBe(true);
      const refresh = await stack.engine.refresh({ runProgram: true });
      expect(refresh.ok).toBe(false);
      expect(refresh.report).toMatch(/127\.0\.0\.1:1/);
      stack.engine.options.env = { ...stack.engine.options.env, ELASTICSEARCH_URL: emulator.esUrl };
      const destroy = await stack.engine.destroy({ runProgram: true });
      expect(destroy.ok, destroy.report).toBe(true);
    } finally {
      await stack.close();
    }
  });

  it("no credentials at all: one message listing both ways to set them", async () => {
    const stack = await startTestStack(program, { emulator });
    try {
      stack.engine.options.config = { "elastic:endpoint": { value: emulator.esUrl } };
      const up = await stack.engine.up();
      expect(up.ok).toBe(false);
      expect(up.report).toContain("elastic:password");
      expect(up.report).toContain("ELASTICSEARCH_USERNAME");
    } finally {
      await stack.close();
    }
  });
});
