// One engine operation (a "deployment" in the real engine's terms): the state being transformed, the steps and
// errors so far, and the provider hosts. Like the real engine:
// - once a step has failed no new step is launched (steps already running finish);
// - at most `parallel` steps run at once, and Check/Diff are made one at a time;
// - the default provider (`pulumi:providers:pulumi-nodejs::default`) is a resource of the state whose inputs are the
//   whole stack config. Operations that do not run the program (refresh, destroy, the refresh phase of
//   `up --refresh`) configure the provider from that resource, i.e. with the config of the last update; the program's
//   first dynamic resource registers the provider with the current config (a hidden update when it changed).
// Everything recorded here is raw (nothing redacted); what is shown goes through `redactor`, which, as the CLI's,
// masks stack-config secrets only.
import crypto from "node:crypto";
import { ProviderClient } from "./grpc";
import { ProviderHost } from "./host";
import { propertyDiffs, Redactor } from "./display";
import { Limiter } from "./limits";
import { makeUrn } from "./program";
import { deepEqual, isSecret, makeSecret, unwrap, type PropertyMap } from "./rpc-values";
import type { ResourceState, StateStore } from "./state";
import type { EngineError, StackConfig, Step } from "./types";

export const PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

export function isDefaultProvider(r: ResourceState): boolean {
  return r.type === PROVIDER_TYPE && r.name === "default";
}

/** The stack config as the default provider's inputs: secrets wrapped (sealed in the state file). */
export function configInputs(config: StackConfig): PropertyMap {
  const m: PropertyMap = {};
  for (const [k, v] of Object.entries(config)) m[k] = v.secret ? makeSecret(v.value) : v.value;
  return m;
}

/** The stack config a default provider resource was configured with. */
export function configOf(provider: ResourceState | undefined): StackConfig {
  const config: StackConfig = {};
  for (const [k, v] of Object.entries(provider?.inputs ?? {})) {
    const value = unwrap(v);
    config[k] = { value: typeof value === "string" ? value : JSON.stringify(value), ...(isSecret(v) ? { secret: true } : {}) };
  }
  return config;
}

export interface DeploymentOptions {
  project: string;
  stack: string;
  /** The program directory: the host's @pulumi/pulumi is resolved from here, and it runs here. */
  hostCwd: string;
  env?: Record<string, string | undefined>;
  /** The current stack config (what the program, and the provider it registers, get). */
  config: StackConfig;
  /** Configure the provider with the current config from the start (`--run-program`) rather than the state's. */
  runProgram: boolean;
  /** Undefined for a dry run (preview): nothing is written. */
  store?: StateStore;
  parallel: number;
  /** Raw progress lines and host output (the engine redacts what it shows). */
  log: (line: string) => void;
  hostLog: (line: string) => void;
}

interface StartedHost {
  host: ProviderHost;
  client: ProviderClient;
}

export class Deployment {
  readonly steps: Step[] = [];
  readonly errors: EngineError[] = [];
  readonly redactor = new Redactor();
  /** Pids of the hosts this operation started (tests check none survives). */
  readonly hostPids: number[] = [];
  /** Old copies this operation replaced create-before-delete: their deletion is part of the "replace" step. */
  readonly replaced = new Set<ResourceState>();
  /** The hidden step of the default provider (create, update, same or delete), if it had one. */
  providerStep?: Step;
  /** No new step may start (a step failed). */
  failed = false;
  private readonly hosts = new Map<string, Promise<StartedHost>>();
  private activeConfig: StackConfig;
  private programProvider?: Promise<void>;
  private readonly generator = new Limiter(1);
  private readonly executor: Limiter;

  constructor(
    readonly o: DeploymentOptions,
    /** The state, transformed step by step (in-memory wire form, secrets in clear). */
    public resources: ResourceState[],
  ) {
    const stateConfig = configOf(resources.find((r) => isDefaultProvider(r) && !r.delete));
    this.activeConfig = o.runProgram ? o.config : stateConfig;
    for (const config of [o.config, stateConfig]) for (const v of Object.values(config)) if (v.secret) this.redactor.add(v.value);
    this.executor = new Limiter(o.parallel);
  }

  get preview(): boolean {
    return this.o.store === undefined;
  }

  log(line: string): void {
    this.o.log(line);
  }

  /** Check and Diff: one at a time, as the step generator makes them. */
  generate<T>(call: () => Promise<T>): Promise<T> {
    return this.generator.run(call);
  }

  /** Create, Update, Delete, Read: at most `parallel` at once, as the step executor's workers. */
  execute<T>(call: () => Promise<T>): Promise<T> {
    return this.executor.run(call);
  }

  /** The live (not pending-delete) resource with this URN. */
  live(urn: string): ResourceState | undefined {
    return this.resources.find((r) => r.urn === urn && !r.delete);
  }

  /** Puts `next` in place of the live resource with its URN, or appends it. */
  setLive(next: ResourceState): void {
    const i = this.resources.findIndex((r) => r.urn === next.urn && !r.delete);
    if (i >= 0) this.resources[i] = next;
    else this.resources.push(next);
  }

  remove(r: ResourceState): void {
    this.resources = this.resources.filter((x) => x !== r);
  }

  /** Writes the state as it is now (after every step); a no-op in preview. */
  async persist(): Promise<void> {
    await this.o.store?.save(this.resources);
  }

  step(step: Step): void {
    this.steps.push(step);
  }

  /** Records an error; unless `stop` is false (errors the engine continues past), no new step starts. */
  error(e: EngineError, { stop = true }: { stop?: boolean } = {}): void {
    if (stop) this.failed = true;
    this.errors.push(e);
  }

  /**
   * The program registers its first dynamic resource: the default provider is registered with the current config
   * (create, update when the config changed, or same) and every later call uses it.
   */
  useProgramConfig(): Promise<void> {
    this.programProvider ??= (async () => {
      this.activeConfig = this.o.config;
      const old = this.resources.find((r) => isDefaultProvider(r) && !r.delete);
      const inputs = configInputs(this.o.config);
      const urn = makeUrn(this.o.stack, this.o.project, undefined, PROVIDER_TYPE, "default");
      const op = !old ? "create" : deepEqual(old.inputs, inputs) ? "same" : "update";
      this.providerStep = { urn, type: PROVIDER_TYPE, name: "default", op, diffs: propertyDiffs(old?.inputs ?? {}, inputs), replaceReasons: [] };
      if (this.preview || op === "same") return;
      this.setLive({
        urn,
        type: PROVIDER_TYPE,
        name: "default",
        custom: true,
        id: old?.id ?? crypto.randomUUID(),
        inputs,
        outputs: inputs,
        dependencies: [],
        propertyDependencies: {},
        options: { additionalSecretOutputs: [], replaceOnChanges: [], ignoreChanges: [], retainOnDelete: false, protect: false },
      });
      await this.persist();
    })();
    return this.programProvider;
  }

  /** Whether the program registered the default provider in this deployment. */
  get programRegisteredProvider(): boolean {
    return this.programProvider !== undefined;
  }

  /** Removes the default provider from the state once nothing uses it any more (a hidden delete step). */
  async dropProvider(): Promise<void> {
    const p = this.resources.find(isDefaultProvider);
    if (!p || this.resources.some((r) => r.custom && !isDefaultProvider(r))) return;
    this.providerStep = { urn: p.urn, type: p.type, name: p.name, op: "delete", diffs: [], replaceReasons: [] };
    this.remove(p);
    await this.persist();
  }

  /**
   * Starts the host for the config in force ahead of its first use, so that its start-up (~1 s, mostly loading
   * @pulumi/pulumi) overlaps with loading the state and running the program. A failure surfaces at the first use.
   */
  warmUp(config: "program" | "active" = "active"): void {
    this.hostFor(config === "program" ? this.o.config : this.activeConfig).catch(() => undefined);
  }

  /** The provider client for the config in force, starting its host (GetPluginInfo, Configure) on first use. */
  provider(): Promise<ProviderClient> {
    return this.hostFor(this.activeConfig).then((h) => h.client);
  }

  /** One host per distinct provider configuration, as the engine loads one plugin per provider resource. */
  private hostFor(config: StackConfig): Promise<StartedHost> {
    const key = JSON.stringify(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)));
    let started = this.hosts.get(key);
    if (!started) {
      started = this.startHost(config);
      this.hosts.set(key, started);
    }
    return started;
  }

  private async startHost(config: StackConfig): Promise<StartedHost> {
    const host = await ProviderHost.start({
      cwd: this.o.hostCwd,
      project: this.o.project,
      env: this.o.env,
      onLog: (line) => this.o.hostLog(line),
    });
    this.hostPids.push(host.pid);
    const client = new ProviderClient(host.port);
    try {
      const version = await client.getPluginInfo();
      this.log(`provider host pid ${host.pid} (@pulumi/pulumi ${version}, ${host.script})`);
      await client.configure(configInputs(config));
      return { host, client };
    } catch (e) {
      client.close();
      await host.stop();
      throw e;
    }
  }

  /** Stops every host started; safe to call more than once. */
  async close(): Promise<void> {
    const started = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all(
      started.map(async (p) => {
        let h: StartedHost;
        try {
          h = await p;
        } catch {
          return; // startHost already cleaned up
        }
        h.client.close();
        await h.host.stop();
      }),
    );
  }
}
