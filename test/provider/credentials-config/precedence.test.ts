import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type ConnectionArgs, CrossClusterApiKey } from "../../../provider";
import { type Emulator, startEmulator } from "../../emulator";
import { crossClusterKeys } from "../../support/elastic";
import { REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";

const fixture = (name: string) => path.join(REPO_ROOT, "test/fixtures/tls", name);

/**
 * Stack config names cluster A with its credentials; a resource's `connection` names cluster B. The credential that
 * is used is the most specific one as a whole, and A's credentials never travel to B.
 */
describe("which credential is sent where (stack config for cluster A, connection for cluster B)", () => {
  let a: Emulator;
  let b: Emulator;
  let tlsB: Emulator;
  let stack: TestStack;
  let connection: ConnectionArgs | undefined;
  let cloud = false;

  beforeAll(async () => {
    [a, b, tlsB] = await Promise.all([
      startEmulator(),
      startEmulator(),
      startEmulator({ tls: { key: readFileSync(fixture("server.key"), "utf8"), cert: readFileSync(fixture("server.crt"), "utf8") } }),
    ]);
    stack = await startTestStack(
      () => {
        if (cloud) new CloudConnectedClusterApiKey("cloud", { clusterId: b.defaultClusterId, connection: connection! });
        else new CrossClusterApiKey("k", { access: { search: [{ names: ["logs-*"] }] }, connection: connection! });
      },
      { emulator: a },
    );
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([a?.close(), b?.close(), tlsB?.close()]);
  });

  const unauthorized = (e: Emulator) => e.requests().filter((r) => r.status === 401);

  it.each([
    ["bearerToken", () => ({ bearerToken: b.credentials.bearerToken })],
    ["username and password", () => ({ username: b.credentials.superuser.username, password: b.credentials.superuser.password })],
  ])("connection.%s wins as a whole over the stack's elastic:username/elastic:password", async (_kind, credential) => {
    connection = { endpoints: [b.esUrl], ...credential() };
    a.resetStats();
    b.resetStats();
    const up = await stack.engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(unauthorized(b), "requests B refused: the stack's password was sent to it").toEqual([]);
    expect(crossClusterKeys(b).filter((k) => !k.invalidated)).toHaveLength(1);
    expect(a.requests()).toEqual([]);
    expect((await stack.engine.destroy()).ok).toBe(true);
  });

  it("connection.endpoints alone (no credential of its own) is refused at preview: the stack's credentials are never sent to B", async () => {
    connection = { endpoints: [b.esUrl] };
    a.resetStats();
    b.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok).toBe(false);
    expect(preview.errors.map((e) => e.property)).toContain("connection.endpoints");
    expect(preview.report).toContain("connection.bearerToken");
    expect([...a.requests(), ...b.requests()]).toEqual([]);
  });

  it("connection.endpoints naming the stack's own endpoint may use the stack's credentials", async () => {
    connection = { endpoints: [`${a.esUrl}/`] };
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
  });

  it("connection.cloudEndpoint alone is refused at preview: the stack's Cloud API key is never sent there", async () => {
    cloud = true;
    try {
      connection = { cloudEndpoint: b.cloudUrl };
      b.resetStats();
      const preview = await stack.engine.preview();
      expect(preview.ok).toBe(false);
      expect(preview.errors.map((e) => e.property)).toContain("connection.cloudEndpoint");
      expect(b.requests()).toEqual([]);
      connection = { cloudEndpoint: b.cloudUrl, cloudApiKey: b.credentials.cloudApiKey };
      const up = await stack.engine.up();
      expect(up.ok, up.report).toBe(true);
      expect(unauthorized(b)).toEqual([]);
      expect((await stack.engine.destroy()).ok).toBe(true);
    } finally {
      cloud = false;
    }
  });

  it("connection.caCert overrides the stack's elastic:insecure (TLS settings as a whole, per resource)", async () => {
    const config = stack.engine.options.config!;
    stack.engine.options.config = { ...config, "elastic:insecure": { value: "true" } };
    try {
      connection = {
        endpoints: [tlsB.esUrl.replace("127.0.0.1", "localhost")],
        username: tlsB.credentials.superuser.username,
        password: tlsB.credentials.superuser.password,
        caCert: fixture("server.crt"),
      };
      const up = await stack.engine.up();
      expect(up.ok, up.report).toBe(true);
      expect(crossClusterKeys(tlsB).filter((k) => !k.invalidated)).toHaveLength(1);
      expect((await stack.engine.destroy()).ok).toBe(true);
    } finally {
      stack.engine.options.config = config;
    }
  });

  it("the stack's elastic:insecure does not switch off verification for a cluster only connection names", async () => {
    const config = stack.engine.options.config!;
    stack.engine.options.config = { ...config, "elastic:insecure": { value: "true" } };
    try {
      connection = { endpoints: [tlsB.esUrl], bearerToken: tlsB.credentials.bearerToken };
      tlsB.resetStats();
      const up = await stack.engine.up();
      expect(up.ok).toBe(false);
      expect(up.report).toContain("TLS certificate was not accepted");
      expect(tlsB.requests()).toEqual([]);
    } finally {
      stack.engine.options.config = config;
    }
  });
});
