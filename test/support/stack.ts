import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine, type EngineOptions } from "../engine";
import { type Emulator, startEmulator } from "../emulator";

/** The repository root: the host runs here so require("pulumi-elastic-keys/runtime/…") finds the built package. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export type Credentials = "basic" | "bearer" | "apiKey" | "noPrivileges" | "apiKeyAdmin";

/** Stack config pointing at the emulator, with the chosen credential kind; secrets marked secret as `pulumi config set --secret` would. */
export function stackConfig(emulator: Emulator, credentials: Credentials = "basic"): NonNullable<EngineOptions["config"]> {
  const c = emulator.credentials;
  const config: NonNullable<EngineOptions["config"]> = {
    "elastic:endpoint": { value: emulator.esUrl },
    "elastic:cloudEndpoint": { value: emulator.cloudUrl },
    "elastic:cloudApiKey": { value: c.cloudApiKey, secret: true },
  };
  const user = (u: { username: string; password: string }) => {
    config["elastic:username"] = { value: u.username };
    config["elastic:password"] = { value: u.password, secret: true };
  };
  if (credentials === "basic") user(c.superuser);
  if (credentials === "noPrivileges") user(c.noPrivileges);
  if (credentials === "apiKeyAdmin") user(c.apiKeyAdmin);
  if (credentials === "bearer") config["elastic:bearerToken"] = { value: c.bearerToken, secret: true };
  if (credentials === "apiKey") config["elastic:apiKey"] = { value: c.restApiKey.encoded, secret: true };
  return config;
}

export interface TestStack {
  emulator: Emulator;
  engine: Engine;
  stateDir: string;
  /** Swap the program run by the next operation. */
  setProgram(program: EngineOptions["program"]): void;
  close(): Promise<void>;
}

export interface TestStackOptions {
  credentials?: Credentials;
  env?: Record<string, string | undefined>;
  emulator?: Emulator;
  /**
   * Default false: `up()` and `refresh()` skip the preview pass (`--skip-preview`), which most tests do not need;
   * a test of what the preview pass does asks for it, per call (`up({ skipPreview: false })`) or here.
   */
  preview?: boolean;
}

/**
 * An emulator and an engine whose host runs from the repository root with environment credentials cleared, so a
 * developer's own ELASTICSEARCH_* variables can never leak into (or satisfy) a test.
 */
export async function startTestStack(program: EngineOptions["program"], options: TestStackOptions = {}): Promise<TestStack> {
  // API-key credentials need the emulator's pre-created REST key (a fresh emulator has none).
  const emulator = options.emulator ?? (await startEmulator({ restApiKey: options.credentials === "apiKey" }));
  const stateDir = mkdtempSync(path.join(tmpdir(), "elastic-keys-stack-"));
  const engine = new Engine({
    stack: "test",
    project: "elastic-keys-test",
    stateDir,
    passphrase: "correct horse battery staple",
    program,
    config: stackConfig(emulator, options.credentials),
    hostCwd: REPO_ROOT,
    env: { ...CLEARED_ENV, ...options.env },
    skipPreview: !(options.preview ?? false),
  });
  return {
    emulator,
    engine,
    stateDir,
    setProgram(next) {
      engine.options.program = next;
    },
    async close() {
      if (!options.emulator) await emulator.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual set-up of a describe block: one stack started in beforeAll, closed in afterAll, and after each test the
 * emulator's faults cleared (and, with `destroyAfterEach`, the stack destroyed, so each test starts empty). Returns
 * the stack (usable once beforeAll ran).
 */
/** Moves time for both sides at once: the emulator's clock and the provider's (PULUMI_ELASTIC_KEYS_NOW, read by each fresh host). */
export function travel(stack: TestStack, to: number): void {
  stack.emulator.clock.set(to);
  stack.engine.options.env = { ...stack.engine.options.env, PULUMI_ELASTIC_KEYS_NOW: String(to) };
}

export function useTestStack(program: EngineOptions["program"], options: TestStackOptions & { destroyAfterEach?: boolean } = {}): TestStack {
  let stack: TestStack | undefined;
  const started = (): TestStack => {
    if (!stack) throw new Error("the test stack is used before its beforeAll started it");
    return stack;
  };
  beforeAll(async () => {
    stack = await startTestStack(program, options);
  });
  afterEach(async () => {
    stack?.emulator.faults.clear();
    if (options.destroyAfterEach) await stack?.engine.destroy();
  });
  afterAll(async () => {
    await stack?.close();
  });
  return {
    get emulator() {
      return started().emulator;
    },
    get engine() {
      return started().engine;
    },
    get stateDir() {
      return started().stateDir;
    },
    setProgram: (next) => started().setProgram(next),
    close: () => started().close(),
  };
}

export const CLEARED_ENV: Record<string, undefined> = Object.fromEntries(
  [
    "ELASTICSEARCH_ENDPOINTS",
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_BEARER_TOKEN",
    "ELASTICSEARCH_USERNAME",
    "ELASTICSEARCH_PASSWORD",
    "ELASTICSEARCH_INSECURE",
    "ELASTICSEARCH_CA_CERT",
    "EC_ENDPOINT",
    "EC_HOST",
    "EC_API_KEY",
    "PULUMI_ELASTIC_KEYS_NOW",
  ].map((name) => [name, undefined]),
);
