// One engine operation in progress: the state being transformed, the steps and errors so far, and the provider
// host, started on first use and stopped when the operation ends. Like the real engine, once a step has failed no
// new step is launched (steps already running finish).
import { ProviderClient } from "./grpc";
import { ProviderHost } from "./host";
import { Redactor } from "./display";
import { makeSecret, type PropertyMap } from "./rpc-values";
import type { ResourceState, StateStore } from "./state";
import type { EngineError, Step } from "./types";

export interface DeploymentOptions {
  project: string;
  stack: string;
  hostCwd: string;
  env?: Record<string, string | undefined>;
  config: Record<string, { value: string; secret?: boolean }>;
  /** Undefined in preview: nothing is written. */
  store?: StateStore;
  log: (line: string) => void;
  hostLog: (line: string) => void;
}

export class Deployment {
  readonly steps: Step[] = [];
  readonly errors: EngineError[] = [];
  readonly redactor = new Redactor();
  /** Pids of the hosts this operation started (tests check none survives). */
  readonly hostPids: number[] = [];
  /** Old copies this operation replaced create-before-delete: their deletion is part of the "replace" step. */
  readonly replaced = new Set<ResourceState>();
  failed = false;
  private host?: Promise<{ host: ProviderHost; client: ProviderClient }>;

  constructor(
    readonly o: DeploymentOptions,
    /** The state, transformed step by step (in-memory wire form, secrets in clear). */
    public resources: ResourceState[],
  ) {
    for (const v of Object.values(o.config)) if (v.secret) this.redactor.add(v.value);
    for (const r of resources) {
      this.redactor.addWire(r.inputs);
      this.redactor.addWire(r.outputs);
    }
  }

  get preview(): boolean {
    return this.o.store === undefined;
  }

  log(line: string): void {
    this.o.log(this.redactor.redact(line));
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
    if (step.error) step.error = this.redactor.redact(step.error);
    this.steps.push(step);
  }

  error(e: EngineError): void {
    this.failed = true;
    this.errors.push({ ...e, message: this.redactor.redact(e.message) });
  }

  /**
   * Starts the host ahead of its first use so that its start-up (~1 s, mostly loading @pulumi/pulumi) overlaps
   * with loading the state and running the program. A start failure surfaces at the first real use.
   */
  warmUp(): void {
    this.provider().catch(() => undefined);
  }

  /** The provider client, starting the host (GetPluginInfo, Configure) on first use. */
  provider(): Promise<ProviderClient> {
    this.host ??= this.startHost();
    return this.host.then((h) => h.client);
  }

  private async startHost(): Promise<{ host: ProviderHost; client: ProviderClient }> {
    const host = await ProviderHost.start({
      cwd: this.o.hostCwd,
      project: this.o.project,
      env: this.o.env,
      onLog: (line) => this.o.hostLog(this.redactor.redact(line)),
    });
    this.hostPids.push(host.pid);
    const client = new ProviderClient(host.port);
    try {
      const version = await client.getPluginInfo();
      this.log(`provider host pid ${host.pid} (@pulumi/pulumi ${version}, ${host.script})`);
      const args: PropertyMap = {};
      for (const [k, v] of Object.entries(this.o.config)) args[k] = v.secret ? makeSecret(v.value) : v.value;
      await client.configure(args);
      return { host, client };
    } catch (e) {
      client.close();
      await host.stop();
      throw e;
    }
  }

  /** Stops the host, if one was started; safe to call more than once. */
  async close(): Promise<void> {
    const started = this.host;
    this.host = undefined;
    if (!started) return;
    let h: { host: ProviderHost; client: ProviderClient };
    try {
      h = await started;
    } catch {
      return; // startHost already cleaned up
    }
    h.client.close();
    await h.host.stop();
  }
}
