// A stand-in for the Pulumi CLI that drives dynamic resources through the REAL dynamic-provider host. See README.md
// for the API, what is mirrored from the real engine and what still differs.
import fs from "node:fs";
import path from "node:path";
import { deleteAll } from "./deletes";
import { Deployment, isDefaultProvider } from "./deployment";
import { displayMap, Redactor } from "./display";
import { defaultParallel } from "./limits";
import { runProgram } from "./program";
import { readResource } from "./reads";
import { refreshAll } from "./refresh";
import { renderReport, type OperationKind } from "./report";
import { observeEngine } from "../support/secret-registry";
import { secretKeys, unwrapMap } from "./rpc-values";
import { STACK_TYPE, StateStore, type ResourceState } from "./state";
import { registerOutputs, registerResource } from "./steps";
import type { DestroyOptions, EngineError, EngineOptions, OperationResult, RefreshOptions, ResourceView, StateView, Step, UpOptions } from "./types";

export type {
  DestroyOptions,
  EngineError,
  EngineOptions,
  OperationResult,
  PropertyDiff,
  RefreshOptions,
  ResourceOptionsView,
  ResourceView,
  StackConfig,
  StateView,
  Step,
  StepOp,
  UpOptions,
} from "./types";

interface Operation {
  kind: OperationKind;
  /** A preview pass: provider calls that change nothing (Check, Diff, Read) only, nothing written. */
  dryRun: boolean;
  /** Configure the provider with the current config from the start, not the state's. */
  runProgram: boolean;
  /** Which provider configuration the host started ahead of time gets. */
  warm: "program" | "active";
}

export class Engine {
  readonly stateFile: string;
  private readonly store: StateStore;
  private readonly logs: string[] = [];
  private readonly pids: number[] = [];
  // Every raw line, result and state file this engine produces is searched for secrets by the test suite's scanner.
  private readonly observer = observeEngine(() => this.options.stateDir);

  constructor(public options: EngineOptions) {
    this.stateFile = path.join(options.stateDir, `${options.stack}.json`);
    this.store = new StateStore(this.stateFile, () => this.options.passphrase, { project: this.project, stack: options.stack });
  }

  private get project(): string {
    return this.options.project ?? "test";
  }

  /** `pulumi preview`: runs the program with Check and Diff only; nothing created, nothing written. */
  preview(): Promise<OperationResult> {
    return this.operate({ kind: "preview", dryRun: true, runProgram: false, warm: "program" }, (d) => this.runUpdate(d, {}));
  }

  /**
   * `pulumi up`: a preview deployment (its own host, the program run once), then, if it succeeded, the update
   * deployment (a second host, the program run again, fresh random seeds). `skipPreview` is `--skip-preview`.
   */
  up(o: UpOptions = {}): Promise<OperationResult> {
    const warm = o.refresh && !o.runProgram ? "active" : "program";
    return this.withPreview("up", o.skipPreview, (dryRun) =>
      this.operate({ kind: dryRun ? "preview" : "up", dryRun, runProgram: false, warm }, (d) => this.runUpdate(d, o)),
    );
  }

  /**
   * `pulumi refresh`: Read every resource, the provider configured with the config saved in the state at the last
   * update (`runProgram`: the current one). The preview pass reads every resource too.
   */
  refresh(o: RefreshOptions = {}): Promise<OperationResult> {
    return this.withPreview("refresh", o.skipPreview, (dryRun) =>
      this.operate({ kind: dryRun ? "preview-refresh" : "refresh", dryRun, runProgram: o.runProgram ?? false, warm: "active" }, (d) => refreshAll(d)),
    );
  }

  /** `pulumi destroy --skip-preview`: deletes everything, dependents first, configured like refresh. */
  destroy(o: DestroyOptions = {}): Promise<OperationResult> {
    return this.locked("destroy", () =>
      this.operate({ kind: "destroy", dryRun: false, runProgram: o.runProgram ?? false, warm: "active" }, async (d) => {
        await deleteAll(d, d.resources.filter((r) => !isDefaultProvider(r)));
        if (d.errors.length === 0) await d.dropProvider();
      }),
    );
  }

  /** The state with secrets decrypted (plaintext values, secret keys listed); includes the default provider. */
  async readState(): Promise<StateView> {
    const resources = await this.store.load();
    const stack = resources.find((r) => r.type === STACK_TYPE && !r.delete);
    return {
      resources: resources.map(view),
      outputs: unwrapMap(stack?.outputs ?? {}),
      secretOutputKeys: secretKeys(stack?.outputs ?? {}),
    };
  }

  /** Every line the provider hosts of this engine wrote (stderr, and stdout after the port), as the CLI shows them. */
  hostLogs(): string[] {
    return [...this.logs];
  }

  /** Pids of every provider host this engine started (each is stopped when its operation ends). */
  hostPids(): number[] {
    return [...this.pids];
  }

  /** The preview pass (unless skipped) and, if it succeeded, the operation itself, under the stack's lock. */
  private withPreview(kind: OperationKind, skip: boolean | undefined, run: (dryRun: boolean) => Promise<OperationResult>): Promise<OperationResult> {
    return this.locked(kind, async () => {
      if (skip ?? this.options.skipPreview ?? false) return run(false);
      const preview = await run(true);
      if (!preview.ok) return preview; // `pulumi up` stops after a failed preview
      return { ...(await run(false)), preview };
    });
  }

  /**
   * Like a backend's stack lock: one update, refresh or destroy of a stack at a time. The lock is a file next to the
   * state, created exclusively; a second operation meanwhile is refused.
   */
  private async locked(kind: OperationKind, body: () => Promise<OperationResult>): Promise<OperationResult> {
    const lock = path.join(this.options.stateDir, `${this.options.stack}.lock`);
    try {
      fs.mkdirSync(this.options.stateDir, { recursive: true });
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const message =
        `the stack is currently locked by 1 lock(s) (${lock}): another update, refresh or destroy of ` +
        `${this.project}/${this.options.stack} is running. Wait for it to end; if none is running, delete the lock file.`;
      return this.result(kind, [], [{ message }], undefined, new Redactor());
    }
    try {
      return await body();
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }

  private async runUpdate(d: Deployment, o: UpOptions): Promise<void> {
    if (o.refresh) {
      await refreshAll(d);
      if (d.failed) return;
    }
    const registered = new Set<string>();
    const { errors } = await runProgram({
      project: this.project,
      stack: this.options.stack,
      preview: d.preview,
      program: this.options.program,
      config: this.options.config ?? {},
      hooks: {
        register: async (reg) => {
          if (registered.has(reg.urn)) {
            d.error({ urn: reg.urn, resource: reg.name, message: `duplicate resource URN '${reg.urn}': give the resource a unique name` });
            return { outputs: {}, failed: true };
          }
          registered.add(reg.urn);
          if (reg.custom) await d.useProgramConfig();
          return registerResource(d, reg);
        },
        read: async (req) => {
          // The engine's URN check covers reads too (R: step_generator.go generateURN).
          if (registered.has(req.urn)) {
            d.error({ urn: req.urn, resource: req.name, message: `duplicate resource URN '${req.urn}': give the resource a unique name` });
            return { outputs: {} };
          }
          registered.add(req.urn);
          await d.useProgramConfig();
          return readResource(d, req);
        },
        registerOutputs: (urn, outputs) => registerOutputs(d, urn, outputs),
      },
    });
    // After a failed step the program's own errors are its reaction to the unknowns it was handed: noise.
    if (!d.failed) for (const message of errors) d.error({ message: `the program failed: ${message}` });
    if (d.errors.length > 0) return; // like the engine: no deletions after a failure
    // Removed resources go with the provider they were created with: the program's, or the state's if the program
    // registered no dynamic resource (then the provider itself goes too).
    await deleteAll(d, d.resources.filter((r) => !isDefaultProvider(r) && (r.delete || !registered.has(r.urn))));
    if (!d.programRegisteredProvider && d.errors.length === 0) await d.dropProvider();
  }

  private async operate(op: Operation, body: (d: Deployment) => Promise<void>): Promise<OperationResult> {
    let base: ResourceState[] = [];
    let loadError: unknown;
    try {
      base = await this.store.load();
    } catch (e) {
      loadError = e; // e.g. a wrong passphrase: reported like any other failure
    }
    // This operation's host output, raw: the report shows it as the CLI's "Diagnostics:" section does.
    const hostLines: string[] = [];
    const d: Deployment = new Deployment(
      {
        project: this.project,
        stack: this.options.stack,
        hostCwd: this.options.hostCwd ?? process.cwd(),
        env: this.options.env,
        config: this.options.config ?? {},
        runProgram: op.runProgram,
        store: op.dryRun ? undefined : this.store,
        parallel: this.options.parallel ?? defaultParallel(),
        log: (line) => {
          this.observer.line(line);
          this.options.log?.(d.redactor.redact(line));
        },
        hostLog: (line) => {
          this.observer.line(`host: ${line}`);
          hostLines.push(line);
          const shown = d.redactor.redact(line);
          this.logs.push(shown);
          this.options.log?.(`host: ${shown}`);
        },
      },
      base,
    );
    try {
      if (loadError !== undefined) throw loadError;
      if (op.warm === "program" || base.some((r) => r.custom && !isDefaultProvider(r))) d.warmUp(op.warm);
      await body(d);
    } catch (e) {
      d.error({ message: e instanceof Error ? e.message : String(e) });
    } finally {
      await d.close();
      this.pids.push(...d.hostPids);
      await this.store.flush(); // write failures were reported by the steps that awaited them
    }
    const stack = op.kind === "destroy" ? undefined : d.resources.find((r) => r.type === STACK_TYPE && !r.delete);
    return this.result(op.kind, d.steps, d.errors, stack?.outputs, d.redactor, d.providerStep, hostLines);
  }

  /**
   * The result as the CLI shows it (stack-config secrets masked in free text); the scanner gets the same result
   * unmasked, i.e. everything the real CLI would print.
   */
  private result(
    kind: OperationKind,
    steps: Step[],
    errors: EngineError[],
    stackOutputs: ResourceState["outputs"] | undefined,
    redactor: Redactor,
    providerStep?: Step,
    hostLines: readonly string[] = [],
  ): OperationResult {
    const outputs = stackOutputs ? displayMap(stackOutputs) : undefined;
    const ok = errors.length === 0;
    const render = (r: Redactor) => {
      const shownSteps = steps.map((s) => (s.error === undefined ? s : { ...s, error: r.redact(s.error, ownText(s.urn, s.name)) }));
      const shownErrors = errors.map((e) => ({ ...e, message: r.redact(e.message, ownText(e.urn, e.resource)) }));
      const diagnostics = hostLines.map((line) => r.redact(line));
      const report = renderReport({ kind, project: this.project, stack: this.options.stack, steps: shownSteps, errors: shownErrors, outputs, diagnostics });
      return { ok, steps: shownSteps, errors: shownErrors, outputs, report };
    };
    this.observer.operated(kind, render(new Redactor()));
    const shown: OperationResult = render(redactor);
    if (providerStep) shown.defaultProvider = providerStep;
    return shown;
  }
}

/** The engine's own words in a resource's error ("<type> resource '<name>'"), which masking leaves alone. */
function ownText(urn: string | undefined, name: string | undefined): string[] {
  const type = urn?.split("::")[2]?.split("$").pop();
  return type && name !== undefined ? [`${type} resource '${name}'`] : [];
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
    external: r.external === true,
  };
  if (r.id !== undefined) v.id = r.id;
  if (r.parent !== undefined) v.parent = r.parent;
  if (r.initErrors) v.initErrors = r.initErrors;
  return v;
}
