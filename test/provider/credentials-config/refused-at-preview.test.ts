import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKey, CloudConnectedClusterApiKey, CrossClusterApiKey } from "../../../provider";
import type { EngineOptions } from "../../engine";
import { expectRejectedAtPreview, itRejectsEachAtPreview, type RefusalRow } from "../../support/preview";
import { CLEARED_ENV, REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";

type Config = NonNullable<EngineOptions["config"]>;
const CERTIFICATE = path.join(REPO_ROOT, "test/fixtures/tls/server.crt");

let stack: TestStack;
let base: Config;
let declare: () => void = () => {};

beforeAll(async () => {
  stack = await startTestStack(() => declare());
  base = { ...stack.engine.options.config };
});
afterAll(async () => {
  await stack?.close();
});

function withConfig(changes: Record<string, string | null>): void {
  const config: Config = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete config[key];
    else config[key] = { value, secret: /password|apiKey/.test(key) };
  }
  stack.engine.options.config = config;
  stack.engine.options.env = { ...CLEARED_ENV };
}

const crossClusterKey = () => new CrossClusterApiKey("k", { access: { search: [{ names: ["logs-*"] }] } });

describe("an endpoint with credentials in it: no part of the password is ever shown", () => {
  // Each password holds a character that ends the URL parser's idea of the user info early.
  it.each([
    ["/", "Slash-Left-61", "Slash-Right-61"],
    ["?", "Query-Left-62", "Query-Right-62"],
    ["#", "Hash-Left-63", "Hash-Right-63"],
    ["@", "At-Left-64", "At-Right-64"],
  ])("a password containing %s", async (separator, left, right) => {
    declare = crossClusterKey;
    withConfig({ "elastic:endpoint": `https://elastic:${left}${separator}${right}@localhost:9200` });
    const preview = await expectRejectedAtPreview(stack, { property: "elastic:endpoint" });
    const printed = [preview.report, ...preview.errors.map((e) => e.message), ...stack.engine.hostLogs()].join("\n");
    for (const part of [left, right]) expect(printed).not.toContain(part);
  });
});

describe("a CA certificate with an http:// endpoint is refused (the CA would be ignored, the password sent in clear)", () => {
  it("elastic:caCert with elastic:endpoint http://…", async () => {
    declare = crossClusterKey;
    withConfig({ "elastic:caCert": CERTIFICATE });
    const preview = await expectRejectedAtPreview(stack, { property: "elastic:caCert" });
    expect(preview.report).toMatch(/use https:\/\/ in elastic:endpoint, or remove elastic:caCert/);
  });

  it("connection.caCert with connection.endpoints http://…", async () => {
    declare = () =>
      new CrossClusterApiKey("k", {
        access: { search: [{ names: ["logs-*"] }] },
        connection: { endpoints: [stack.emulator.esUrl], bearerToken: stack.emulator.credentials.bearerToken, caCert: CERTIFICATE },
      });
    withConfig({});
    const preview = await expectRejectedAtPreview(stack, { property: "connection.caCert" });
    expect(preview.report).toMatch(/use https:\/\/ in connection.endpoints, or remove connection.caCert/);
  });
});

describe("a CrossClusterApiKey whose only credential is an Elasticsearch API key", () => {
  it("is refused at preview with the words up would use", async () => {
    declare = crossClusterKey;
    withConfig({ "elastic:username": null, "elastic:password": null, "elastic:apiKey": stack.emulator.credentials.restApiKey.encoded });
    const preview = await expectRejectedAtPreview(stack, { property: "elastic:apiKey" });
    expect(preview.report).toContain("Elasticsearch does not let an API key create or update cross-cluster API keys");
    expect(preview.report).toContain("elastic:username + elastic:password");
  });

  it("an ApiKey with the same credential passes preview (Elasticsearch accepts API keys there)", async () => {
    declare = () => new ApiKey("plain", { name: "plain" });
    withConfig({ "elastic:username": null, "elastic:password": null, "elastic:apiKey": stack.emulator.credentials.restApiKey.encoded });
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
  });
});

describe("durations too short to be a usable lifetime are refused at preview, naming the smallest accepted value", () => {
  beforeAll(() => withConfig({}));
  const access = { search: [{ names: ["logs-*"] }] };
  const minimum = /the smallest accepted value is "1m"/;
  const rows: RefusalRow[] = [
    ['CrossClusterApiKey expiration "0"', (name) => new CrossClusterApiKey(name, { access, expiration: "0" }), { property: "expiration", message: minimum }],
    ['CrossClusterApiKey expiration "-1"', (name) => new CrossClusterApiKey(name, { access, expiration: "-1" }), { property: "expiration", message: minimum }],
    ['CrossClusterApiKey expiration "1nanos"', (name) => new CrossClusterApiKey(name, { access, expiration: "1nanos" }), { property: "expiration", message: minimum }],
    ['CrossClusterApiKey expiration "59s"', (name) => new CrossClusterApiKey(name, { access, expiration: "59s" }), { property: "expiration", message: minimum }],
    ['CrossClusterApiKey rotateAfter "30s"', (name) => new CrossClusterApiKey(name, { access, rotateAfter: "30s" }), { property: "rotateAfter", message: minimum }],
    ['ApiKey expiration "0"', (name) => new ApiKey(name, { name, expiration: "0" }), { property: "expiration", message: minimum }],
    ['ApiKey expiration "500ms"', (name) => new ApiKey(name, { name, expiration: "500ms" }), { property: "expiration", message: minimum }],
    [
      'CloudConnectedClusterApiKey rotateAfter "1ms"',
      (name) => new CloudConnectedClusterApiKey(name, { clusterId: stack.emulator.defaultClusterId, rotateAfter: "1ms" }),
      { property: "rotateAfter", message: minimum },
    ],
  ];
  itRejectsEachAtPreview(() => stack, rows);

  it('"1m" is accepted', async () => {
    declare = () => new CrossClusterApiKey("k", { access, expiration: "2m", rotateAfter: "1m" });
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
  });
});
