import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { type CloudClientOptions, DEFAULT_CLOUD_ENDPOINT, type ElasticsearchClientOptions } from "../sdk";
import type { CheckFailure } from "./checkFailures";
import type { ConnectionInput } from "./connection";

/**
 * Where connection settings come from, most specific first: the resource's `connection` input, the stack config
 * (Pulumi's convention: config wins over the environment), then the environment variables Elastic's Terraform
 * providers already use. Nothing here is ever captured in `__provider`: stack config arrives through the dynamic
 * provider's `configure()` and the environment is read at call time.
 */
export interface StackConfig {
  get(key: string): string | undefined;
}

let stackConfig: StackConfig | undefined;

/** Called from every resource's `configure()`; the host runs it once per provider text per process. */
export function rememberStackConfig(config: StackConfig): void {
  stackConfig = config;
}

interface Setting {
  value: string;
  /** Where the value came from, as the user would write it: `connection.endpoints`, `elastic:endpoint`, `ELASTICSEARCH_URL`. */
  source: string;
}

function fromConfigOrEnv(configKey: string, envNames: readonly string[]): Setting | undefined {
  const configured = stackConfig?.get(`elastic:${configKey}`);
  if (configured !== undefined && configured !== "") return { value: configured, source: `elastic:${configKey}` };
  for (const name of envNames) {
    const value = process.env[name];
    if (value !== undefined && value !== "") return { value, source: name };
  }
  return undefined;
}

function pick(override: string | undefined, field: string, configKey: string, envNames: readonly string[]): Setting | undefined {
  if (override !== undefined) return { value: override, source: `connection.${field}` };
  return fromConfigOrEnv(configKey, envNames);
}

export class ConnectionConfigError extends Error {
  override readonly name = "ConnectionConfigError";
  constructor(
    readonly property: string,
    message: string,
  ) {
    super(message);
  }
}

const HOW_TO_SET_ES_AUTH =
  "set stack config `elastic:username` and `elastic:password` (pulumi config set --secret elastic:password …), " +
  "or `elastic:bearerToken`, or `elastic:apiKey`; or the environment variables ELASTICSEARCH_USERNAME and " +
  "ELASTICSEARCH_PASSWORD, ELASTICSEARCH_BEARER_TOKEN, or ELASTICSEARCH_API_KEY";

function endpointsOf(override: ConnectionInput | undefined): { urls: string[]; source: string } | undefined {
  if (override?.endpoints) return { urls: override.endpoints, source: "connection.endpoints" };
  const setting = fromConfigOrEnv("endpoint", ["ELASTICSEARCH_ENDPOINTS", "ELASTICSEARCH_URL"]);
  if (!setting) return undefined;
  return { urls: setting.value.split(",").map((s) => s.trim()).filter(Boolean), source: setting.source };
}

function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL; write it with its scheme, e.g. https://my-cluster.example.com:9243`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `${JSON.stringify(url)} must start with http:// or https://`;
  }
  if (parsed.username || parsed.password) {
    return "credentials must not be written into the URL; use the username/password settings instead";
  }
  return undefined;
}

function readCa(setting: Setting): string {
  if (setting.value.includes("-----BEGIN")) return setting.value;
  if (!existsSync(setting.value)) {
    throw new ConnectionConfigError(setting.source, `${setting.source}: CA certificate file ${JSON.stringify(setting.value)} does not exist; give a PEM file path or the PEM text itself`);
  }
  const pem = readFileSync(setting.value, "utf8");
  if (!pem.includes("-----BEGIN")) {
    throw new ConnectionConfigError(setting.source, `${setting.source}: ${JSON.stringify(setting.value)} is not a PEM certificate`);
  }
  return pem;
}

function readBoolean(setting: Setting | undefined): boolean | undefined {
  if (!setting) return undefined;
  const v = setting.value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw new ConnectionConfigError(setting.source, `${setting.source} must be true or false, got ${JSON.stringify(setting.value)}`);
}

function tlsOptions(override: ConnectionInput | undefined): { caCert?: string; insecure?: boolean } {
  const ca = pick(override?.caCert, "caCert", "caCert", ["ELASTICSEARCH_CA_CERT"]);
  const insecure = override?.insecure ?? readBoolean(fromConfigOrEnv("insecure", ["ELASTICSEARCH_INSECURE"]));
  return { ...(ca ? { caCert: readCa(ca) } : {}), ...(insecure !== undefined ? { insecure } : {}) };
}

/** Connection options for Elasticsearch. Throws ConnectionConfigError naming the setting and how to fix it. */
export function elasticsearchOptions(override?: ConnectionInput): ElasticsearchClientOptions {
  const endpoints = endpointsOf(override);
  if (!endpoints || endpoints.urls.length === 0) {
    throw new ConnectionConfigError(
      "elastic:endpoint",
      "No Elasticsearch endpoint configured: set stack config `elastic:endpoint` (pulumi config set elastic:endpoint https://…), " +
        "or the environment variable ELASTICSEARCH_ENDPOINTS (comma-separated) or ELASTICSEARCH_URL, or the resource's connection.endpoints",
    );
  }
  for (const url of endpoints.urls) {
    const problem = urlProblem(url);
    if (problem) throw new ConnectionConfigError(endpoints.source, `${endpoints.source}: ${problem}`);
  }
  const username = pick(override?.username, "username", "username", ["ELASTICSEARCH_USERNAME"]);
  const password = pick(override?.password, "password", "password", ["ELASTICSEARCH_PASSWORD"]);
  const bearer = pick(override?.bearerToken, "bearerToken", "bearerToken", ["ELASTICSEARCH_BEARER_TOKEN"]);
  const apiKey = pick(override?.apiKey, "apiKey", "apiKey", ["ELASTICSEARCH_API_KEY"]);
  if (username && !password) {
    throw new ConnectionConfigError(username.source, `${username.source} is set but no password is: ${HOW_TO_SET_ES_AUTH}`);
  }
  // Basic and bearer first: Elasticsearch refuses API-key authentication for cross-cluster API key calls.
  const auth: ElasticsearchClientOptions["auth"] | undefined =
    username && password
      ? { type: "basic", username: username.value, password: password.value }
      : bearer
        ? { type: "bearer", token: bearer.value }
        : apiKey
          ? { type: "apiKey", encoded: apiKey.value }
          : undefined;
  if (!auth) {
    throw new ConnectionConfigError("elastic:username", `No Elasticsearch credentials configured: ${HOW_TO_SET_ES_AUTH}`);
  }
  return { endpoints: endpoints.urls, auth, ...tlsOptions(override) };
}

/** Connection options for the Elastic Cloud API. */
export function cloudOptions(override?: ConnectionInput): CloudClientOptions {
  const endpoint = pick(override?.cloudEndpoint, "cloudEndpoint", "cloudEndpoint", ["EC_ENDPOINT", "EC_HOST"]);
  const apiKey = pick(override?.cloudApiKey, "cloudApiKey", "cloudApiKey", ["EC_API_KEY"]);
  if (endpoint) {
    const problem = urlProblem(endpoint.value);
    if (problem) throw new ConnectionConfigError(endpoint.source, `${endpoint.source}: ${problem}`);
  }
  if (!apiKey) {
    throw new ConnectionConfigError(
      "elastic:cloudApiKey",
      "No Elastic Cloud API key configured: set stack config `elastic:cloudApiKey` (pulumi config set --secret elastic:cloudApiKey …) " +
        "or the environment variable EC_API_KEY, or the resource's connection.cloudApiKey",
    );
  }
  return { endpoint: endpoint?.value ?? DEFAULT_CLOUD_ENDPOINT, apiKey: apiKey.value };
}

/**
 * The same checks as the resolvers, as CheckFailures, for preview. Missing settings are not reported here (a
 * preview may run where credentials are injected later); settings that are present but wrong are.
 */
export function connectionCheckFailures(override: ConnectionInput | undefined, target: "elasticsearch" | "cloud"): CheckFailure[] {
  try {
    if (target === "elasticsearch") elasticsearchOptions(override);
    else cloudOptions(override);
    return [];
  } catch (err) {
    if (!(err instanceof ConnectionConfigError) || err.message.startsWith("No ")) return [];
    return [{ property: err.property, reason: err.message }];
  }
}

/** A stable key for caching clients (and their keep-alive pools) per distinct connection, without keeping secrets in the key. */
export function connectionKey(options: unknown): string {
  return createHash("sha256").update(JSON.stringify(options)).digest("hex");
}
