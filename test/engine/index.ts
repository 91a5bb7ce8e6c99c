// A stand-in for the Pulumi CLI that drives dynamic resources through the REAL dynamic-provider host. See README.md
// for the API, what is mirrored from the real engine and the known deviations.
import path from "node:path";
import { deleteAll } from "./deletes";
import { Deployment } from "./deployment";
import { displayMap } from "./display";
import { runProgram } from "./program";
import { refreshAll } from "./refresh";
import { renderReport, type OperationKind } from "./report";
import { observeEngine } from "../support/secret-registry";
import { secretKeys, unwrapMap } from "./rpc-values";
import { STACK_TYPE, StateStore, type ResourceState } from "./state";
import { registerOutputs, registerResource } from "./steps";
import type { EngineOptions, OperationResult, ResourceView, StateView } from "./types";

export type {
  EngineError,
  EngineOptions,
  OperationResult,
  PropertyDiff,
  ResourceOptionsView,
  ResourceView,
  StateView,
  Step,
  StepOp,
} from "./types";

export class Engine {
  readonly stateFile: string;
  private readonly store: StateStore;
  private readonly logs: string[] = [];
  private readonly pids: number[] = [];
  // Every line, result and state file this engine produces is searched for secrets by the test suite's scanner.
  private readonly observer = observeEngine(() => this.options.stateDir);

  constructor(public options: EngineOptions) {
    this.stateFile = path.join(options.stateDir, `${options.stack}.json`);
    this.store = new StateStore(this.stateFile, () => this.options.passphrase, { project: this.project, stack: options.stack });
  }

  private get project(): string {
    return this.options.project ?? "test";
  }

  /** Runs the program as a preview: Check and Diff only, nothing created, nothing written. */
  preview(): Promise<OperationResult> {
    return this.operate("preview", (d) => this.runUpdate(d, true));
  }

  /** Runs the program and applies the steps, then deletes what the program no longer declares. */
  up(): Promise<OperationResult> {
    return this.operate("up", (d) => this.runUpdate(d, false));
  }

  /** Reads every resource back from its provider; the program is not run. */
  refresh(): Promise<OperationResult> {
    return this.operate("refresh", (d) => refreshAll(d));
  }

  /** Deletes every resource in the state, dependents first. */
  destroy(): Promise<OperationResult> {
    return this.operate("destroy", (d) => deleteAll(d, [...d.resources]));
  }

  /** The state with secrets decrypted (plaintext values, secret keys listed). */
  async readState(): Promise<StateView> {
    const resources = await this.store.load();
    const stack = resources.find((r) => r.type === STACK_TYPE && !r.delete);
    return {
      resources: resources.map(view),
      outputs: unwrapMap(stack?.outputs ?? {}),
      secretOutputKeys: secretKeys(stack?.outputs ?? {}),
    };
  }

  /** Every line the provider hosts of this engine wrote (stderr, and stdout after the port), secrets redacted. */
  hostLogs(): string[] {
    return [...this.logs];
  }

  /** Pids of every provider host this engine started (each is stopped when its operation ends). */
  hostPids(): number[] {
    return [...this.pids];
  }

  private async runUpdate(d: Deployment, preview: boolean): Promise<void> {
    const registered = new Set<string>();
    const { errors } = await runProgram({
      project: this.project,
      stack: this.options.stack,
      preview,
      program: this.options.program,
      config: this.options.config ?? {},
      hooks: {
        register: async (reg) => {
          if (registered.has(reg.urn)) {
            d.error({ urn: reg.urn, resource: reg.name, message: `duplicate resource URN '${reg.urn}': give the resource a unique name` });
            return { outputs: {}, failed: true };
          }
          registered.add(reg.urn);
          return registerResource(d, reg);
        },
        registerOutputs: (urn, outputs) => registerOutputs(d, urn, outputs),
      },
    });
    // After a failed step the program's own errors are its reaction to the unknowns it was handed: noise.
    if (!d.failed) for (const message of errors) d.error({ message: `the program failed: ${message}` });
    if (d.failed) return; // like the engine: no deletions after a failure
    await deleteAll(d, d.resources.filter((r) => r.delete || !registered.has(r.urn)));
  }

  private async operate(kind: OperationKind, body: (d: Deployment) => Promise<void>): Promise<OperationResult> {
    const log = (line: string): void => {
      this.observer.line(line);
      this.options.log?.(line);
    };
    let base: ResourceState[] = [];
    let loadError: unknown;
    try {
      base = await this.store.load();
    } catch (e) {
      loadError = e; // e.g. a wrong passphrase: reported like any other failure
    }
    const d = new Deployment(
      {
        project: this.project,
        stack: this.options.stack,
        hostCwd: this.options.hostCwd ?? process.cwd(),
        env: this.options.env,
        config: this.options.config ?? {},
        store: kind === "preview" ? undefined : this.store,
        log,
        hostLog: (line) => {
          this.logs.push(line);
          log(`host: ${line}`);
        },
      },
      base,
    );
    try {
      if (loadError !== undefined) throw loadError;
      if (kind === "preview" || kind === "up" || base.some((r) => r.custom)) d.warmUp();
      await body(d);
    } catch (e) {
      d.error({ message: e instanceof Error ? e.message : String(e) });
    } finally {
      await d.close();
      this.pids.push(...d.hostPids);
      await this.store.flush(); // write failures were reported by the steps that awaited them
    }
    const stack = kind === "destroy" ? undefined : d.resources.find((r) => r.type === STACK_TYPE && !r.delete);
    const outputs = stack ? displayMap(stack.outputs) : undefined;
    const result = { ok: d.errors.length === 0, steps: d.steps, errors: d.errors, outputs };
    const report = renderReport({ kind, project: this.project, stack: this.options.stack, ...result, redactor: d.redactor });
    this.observer.operated(kind, { ...result, report });
    return { ...result, report };
  }
}

function view(r: ResourceState): ResourceView {
  const v: ResourceView = {
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: r.custom,
    inputs: unwrapMap(r.inputs),
    outputs: unwrapMap(r.outputs),
    secretInputKeys: secretKeys(r.inputs),
    secretOutputKeys: secretKeys(r.outputs),
    dependencies: r.dependencies,
    options: r.options,
    pendingDelete: r.delete === true,
  };
  if (r.id !== undefined) v.id = r.id;
  if (r.parent !== undefined) v.parent = r.parent;
  if (r.initErrors) v.initErrors = r.initErrors;
  return v;
}
