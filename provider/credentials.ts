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
import { stripStop } from "./text";
import { warnOnce } from "./warnOnce";

/**
 * Where connection settings come from, most specific first: the resource's `connection` input, the stack config
 * (Pulumi's convention: config wins over the environment), then the environment variables Elastic's Terraform
 * providers already use. Credentials and TLS settings are taken as a whole from one level (see the README's table),
 * so a stack's password never reaches a cluster only a resource's `connection` names. Nothing here is ever captured
 * in `__provider`: stack config arrives through the dynamic provider's `configure()` and the environment is read at
 * call time.
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

interface Endpoints {
  urls: string[];
  source: string;
}

function stackEndpoints(): Endpoints | undefined {
  const setting = fromConfigOrEnv("endpoint", ["ELASTICSEARCH_ENDPOINTS", "ELASTICSEARCH_URL"]);
  if (!setting) return undefined;
  return { urls: setting.value.split(",").map((s) => s.trim()).filter(Boolean), source: setting.source };
}

function endpointsOf(override: ConnectionInput | undefined): Endpoints | undefined {
  if (override?.endpoints) return { urls: override.endpoints, source: "connection.endpoints" };
  return stackEndpoints();
}

/** A URL compared as a request would go: scheme, host and port (default ports made explicit), path without the final `/`. */
function sameEndpoint(a: string, b: string): boolean {
  const key = (url: string) => {
    try {
      const u = new URL(url.trim());
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`.toLowerCase();
    } catch {
      return url.trim().toLowerCase();
    }
  };
  return key(a) === key(b);
}

/** True when `connection.endpoints` names a URL that the stack config and environment do not. */
function onlyConnectionNames(override: ConnectionInput | undefined): boolean {
  if (!override?.endpoints) return false;
  const stack = stackEndpoints()?.urls ?? [];
  return !override.endpoints.every((url) => stack.some((known) => sameEndpoint(url, known)));
}

/**
 * A URL as it may be shown: everything up to the last `@` (user, password, and any `/ ? # @` a password may hold,
 * which would end the URL parser's idea of the credentials early), and the query and fragment, replaced by `…`.
 */
function displayUrl(url: string): string {
  const at = url.lastIndexOf("@");
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? "";
  const rest = at >= 0 ? `${scheme}…@${url.slice(at + 1)}` : url;
  return JSON.stringify(rest.replace(/([?#])[\s\S]*$/, "$1…"));
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

/**
 * TLS settings as a whole from the most specific source: a resource that sets `connection.caCert` or
 * `connection.insecure` gets exactly those, never a stack-wide setting mixed in (a stack's `elastic:insecure` must not
 * switch off verification for a cluster only `connection` names, nor its CA stand against a connection's own).
 */
function tlsOptions(problems: Problems, override: ConnectionInput | undefined, endpoints: Endpoints | undefined): { caCert?: string; insecure?: boolean } {
  // A cluster only `connection.endpoints` names is not the one the stack's CA or `insecure` were set for.
  const own = override?.caCert !== undefined || override?.insecure !== undefined || onlyConnectionNames(override);
  const ca = own ? (override?.caCert !== undefined ? { value: override.caCert, source: "connection.caCert" } : undefined) : fromConfigOrEnv("caCert", ["ELASTICSEARCH_CA_CERT"]);
  const insecureSetting = own
    ? override?.insecure !== undefined
      ? { value: String(override.insecure), source: "connection.insecure" }
      : undefined
    : fromConfigOrEnv("insecure", ["ELASTICSEARCH_INSECURE"]);
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
  const plain = endpoints?.urls.find((url) => /^http:\/\//i.test(url.trim()));
  if (ca && plain !== undefined && endpoints)
    problems.push(
      new ConnectionConfigError(
        ca.source,
        `${ca.source} is set but ${endpoints.source} uses http:// (${displayUrl(plain.trim())}), where no certificate is checked and the credentials travel in clear text; use https:// in ${endpoints.source}, or remove ${ca.source}`,
      ),
    );
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

interface CredentialSettings {
  username?: Setting;
  password?: Setting;
  bearer?: Setting;
  apiKey?: Setting;
}

const CONNECTION_CREDENTIALS = ["username", "password", "bearerToken", "apiKey"] as const;

/**
 * The Elasticsearch credential, as a whole, from the most specific source that declares one: the resource's
 * `connection`, else the stack config and environment (field by field, config first, so a password injected only
 * where `up` runs still completes a configured username). The stack's credential is never sent to an endpoint that
 * only `connection.endpoints` names: that is another cluster's. `undefined` after adding that problem.
 */
function credentialSettings(problems: Problems, override: ConnectionInput | undefined): CredentialSettings | undefined {
  if (CONNECTION_CREDENTIALS.some((field) => override?.[field] !== undefined)) {
    const own = (field: (typeof CONNECTION_CREDENTIALS)[number]) => {
      const value = override?.[field];
      return value === undefined ? undefined : { value, source: `connection.${field}` };
    };
    return { username: own("username"), password: own("password"), bearer: own("bearerToken"), apiKey: own("apiKey") };
  }
  if (onlyConnectionNames(override)) {
    problems.push(
      new ConnectionConfigError(
        "connection.endpoints",
        "connection.endpoints names a cluster the stack config and environment do not, so their credentials are not sent there; " +
          "give this resource its own: connection.username and connection.password, connection.bearerToken, or connection.apiKey",
      ),
    );
    return undefined;
  }
  return {
    username: fromConfigOrEnv("username", ["ELASTICSEARCH_USERNAME"]),
    password: fromConfigOrEnv("password", ["ELASTICSEARCH_PASSWORD"]),
    bearer: fromConfigOrEnv("bearerToken", ["ELASTICSEARCH_BEARER_TOKEN"]),
    apiKey: fromConfigOrEnv("apiKey", ["ELASTICSEARCH_API_KEY"]),
  };
}

/** The settings a request used, as the user wrote them, for advice that names the right one. Never a value. */
export interface UsedSettings {
  endpoints: string;
  credential: string;
}

function credentialSourceOf(type: ElasticsearchAuth["type"], c: CredentialSettings | undefined): string {
  if (type === "basic") return `${c?.username?.source ?? "elastic:username"}/${c?.password?.source ?? "elastic:password"}`;
  return (type === "bearer" ? c?.bearer?.source : c?.apiKey?.source) ?? `elastic:${type === "bearer" ? "bearerToken" : "apiKey"}`;
}

type Resolved<T> = { options: T; problems: []; used: UsedSettings } | { options?: undefined; problems: Problems; used?: undefined };

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

  const credentials = credentialSettings(problems, override);
  const { username, password, bearer, apiKey } = credentials ?? {};
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
  if (credentials === undefined) {
    // credentialSettings has said why the stack's credentials are not used here.
  } else if (username && !password) {
    // Missing, not wrong: the password may well be injected (ELASTICSEARCH_PASSWORD) only where `up` runs.
    const how = username.source.startsWith("connection.") ? "set connection.password" : HOW_TO_SET_ES_AUTH;
    problems.push(new ConnectionConfigError(username.source, `${username.source} is set but no password is: ${how}`, true));
  } else if (!auth) {
    const property = password?.source ?? "elastic:username";
    const how = property.startsWith("connection.") ? "set connection.username" : HOW_TO_SET_ES_AUTH;
    problems.push(new ConnectionConfigError(property, `No Elasticsearch credentials configured${password ? ` (${password.source} is set but no username is)` : ""}: ${how}`, true));
  } else if (problems.length === before) {
    const source = auth.type === "basic" ? (username?.source ?? "elastic:username") : auth.type === "bearer" ? (bearer?.source ?? "elastic:bearerToken") : (apiKey?.source ?? "elastic:apiKey");
    sdkCheck(problems, source, () => elasticsearchAuthorization(auth));
  }

  const tls = tlsOptions(problems, override, endpoints);
  const timeoutOptions = timeouts(problems);
  if (problems.length > 0 || !endpoints || !auth) return { problems };
  const used = { endpoints: endpoints.source, credential: credentialSourceOf(auth.type, credentials) };
  return { options: { endpoints: endpoints.urls, auth, ...tls, ...(timeoutOptions ? { timeouts: timeoutOptions } : {}) }, problems: [], used };
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
  const stackEndpoint = fromConfigOrEnv("cloudEndpoint", ["EC_ENDPOINT", "EC_HOST"])?.value ?? DEFAULT_CLOUD_ENDPOINT;
  // The stack's Cloud API key is never sent to an API that only connection.cloudEndpoint names.
  const foreign = override?.cloudApiKey === undefined && override?.cloudEndpoint !== undefined && !sameEndpoint(override.cloudEndpoint, stackEndpoint);
  const apiKey = foreign ? undefined : pick(override?.cloudApiKey, "cloudApiKey", "cloudApiKey", ["EC_API_KEY"]);
  if (foreign) {
    problems.push(
      new ConnectionConfigError(
        "connection.cloudEndpoint",
        "connection.cloudEndpoint names an Elastic Cloud API the stack config and environment do not, so their API key is not sent there; give this resource its own connection.cloudApiKey",
      ),
    );
  } else if (!apiKey) {
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
  const used = { endpoints: endpoint?.source ?? "elastic:cloudEndpoint", credential: apiKey.source };
  return { options: timeoutOptions ? { ...options, timeouts: timeoutOptions } : options, problems: [], used };
}

/** The options, or the first problem thrown: a wrong setting before a missing one, since fixing it comes first. */
function orThrow<T>(resolved: Resolved<T>): { options: T; used: UsedSettings } {
  if (resolved.options !== undefined && resolved.used !== undefined) return { options: resolved.options, used: resolved.used };
  const first = resolved.problems.find((p) => !p.missing) ?? resolved.problems[0];
  throw first ?? new Error("connection settings could not be resolved");
}

/** Connection options for Elasticsearch. Throws ConnectionConfigError naming the setting and how to fix it. */
export function elasticsearchOptions(override?: ConnectionInput): { options: ElasticsearchClientOptions; used: UsedSettings } {
  return orThrow(resolveElasticsearch(override));
}

/** Connection options for the Elastic Cloud API. */
export function cloudOptions(override?: ConnectionInput): { options: CloudClientOptions; used: UsedSettings } {
  return orThrow(resolveCloud(override));
}

/**
 * Why Elasticsearch refuses a cross-cluster API key call made with the API key from `source`, and what to use
 * instead; the same words at preview and at `up`.
 */
export function apiKeyRefusedAdvice(source: string): string {
  const instead = source.startsWith("connection.")
    ? "connection.username + connection.password, or a bearer token (connection.bearerToken)"
    : "stack config elastic:username + elastic:password (or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD), or a bearer token (elastic:bearerToken or ELASTICSEARCH_BEARER_TOKEN)";
  return `Elasticsearch does not let an API key create or update cross-cluster API keys. Authenticate with a user instead: ${instead}, and remove ${source}.`;
}

/** What the connection must be able to do: `crossCluster` is Elasticsearch with a credential other than an API key. */
export type ConnectionTarget = "elasticsearch" | "crossCluster" | "cloud";

/**
 * The same checks as the resolvers, as CheckFailures, for preview: every setting that is present but wrong, each
 * named as the user wrote it (`elastic:endpoint`, `connection.caCert`, `ELASTICSEARCH_URL`). Missing settings are
 * not refused (a preview may run where credentials are injected later; `up` reports them before any request), but
 * a warning names them, once per host process.
 */
export function connectionCheckFailures(override: ConnectionInput | undefined, target: ConnectionTarget): CheckFailure[] {
  const resolved = target === "cloud" ? resolveCloud(override) : resolveElasticsearch(override);
  const failures = resolved.problems.filter((p) => !p.missing).map((p) => ({ property: p.property, reason: p.message }));
  warnMissing(resolved.problems.filter((p) => p.missing));
  if (target === "crossCluster" && resolved.options !== undefined && "auth" in resolved.options && resolved.options.auth.type === "apiKey") {
    const source = resolved.used?.credential ?? "elastic:apiKey";
    failures.push({ property: source, reason: stripStop(apiKeyRefusedAdvice(source)) });
  }
  return failures;
}

/**
 * Missing settings at preview, as a warning on the host's stderr, which the CLI shows as a diagnostic: the preview
 * passes, but whoever reads it learns that `up` will need them.
 */
function warnMissing(problems: Problems): void {
  for (const problem of problems) warnOnce(problem.message, `warning: \`pulumi up\` will need this setting: ${problem.message}`);
}

/** A stable key for caching clients (and their keep-alive pools) per distinct connection, without keeping secrets in the key. */
export function connectionKey(options: unknown): string {
  return createHash("sha256").update(JSON.stringify(options)).digest("hex");
}
