import { createHash, X509Certificate } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import {
  type CloudClientOptions,
  codeUnitName,
  controlCharacterAt,
  DEFAULT_CLOUD_ENDPOINT,
  DEFAULT_TIMEOUTS,
  type ElasticsearchClientOptions,
  InvalidOptionsError,
  loneSurrogateAt,
  parseDurationMs,
  type TimeoutOptions,
} from "../sdk";
import { cloudAuthorization, type ElasticsearchAuth, elasticsearchAuthorization } from "../sdk/auth";
import { parseEndpoint, resolveTimeouts } from "../sdk/options";
import { tlsConnectOptions } from "../sdk/tls";
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
    /**
     * True when a setting is absent rather than wrong. Preview does not report those: it may run where credentials
     * are injected later (CI that only hands secrets to `up`), and `up` reports them before any request.
     */
    readonly missing = false,
  ) {
    super(message);
  }
}

/** What is wrong with the settings, in the order a user would fix them. Messages never contain a credential. */
type Problems = ConnectionConfigError[];

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

/** A URL as it may be shown: credentials, query and fragment replaced by `…` (any of them may hold a secret). */
function displayUrl(url: string): string {
  return JSON.stringify(url.replace(/^([^/?#@]*\/\/)?[^/?#@]*@/, "$1…@").replace(/([?#])[\s\S]*$/, "$1…"));
}

/**
 * What is wrong with an endpoint URL, or `undefined`. The same rules as the sdk's (`parseEndpoint`), worded for
 * whoever set it; surrounding whitespace is allowed (the sdk trims it) but nothing hidden inside, which the URL
 * parser would silently drop.
 */
function urlProblem(raw: string, example: string): string | undefined {
  const url = raw.trim();
  const shown = displayUrl(url);
  if (url === "") return `is empty; give a URL such as ${example}`;
  if (controlCharacterAt(url) >= 0 || /\s/.test(url) || loneSurrogateAt(url) >= 0)
    return `${shown} contains whitespace or a control character (a line break pasted with it?); remove it`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return `${shown} has no scheme; write it with https:// (or http:// without TLS), e.g. ${example}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${shown} is not a valid URL; write it like ${example}`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `${shown} uses ${parsed.protocol}//; only https:// (or http:// without TLS) is supported, e.g. ${example}`;
  if (parsed.username || parsed.password)
    return `${shown} must not contain credentials; remove user:password@ and set the username/password settings (for stack config: pulumi config set --secret elastic:password …)`;
  if (parsed.search || parsed.hash) return `${shown} must not contain a query string or fragment; remove the part from ? or # on (a path prefix is fine)`;
  return undefined;
}

/** Runs one of the sdk's own option checks, so that preview refuses whatever the client would refuse at `up`. */
function sdkCheck(problems: Problems, source: string, check: () => unknown): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err;
    // The sdk's messages never echo option values; only its own option name is replaced by the user's setting.
    problems.push(new ConnectionConfigError(source, `${source}: ${err.message.replace(/^Invalid option [^:]*: /, "")}`));
  }
}

function checkUrls(problems: Problems, urls: readonly string[], source: string, option: string, example: string): void {
  urls.forEach((url, i) => {
    const where = urls.length > 1 ? `${source}[${i}]` : source;
    const problem = urlProblem(url, example);
    if (problem) problems.push(new ConnectionConfigError(source, `${where}: ${problem}`));
    else sdkCheck(problems, source, () => parseEndpoint(url, option));
  });
}

/** Why a single-token credential (API key, bearer token, Cloud API key) cannot be sent as it is, without showing it. */
function tokenProblem(setting: Setting, scheme: "Bearer" | "ApiKey"): string | undefined {
  const v = setting.value;
  if (v.toLowerCase().startsWith(`${scheme.toLowerCase()} `))
    return `${setting.source} must be the credential alone, without the "${scheme} " prefix`;
  const odd = /[^\x21-\x7e]/.exec(v);
  if (!odd) return undefined;
  if (/[\s\u0000-\u001f\u007f]/.test(odd[0]))
    return `${setting.source} contains whitespace or a control character at position ${odd.index} (a trailing newline from a file?); set it again without it (the value is not shown)`;
  return `${setting.source} contains a character outside printable ASCII (${codeUnitName(v, odd.index)} at position ${odd.index}), which no Elastic credential has; set it again (the value is not shown)`;
}

/** An Elasticsearch API key must be in its `encoded` form: base64 of `id:api_key`. */
function apiKeyProblem(setting: Setting): string | undefined {
  const token = tokenProblem(setting, "ApiKey");
  if (token) return token;
  const fix = 'give the "encoded" field of the create API key response (base64 of id:api_key)';
  if (setting.value.includes(":")) return `${setting.source} looks like "id:api_key" rather than its encoded form; ${fix}`;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(setting.value) && !Buffer.from(setting.value, "base64").toString("latin1").includes(":"))
    return `${setting.source} is not an encoded API key (it does not decode to "id:api_key"; is it the "api_key" field alone?); ${fix}`;
  return undefined;
}

/** Where the password goes for a username set at `source`, as the fix to give. */
function passwordSettingFor(source: string): string {
  if (source.startsWith("connection.")) return "connection.password";
  if (source.startsWith("elastic:")) return "elastic:password (pulumi config set --secret elastic:password …)";
  return "ELASTICSEARCH_PASSWORD";
}

function credentialProblems(problems: Problems, username?: Setting, password?: Setting, bearer?: Setting, apiKey?: Setting): void {
  const wrong = (setting: Setting, message: string) => problems.push(new ConnectionConfigError(setting.source, message));
  if (username) {
    if (username.value.includes(":"))
      wrong(username, `${username.source} must not contain ":" (was "user:password" written into it?); put the password in ${passwordSettingFor(username.source)}`);
    else if (controlCharacterAt(username.value) >= 0 || loneSurrogateAt(username.value) >= 0)
      wrong(username, `${username.source} contains a control character or a character with no UTF-8 form (a trailing newline?); set it again without it`);
  }
  if (password && (controlCharacterAt(password.value) >= 0 || loneSurrogateAt(password.value) >= 0))
    wrong(password, `${password.source} contains a line break or other control character, or a character with no UTF-8 form (a trailing newline from a file?); set it again without it (the value is not shown)`);
  const bearerProblem = bearer && tokenProblem(bearer, "Bearer");
  if (bearer && bearerProblem) wrong(bearer, bearerProblem);
  const keyProblem = apiKey && apiKeyProblem(apiKey);
  if (apiKey && keyProblem) wrong(apiKey, keyProblem);
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM text a `caCert` setting stands for (the text itself, or the file it names), or `undefined` after adding the problem. */
function readCa(problems: Problems, setting: Setting): string | undefined {
  const wrong = (message: string) => {
    problems.push(new ConnectionConfigError(setting.source, `${setting.source}: ${message}`));
    return undefined;
  };
  const inline = setting.value.includes("-----BEGIN");
  const what = inline ? "the PEM text" : `CA certificate file ${JSON.stringify(setting.value)}`;
  let pem = setting.value;
  if (!inline) {
    try {
      if (statSync(setting.value).isDirectory()) return wrong(`${what} is a directory; give the path of the PEM file in it, or the PEM text itself`);
      pem = readFileSync(setting.value, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return wrong(`${what} does not exist; give the path of a PEM file or the PEM text itself`);
      return wrong(`${what} cannot be read (${code ?? "unknown error"}); check its permissions`);
    }
  }
  const blocks = pem.match(PEM_CERT);
  if (!blocks) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
      return wrong(`${what} holds a private key, not a certificate; give the CA certificate (-----BEGIN CERTIFICATE-----) that signed the cluster's certificate`);
    return wrong(`${what} is not a PEM certificate (no -----BEGIN CERTIFICATE----- block); give the CA certificate in PEM form`);
  }
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return wrong(`certificate #${i + 1} of ${what} cannot be parsed; check that the PEM text is complete and not corrupted`);
    }
  }
  return pem;
}

function readBoolean(problems: Problems, setting: Setting | undefined): boolean | undefined {
  if (!setting) return undefined;
  const v = setting.value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  problems.push(new ConnectionConfigError(setting.source, `${setting.source} must be true or false, got ${JSON.stringify(setting.value)}`));
  return undefined;
}

function tlsOptions(problems: Problems, override: ConnectionInput | undefined): { caCert?: string; insecure?: boolean } {
  const ca = pick(override?.caCert, "caCert", "caCert", ["ELASTICSEARCH_CA_CERT"]);
  const insecureSetting =
    override?.insecure !== undefined ? { value: String(override.insecure), source: "connection.insecure" } : fromConfigOrEnv("insecure", ["ELASTICSEARCH_INSECURE"]);
  const insecure = readBoolean(problems, insecureSetting);
  const caCert = ca && readCa(problems, ca);
  if (insecure && ca && insecureSetting) {
    problems.push(
      new ConnectionConfigError(
        insecureSetting.source,
        `${insecureSetting.source} is true while a CA certificate is set (${ca.source}): with verification off the CA would be ignored; keep one of them`,
      ),
    );
    return {};
  }
  const options = { ...(caCert ? { caCert } : {}), ...(insecure !== undefined ? { insecure } : {}) };
  sdkCheck(problems, ca?.source ?? insecureSetting?.source ?? "elastic:caCert", () => tlsConnectOptions(options));
  return options;
}

/** Node's timers cannot wait longer than 2^31-1 ms (~24.8 days); a longer timeout would fire at once. */
const MAX_REQUEST_TIMEOUT_MS = 24 * 86_400_000;

/**
 * How long one request may wait for an answer (`elastic:requestTimeout` or ELASTIC_REQUEST_TIMEOUT, a duration such
 * as "30s"), for both APIs. A request that times out is retried when that is safe, exactly like a dropped connection,
 * so a short value suits CI jobs that would rather fail fast than wait on a stuck proxy. Default: the sdk's 30 s.
 */
function timeouts(problems: Problems): TimeoutOptions | undefined {
  const setting = fromConfigOrEnv("requestTimeout", ["ELASTIC_REQUEST_TIMEOUT"]);
  if (!setting) return undefined;
  const ms = parseDurationMs(setting.value.trim());
  // Below 1 ms the sdk's timers would round to 0, which undici reads as "no timeout at all".
  if (ms === undefined || ms < 1 || ms > MAX_REQUEST_TIMEOUT_MS) {
    problems.push(
      new ConnectionConfigError(
        setting.source,
        `${setting.source} must be a positive duration from 1ms to 24d such as "30s" or "2m" (units: ms, s, m, h, d), got ${JSON.stringify(setting.value)}`,
      ),
    );
    return undefined;
  }
  // Connecting never needs longer than the sdk's default, whatever the answer may take.
  const configured = { connectMs: Math.min(ms, DEFAULT_TIMEOUTS.connectMs), headersMs: ms, bodyMs: ms };
  sdkCheck(problems, setting.source, () => resolveTimeouts(configured));
  return configured;
}

type Resolved<T> = { options: T; problems: [] } | { options?: undefined; problems: Problems };

/** Every Elasticsearch setting checked (wrong ones and missing ones), and the options when nothing is amiss. */
function resolveElasticsearch(override: ConnectionInput | undefined): Resolved<ElasticsearchClientOptions> {
  const problems: Problems = [];
  const endpoints = endpointsOf(override);
  if (!endpoints) {
    problems.push(
      new ConnectionConfigError(
        "elastic:endpoint",
        "No Elasticsearch endpoint configured: set stack config `elastic:endpoint` (pulumi config set elastic:endpoint https://…), " +
          "or the environment variable ELASTICSEARCH_ENDPOINTS (comma-separated) or ELASTICSEARCH_URL, or the resource's connection.endpoints",
        true,
      ),
    );
  } else if (endpoints.urls.length === 0) {
    problems.push(new ConnectionConfigError(endpoints.source, `${endpoints.source} lists no URL; give at least one, e.g. https://localhost:9200 (separate several with commas)`));
  } else {
    checkUrls(problems, endpoints.urls, endpoints.source, "endpoints", "https://my-cluster.example.com:9243");
  }

  const username = pick(override?.username, "username", "username", ["ELASTICSEARCH_USERNAME"]);
  const password = pick(override?.password, "password", "password", ["ELASTICSEARCH_PASSWORD"]);
  const bearer = pick(override?.bearerToken, "bearerToken", "bearerToken", ["ELASTICSEARCH_BEARER_TOKEN"]);
  const apiKey = pick(override?.apiKey, "apiKey", "apiKey", ["ELASTICSEARCH_API_KEY"]);
  const before = problems.length;
  // Every credential that is set is checked, even one that another takes precedence over: it is still wrong.
  credentialProblems(problems, username, password, bearer, apiKey);
  // Basic and bearer first: Elasticsearch refuses API-key authentication for cross-cluster API key calls.
  const auth: ElasticsearchAuth | undefined =
    username && password
      ? { type: "basic", username: username.value, password: password.value }
      : bearer
        ? { type: "bearer", token: bearer.value }
        : apiKey
          ? { type: "apiKey", encoded: apiKey.value }
          : undefined;
  if (username && !password) {
    // Missing, not wrong: the password may well be injected (ELASTICSEARCH_PASSWORD) only where `up` runs.
    problems.push(new ConnectionConfigError(username.source, `${username.source} is set but no password is: ${HOW_TO_SET_ES_AUTH}`, true));
  } else if (!auth) {
    problems.push(new ConnectionConfigError("elastic:username", `No Elasticsearch credentials configured: ${HOW_TO_SET_ES_AUTH}`, true));
  } else if (problems.length === before) {
    const source = auth.type === "basic" ? (username?.source ?? "elastic:username") : auth.type === "bearer" ? (bearer?.source ?? "elastic:bearerToken") : (apiKey?.source ?? "elastic:apiKey");
    sdkCheck(problems, source, () => elasticsearchAuthorization(auth));
  }

  const tls = tlsOptions(problems, override);
  const timeoutOptions = timeouts(problems);
  if (problems.length > 0 || !endpoints || !auth) return { problems };
  return { options: { endpoints: endpoints.urls, auth, ...tls, ...(timeoutOptions ? { timeouts: timeoutOptions } : {}) }, problems: [] };
}

/** Every Elastic Cloud setting checked, and the options when nothing is amiss. */
function resolveCloud(override: ConnectionInput | undefined): Resolved<CloudClientOptions> {
  const problems: Problems = [];
  const endpoint = pick(override?.cloudEndpoint, "cloudEndpoint", "cloudEndpoint", ["EC_ENDPOINT", "EC_HOST"]);
  if (endpoint) {
    const before = problems.length;
    checkUrls(problems, [endpoint.value], endpoint.source, "endpoint", DEFAULT_CLOUD_ENDPOINT);
    if (problems.length === before && /\/api\/v1\/*$/.test(new URL(endpoint.value.trim()).pathname))
      problems.push(
        new ConnectionConfigError(endpoint.source, `${endpoint.source} must be the Cloud API's base URL without /api/v1 (the client adds it), e.g. ${DEFAULT_CLOUD_ENDPOINT}`),
      );
  }
  const apiKey = pick(override?.cloudApiKey, "cloudApiKey", "cloudApiKey", ["EC_API_KEY"]);
  if (!apiKey) {
    problems.push(
      new ConnectionConfigError(
        "elastic:cloudApiKey",
        "No Elastic Cloud API key configured: set stack config `elastic:cloudApiKey` (pulumi config set --secret elastic:cloudApiKey …) " +
          "or the environment variable EC_API_KEY, or the resource's connection.cloudApiKey",
        true,
      ),
    );
  } else {
    const problem = tokenProblem(apiKey, "ApiKey");
    if (problem) problems.push(new ConnectionConfigError(apiKey.source, problem));
    else sdkCheck(problems, apiKey.source, () => cloudAuthorization(apiKey.value));
  }
  const timeoutOptions = timeouts(problems);
  if (problems.length > 0 || !apiKey) return { problems };
  const options = { endpoint: endpoint?.value.trim() ?? DEFAULT_CLOUD_ENDPOINT, apiKey: apiKey.value };
  return { options: timeoutOptions ? { ...options, timeouts: timeoutOptions } : options, problems: [] };
}

/** The options, or the first problem thrown: a wrong setting before a missing one, since fixing it comes first. */
function orThrow<T>(resolved: Resolved<T>): T {
  if (resolved.options !== undefined) return resolved.options;
  const first = resolved.problems.find((p) => !p.missing) ?? resolved.problems[0];
  throw first ?? new Error("connection settings could not be resolved");
}

/** Connection options for Elasticsearch. Throws ConnectionConfigError naming the setting and how to fix it. */
export function elasticsearchOptions(override?: ConnectionInput): ElasticsearchClientOptions {
  return orThrow(resolveElasticsearch(override));
}

/** Connection options for the Elastic Cloud API. */
export function cloudOptions(override?: ConnectionInput): CloudClientOptions {
  return orThrow(resolveCloud(override));
}

/**
 * The same checks as the resolvers, as CheckFailures, for preview: every setting that is present but wrong, each
 * named as the user wrote it (`elastic:endpoint`, `connection.caCert`, `ELASTICSEARCH_URL`). Missing settings are
 * not reported (a preview may run where credentials are injected later); `up` reports them before any request.
 */
export function connectionCheckFailures(override: ConnectionInput | undefined, target: "elasticsearch" | "cloud"): CheckFailure[] {
  const { problems } = target === "elasticsearch" ? resolveElasticsearch(override) : resolveCloud(override);
  return problems.filter((p) => !p.missing).map((p) => ({ property: p.property, reason: p.message }));
}

/** A stable key for caching clients (and their keep-alive pools) per distinct connection, without keeping secrets in the key. */
export function connectionKey(options: unknown): string {
  return createHash("sha256").update(JSON.stringify(options)).digest("hex");
}
