import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type ConnectionArgs, CrossClusterApiKey } from "../../../provider";
import type { EngineOptions } from "../../engine";
import { expectRejectedAtPreview } from "../../support/preview";
import { CLEARED_ENV, REPO_ROOT, startTestStack, type TestStack } from "../../support/stack";

type Config = NonNullable<EngineOptions["config"]>;

/** One way of getting the connection settings wrong, through stack config, the environment or the `connection` input. */
interface Setup {
  /** Stack config keys to set (plain, not secret: only the provider's own discipline may keep a value out of the output), or to remove (`null`). */
  config?: Record<string, string | null>;
  env?: Record<string, string>;
  /** The `connection` input of the Elasticsearch resource. */
  es?: ConnectionArgs;
  /** The `connection` input of the Cloud resource. */
  cloud?: ConnectionArgs;
  /** A value that must appear nowhere in the preview's report or the host's logs (a credential, or text holding one). */
  hidden?: string;
}

const PEM_TEXT_NOT_A_CERTIFICATE = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
const FILE_NOT_PEM = path.join(REPO_ROOT, "package.json");
const PRIVATE_KEY = path.join(REPO_ROOT, "test/fixtures/tls/server.key");
const CERTIFICATE = path.join(REPO_ROOT, "test/fixtures/tls/server.crt");
const DIRECTORY = path.join(REPO_ROOT, "test/fixtures");

/** Each row: settings that are present but wrong, and the setting preview must name (the config key, variable or input path). */
const cases: Array<[string, Setup, string]> = [
  // elastic:endpoint
  ["elastic:endpoint without a scheme", { config: { "elastic:endpoint": "localhost:9200" } }, "elastic:endpoint"],
  [
    "elastic:endpoint with credentials in the URL (never shown)",
    { config: { "elastic:endpoint": "https://elastic:Url-Password-41@localhost:9200" }, hidden: "Url-Password-41" },
    "elastic:endpoint",
  ],
  [
    "elastic:endpoint with a query string (never shown)",
    { config: { "elastic:endpoint": "https://localhost:9200/?api_key=Query-Secret-42" }, hidden: "Query-Secret-42" },
    "elastic:endpoint",
  ],
  ["elastic:endpoint with a fragment", { config: { "elastic:endpoint": "https://localhost:9200/#cluster" } }, "elastic:endpoint"],
  ["elastic:endpoint with the ftp:// scheme", { config: { "elastic:endpoint": "ftp://localhost:9200" } }, "elastic:endpoint"],
  ["elastic:endpoint whose second URL has no scheme", { config: { "elastic:endpoint": "https://a.example.com:9200,b.example.com:9200" } }, "elastic:endpoint"],
  ["elastic:endpoint of separators only", { config: { "elastic:endpoint": " , " } }, "elastic:endpoint"],
  ["elastic:endpoint with a tab inside (the URL parser would drop it)", { config: { "elastic:endpoint": "https://local\thost:9200" } }, "elastic:endpoint"],
  // elastic:caCert, elastic:insecure
  ["elastic:caCert naming a file that does not exist", { config: { "elastic:caCert": "/nonexistent/elastic-ca.pem" } }, "elastic:caCert"],
  ["elastic:caCert naming a file that is not PEM", { config: { "elastic:caCert": FILE_NOT_PEM } }, "elastic:caCert"],
  ["elastic:caCert naming a directory", { config: { "elastic:caCert": DIRECTORY } }, "elastic:caCert"],
  ["elastic:caCert naming a private key instead of a certificate", { config: { "elastic:caCert": PRIVATE_KEY } }, "elastic:caCert"],
  ["elastic:caCert PEM text that does not parse", { config: { "elastic:caCert": PEM_TEXT_NOT_A_CERTIFICATE } }, "elastic:caCert"],
  ["elastic:insecure = maybe", { config: { "elastic:insecure": "maybe" } }, "elastic:insecure"],
  ["elastic:insecure = true together with elastic:caCert", { config: { "elastic:insecure": "true", "elastic:caCert": CERTIFICATE } }, "elastic:insecure"],
  // elastic:requestTimeout
  ["elastic:requestTimeout = soon", { config: { "elastic:requestTimeout": "soon" } }, "elastic:requestTimeout"],
  ["elastic:requestTimeout = 0s", { config: { "elastic:requestTimeout": "0s" } }, "elastic:requestTimeout"],
  ["elastic:requestTimeout = -1s", { config: { "elastic:requestTimeout": "-1s" } }, "elastic:requestTimeout"],
  ["elastic:requestTimeout without a unit", { config: { "elastic:requestTimeout": "30" } }, "elastic:requestTimeout"],
  ["elastic:requestTimeout below 1 ms (undici would read 0 as no timeout)", { config: { "elastic:requestTimeout": "500micros" } }, "elastic:requestTimeout"],
  ["elastic:requestTimeout beyond Node's timer limit", { config: { "elastic:requestTimeout": "30d" } }, "elastic:requestTimeout"],
  // elastic:cloudEndpoint, elastic:cloudApiKey
  ["elastic:cloudEndpoint without a scheme", { config: { "elastic:cloudEndpoint": "api.elastic-cloud.com" } }, "elastic:cloudEndpoint"],
  ["elastic:cloudEndpoint ending in /api/v1 (the client adds it)", { config: { "elastic:cloudEndpoint": "https://api.elastic-cloud.com/api/v1" } }, "elastic:cloudEndpoint"],
  [
    "elastic:cloudEndpoint with credentials in the URL (never shown)",
    { config: { "elastic:cloudEndpoint": "https://ops:Cloud-Url-Pass-43@api.elastic-cloud.com" }, hidden: "Cloud-Url-Pass-43" },
    "elastic:cloudEndpoint",
  ],
  [
    "elastic:cloudApiKey with typographic quotes (never shown)",
    { config: { "elastic:cloudApiKey": "\u201cCloud-Key-Quoted-44\u201d" }, hidden: "Cloud-Key-Quoted-44" },
    "elastic:cloudApiKey",
  ],
  // credentials
  [
    'elastic:username holding "user:password" (never shown)',
    { config: { "elastic:username": "elastic:Colon-Password-45" }, hidden: "Colon-Password-45" },
    "elastic:username",
  ],
  [
    "elastic:password with a trailing newline (never shown)",
    { config: { "elastic:password": "Plain-Password-46\n" }, hidden: "Plain-Password-46" },
    "elastic:password",
  ],
  [
    'elastic:apiKey in its "id:api_key" form (never shown)',
    { config: { "elastic:apiKey": "VuaCfGcBCdbkQm-e5aOx:Raw-Key-Part-47" }, hidden: "Raw-Key-Part-47" },
    "elastic:apiKey",
  ],
  [
    'elastic:apiKey that is only the "api_key" field (never shown)',
    { config: { "elastic:apiKey": "ui2lp2axTNmsyakw9tvNnw" }, hidden: "ui2lp2axTNmsyakw9tvNnw" },
    "elastic:apiKey",
  ],
  ['elastic:apiKey with its "ApiKey " prefix', { config: { "elastic:apiKey": "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" } }, "elastic:apiKey"],
  ['elastic:bearerToken with its "Bearer " prefix', { config: { "elastic:bearerToken": "Bearer dGhpcyBpcyBhIHRva2Vu" } }, "elastic:bearerToken"],
  [
    "elastic:bearerToken with a line break inside (never shown)",
    { config: { "elastic:bearerToken": "Bearer-Part-48\nsecond-line" }, hidden: "Bearer-Part-48" },
    "elastic:bearerToken",
  ],
  // the environment, when stack config does not set the key
  ["ELASTICSEARCH_URL without a scheme", { config: { "elastic:endpoint": null }, env: { ELASTICSEARCH_URL: "localhost:9200" } }, "ELASTICSEARCH_URL"],
  ["ELASTICSEARCH_INSECURE = maybe", { env: { ELASTICSEARCH_INSECURE: "maybe" } }, "ELASTICSEARCH_INSECURE"],
  ["EC_ENDPOINT without a scheme", { config: { "elastic:cloudEndpoint": null }, env: { EC_ENDPOINT: "api.elastic-cloud.com" } }, "EC_ENDPOINT"],
  ["ELASTIC_REQUEST_TIMEOUT = never", { env: { ELASTIC_REQUEST_TIMEOUT: "never" } }, "ELASTIC_REQUEST_TIMEOUT"],
  [
    "ELASTICSEARCH_PASSWORD with a trailing newline (never shown)",
    {
      config: { "elastic:username": null, "elastic:password": null },
      env: { ELASTICSEARCH_USERNAME: "elastic", ELASTICSEARCH_PASSWORD: "Env-Password-49\n" },
      hidden: "Env-Password-49",
    },
    "ELASTICSEARCH_PASSWORD",
  ],
  // the resource's connection input, which wins over both
  ["connection.endpoints whose second URL is ftp://", { es: { endpoints: ["https://a.example.com:9200", "ftp://b.example.com"] } }, "connection.endpoints"],
  ["connection.caCert naming a file that does not exist", { es: { caCert: "/nonexistent/connection-ca.pem" } }, "connection.caCert"],
  ["connection.caCert naming a private key", { es: { caCert: PRIVATE_KEY } }, "connection.caCert"],
  ["connection.password with a trailing newline", { es: { password: "Input-Password-50\n" }, hidden: "Input-Password-50" }, "connection.password"],
  ['connection.username holding "user:password"', { es: { username: "elastic:Input-Colon-51" }, hidden: "Input-Colon-51" }, "connection.username"],
  ["connection.bearerToken with a space inside", { es: { bearerToken: "two words" } }, "connection.bearerToken"],
  ["connection.insecure given as a string", { es: { insecure: "true" as never } }, "connection.insecure"],
  ["connection.cloudEndpoint without a scheme", { cloud: { cloudEndpoint: "api.elastic-cloud.com" } }, "connection.cloudEndpoint"],
  ['connection.cloudApiKey with its "ApiKey " prefix', { cloud: { cloudApiKey: "ApiKey Y2xvdWQta2V5" } }, "connection.cloudApiKey"],
];

describe("wrong connection settings (stack config, environment, connection input) are rejected at preview, naming the setting, with zero requests", () => {
  let stack: TestStack;
  let base: Config;
  let current: Setup = {};
  let esOnly = false;

  function apply(setup: Setup): void {
    current = setup;
    const config: Config = { ...base };
    for (const [key, value] of Object.entries(setup.config ?? {})) {
      if (value === null) delete config[key];
      else config[key] = { value };
    }
    stack.engine.options.config = config;
    stack.engine.options.env = { ...CLEARED_ENV, ELASTIC_REQUEST_TIMEOUT: undefined, ...setup.env };
  }

  beforeAll(async () => {
    stack = await startTestStack(() => {
      new CrossClusterApiKey("es", { access: { search: [{ names: ["logs-*"] }] }, ...(current.es ? { connection: current.es } : {}) });
      if (esOnly) return;
      new CloudConnectedClusterApiKey("cloud", { clusterId: stack.emulator.defaultClusterId, ...(current.cloud ? { connection: current.cloud } : {}) });
    });
    base = { ...stack.engine.options.config };
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(cases)("%s", async (_title, setup, property) => {
    apply(setup);
    const preview = await expectRejectedAtPreview(stack, { property });
    // The message names the setting, and says what to do about it rather than only that it is wrong.
    const reason = preview.errors.find((e) => e.property === property)?.message ?? "";
    expect(reason).toContain(property.replace(/\[\d+\]$/, ""));
    if (setup.hidden !== undefined) {
      expect(preview.report).not.toContain(setup.hidden);
      expect(stack.engine.hostLogs().join("\n")).not.toContain(setup.hidden);
    }
  });

  it("a username without a password is not reported at preview (the password may be injected where up runs); up refuses it before any request", async () => {
    apply({ config: { "elastic:password": null } });
    esOnly = true;
    try {
      stack.emulator.resetStats();
      const preview = await stack.engine.preview();
      expect(preview.ok, preview.report).toBe(true);
      const up = await stack.engine.up();
      expect(up.ok).toBe(false);
      expect(up.report).toContain("elastic:username is set but no password is");
      expect(up.report).toContain("elastic:password");
      expect(stack.emulator.stats().requests.total).toBe(0);
      expect((await stack.engine.readState()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))).toHaveLength(0);
    } finally {
      esOnly = false;
    }
  });

  it("a valid configuration passes preview with zero requests (the table is not failing for another reason)", async () => {
    apply({});
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });
});
