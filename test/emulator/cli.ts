/**
 * `npm run emulator`: runs the emulator until SIGINT/SIGTERM and prints where it listens, which (throwaway)
 * credentials to use, and the `pulumi config set` / `export` lines that point a program at it.
 *
 *   --es-port N / EMULATOR_ES_PORT        default 9200, or any free port if 9200 is busy
 *   --cloud-port N / EMULATOR_CLOUD_PORT  default 9201, or any free port if 9201 is busy
 *   --host H / EMULATOR_HOST              default 127.0.0.1
 *   --credentials-file F                  JSON with credentials to fix (Partial<EmulatorCredentials>)
 *   --seed N                              seed for probabilistic faults
 *   --rest-api-key                        pre-create the superuser's REST API key (a fresh cluster has none)
 *   --json                                print one JSON line instead of the text summary
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startEmulator, type Emulator, type EmulatorCredentials, type EmulatorOptions } from "./index";

const DEFAULT_ES_PORT = 9200;
const DEFAULT_CLOUD_PORT = 9201;

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

function isAddressInUse(error: unknown): error is NodeJS.ErrnoException & { port?: number } {
  return typeof error === "object" && error !== null && (error as NodeJS.ErrnoException).code === "EADDRINUSE";
}

/** Starts on the requested ports; a busy *default* port falls back to a free one, a busy explicit port is an error. */
async function start(options: EmulatorOptions, explicit: { es: boolean; cloud: boolean }): Promise<Emulator> {
  for (;;) {
    try {
      return await startEmulator(options);
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      if (error.port === options.esPort && !explicit.es && options.esPort !== 0) options.esPort = 0;
      else if (error.port === options.cloudPort && !explicit.cloud && options.cloudPort !== 0) options.cloudPort = 0;
      else throw error;
    }
  }
}

function summary(emulator: Emulator, withRestKey: boolean): string {
  const c = emulator.credentials;
  return [
    `Elasticsearch emulator   ${emulator.esUrl}`,
    `Elastic Cloud emulator   ${emulator.cloudUrl}/api/v1`,
    `Default Cloud Connected cluster id   ${emulator.defaultClusterId}`,
    "",
    "Throwaway credentials of this process:",
    `  superuser (Basic)        ${c.superuser.username} / ${c.superuser.password}`,
    `  API key admin (Basic)    ${c.apiKeyAdmin.username} / ${c.apiKeyAdmin.password}`,
    `  no privileges (Basic)    ${c.noPrivileges.username} / ${c.noPrivileges.password}`,
    `  superuser bearer token   ${c.bearerToken}`,
    ...(withRestKey ? [`  REST API key             Authorization: ApiKey ${c.restApiKey.encoded}`] : []),
    `  Cloud API key            Authorization: ApiKey ${c.cloudApiKey}`,
    `  Cloud read-only API key  Authorization: ApiKey ${c.cloudReadOnlyApiKey}`,
    "",
    `Control API (no auth): ${emulator.esUrl}/_emulator/{inventory,stats,requests,faults,clock}`,
    "",
    ...pointAtEmulator(emulator),
    "",
    "Stop with Ctrl+C.",
  ].join("\n");
}

/**
 * Ready-to-paste lines that point a Pulumi program at this emulator: stack config in the project's directory, or the
 * environment (stack config wins over it). Superuser credentials, so every resource works.
 */
function pointAtEmulator(emulator: Emulator): string[] {
  const c = emulator.credentials;
  return [
    "Point a Pulumi program at this emulator, in its project directory (stack config):",
    `  pulumi config set elastic:endpoint ${emulator.esUrl}`,
    `  pulumi config set elastic:username ${c.superuser.username}`,
    `  pulumi config set --secret elastic:password ${c.superuser.password}`,
    `  pulumi config set elastic:cloudEndpoint ${emulator.cloudUrl}`,
    `  pulumi config set --secret elastic:cloudApiKey ${c.cloudApiKey}`,
    "or in the shell that runs pulumi (environment):",
    `  export ELASTICSEARCH_URL=${emulator.esUrl}`,
    `  export ELASTICSEARCH_USERNAME=${c.superuser.username}`,
    `  export ELASTICSEARCH_PASSWORD=${c.superuser.password}`,
    `  export EC_ENDPOINT=${emulator.cloudUrl}`,
    `  export EC_API_KEY=${c.cloudApiKey}`,
    `A CloudConnectedClusterApiKey needs clusterId: ${emulator.defaultClusterId}`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "es-port": { type: "string" },
      "cloud-port": { type: "string" },
      host: { type: "string" },
      "credentials-file": { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean", default: false },
      "rest-api-key": { type: "boolean", default: false },
    },
  });
  const esPort = port(values["es-port"] ?? process.env.EMULATOR_ES_PORT, "--es-port");
  const cloudPort = port(values["cloud-port"] ?? process.env.EMULATOR_CLOUD_PORT, "--cloud-port");
  const credentialsFile = values["credentials-file"];
  const options: EmulatorOptions = {
    host: values.host ?? process.env.EMULATOR_HOST ?? "127.0.0.1",
    esPort: esPort ?? DEFAULT_ES_PORT,
    cloudPort: cloudPort ?? DEFAULT_CLOUD_PORT,
    ...(credentialsFile && { credentials: JSON.parse(readFileSync(credentialsFile, "utf8")) as Partial<EmulatorCredentials> }),
    ...(values.seed !== undefined && { seed: Number(values.seed) }),
    restApiKey: values["rest-api-key"],
  };
  const started = start(options, { es: esPort !== undefined, cloud: cloudPort !== undefined });
  // Installed before the listeners exist, so a signal during start-up still ends in an orderly close.
  const stop = (): void => {
    started.then((emulator) => emulator.close()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const emulator = await started;
  // Without --rest-api-key the REST key does not exist, so it is not offered as a credential.
  const { restApiKey, ...others } = emulator.credentials;
  const credentials = values["rest-api-key"] ? { ...others, restApiKey } : others;
  const output = values.json
    ? JSON.stringify({ esUrl: emulator.esUrl, cloudUrl: emulator.cloudUrl, defaultClusterId: emulator.defaultClusterId, credentials })
    : summary(emulator, values["rest-api-key"]);
  process.stdout.write(`${output}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
