// Runs a Pulumi program in-process under the SDK's runtime mocks, the way the Node language host runs it
// (runInPulumiStack, then disconnect), so every dynamic resource's __provider is serialized exactly as in a real run.
// The real engine work happens in the mocks' newResource: the engine's hooks get the full RegisterResourceRequest
// (options included), execute the step against the provider host and answer with real outputs (or, in preview,
// provisional ones with unknowns) that downstream resources then see.
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  ReadResourceResponse,
  RegisterResourceResponse,
  Result,
  type ReadResourceRequest,
  type RegisterResourceOutputsRequest,
  type RegisterResourceRequest,
} from "@pulumi/pulumi/proto/resource_pb";
import { downgradeReferences, fromStruct, toStruct, type PropertyMap, type Wire } from "./rpc-values";
import { STACK_TYPE, type ResourceOptionsState } from "./state";

/** One resource registration as the engine sees it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Wire form, exactly as serialized by the SDK: secrets wrapped, unknowns (preview) as the sentinel. */
  inputs: PropertyMap;
  options: ResourceOptionsState;
}

/** A ReadResource request (`get`, the `id` resource option): an existing resource the program reads. */
export interface ReadRegistration {
  urn: string;
  type: string;
  name: string;
  /** The id to read; the unknown sentinel when it is not known yet (preview). */
  id: string;
  parent?: string;
  dependencies: string[];
  /** The properties the program sent, wire form (secrets wrapped). */
  inputs: PropertyMap;
  additionalSecretOutputs: string[];
}

export interface ProgramHooks {
  /** Executes the step; the answer becomes the resource's outputs in the program (wire form). */
  register(reg: Registration): Promise<{ id?: string; outputs: PropertyMap; failed?: boolean }>;
  /** Executes the read step; the answer (wire form, secrets wrapped) becomes the resource's outputs. Without it, reads are refused. */
  read?(req: ReadRegistration): Promise<{ outputs: PropertyMap }>;
  registerOutputs(urn: string, outputs: PropertyMap): void;
}

export type Program = (() => unknown) | string;

export interface ProgramRun {
  project: string;
  stack: string;
  preview: boolean;
  program: Program;
  config: Record<string, { value: string; secret?: boolean }>;
  hooks: ProgramHooks;
}

// Internal pieces of @pulumi/pulumi that have no public typings (the automation API's inline-program server uses
// the same ones to run a program repeatedly in one process).
interface RuntimeState {
  withLocalStorage<T>(callback: () => Promise<T>): Promise<T>;
}
interface PatchableMonitor {
  registerResource(req: RegisterResourceRequest, callback: (err: unknown, res: unknown) => void): Promise<void>;
  registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: (err: unknown, res: unknown) => void): void;
  readResource(req: ReadResourceRequest, callback: (err: unknown, res: unknown) => void): Promise<void>;
  newUrn(parent: string, type: string, name: string): string;
}
// require(), not import: an internal module of the SDK without typings (typed by RuntimeState above).
const runtimeState = require("@pulumi/pulumi/runtime/state") as RuntimeState;

/** The URN the real engine gives: the parent's qualified type is prefixed, except for the root stack's. */
export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  let qualified = type;
  const parentType = parentUrn ? parentUrn.split("::")[2] : undefined;
  if (parentType && parentType !== STACK_TYPE) qualified = `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Runs the program once. Resolves with the program's own errors (a throw, an unhandled rejection); step errors are
 * the hooks' business. Each run gets a fresh SDK store (withLocalStorage), so runs do not share runtime state.
 */
export async function runProgram(run: ProgramRun): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  // Like the language host: anything the program leaves unhandled is an error of the run, not a crash of ours.
  const onUnhandled = (err: unknown): void => {
    errors.push(err instanceof Error ? err.message : String(err));
  };
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
  try {
    await runtimeState.withLocalStorage(async () => {
      let pending: RegisterResourceRequest | undefined;
      // Registrations whose step failed or was skipped: answered with Result FAIL so that the SDK keeps their
      // outputs unknown (as it does for the real engine) instead of resolving them to undefined.
      const failed = new WeakSet<RegisterResourceRequest>();
      const mocks: pulumi.runtime.Mocks = {
        call: (args) => {
          throw new Error(`invoke ${args.token} is not supported by the test engine`);
        },
        newResource: async (args) => {
          // The monitor wrapper below hands over the request synchronously right before this call.
          const req = pending;
          pending = undefined;
          if (!req || req.getName() !== args.name || req.getType() !== args.type) {
            throw new Error(`test engine: lost the registration request of ${args.type} ${args.name}`);
          }
          const result = await run.hooks.register(toRegistration(run, req));
          if (result.failed) failed.add(req);
          return { id: result.id, state: result.outputs };
        },
      };
      await pulumi.runtime.setMocks(mocks, run.project, run.stack, run.preview);
      const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor;
      patchMonitor(monitor, run, {
        handOver: (req) => {
          pending = req;
        },
        failed: (req) => failed.has(req),
      });
      const secretKeys = Object.entries(run.config)
        .filter(([, v]) => v.secret)
        .map(([k]) => k);
      pulumi.runtime.setAllConfig(
        Object.fromEntries(Object.entries(run.config).map(([k, v]) => [k, v.value])),
        secretKeys,
      );
      try {
        await pulumi.runtime.runInPulumiStack(() => invokeProgram(run.program));
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e));
      }
      await pulumi.runtime.disconnect();
    });
    // Rejections of promises the program dropped are reported a turn later.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onUnhandled);
    process.off("uncaughtException", onUnhandled);
  }
  return { errors: [...new Set(errors)] };
}

function patchMonitor(
  monitor: PatchableMonitor,
  run: ProgramRun,
  requests: { handOver(req: RegisterResourceRequest): void; failed(req: RegisterResourceRequest): boolean },
): void {
  const registerResource = monitor.registerResource.bind(monitor);
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  // The mocks build URNs from the parent's last type only; the engine uses the full qualified type.
  monitor.newUrn = (parent, type, name) => makeUrn(run.stack, run.project, parent || undefined, type, name);
  monitor.registerResource = (req, callback) => {
    requests.handOver(req);
    return registerResource(req, (err, res) => {
      if (res instanceof RegisterResourceResponse && requests.failed(req)) res.setResult(Result.FAIL);
      callback(err, res);
    });
  };
  monitor.registerResourceOutputs = (req, callback) => {
    run.hooks.registerOutputs(req.getUrn(), fromStruct(req.getOutputs()));
    registerResourceOutputs(req, callback);
  };
  // Like the engine's ReadResource RPC: the step runs, and the answer is the URN and the outputs (secrets kept: the
  // SDK accepts them). A failed read answers with what the engine has then, no outputs (R: source_eval.go).
  monitor.readResource = async (req, callback) => {
    try {
      if (!run.hooks.read) throw new Error("reading existing resources (`get`, the `id` option) is not supported here");
      const { outputs } = await run.hooks.read(toReadRegistration(run, req));
      const res = new ReadResourceResponse();
      res.setUrn(makeUrn(run.stack, run.project, req.getParent() || undefined, req.getType(), req.getName()));
      res.setProperties(toStruct(outputs));
      callback(null, res);
    } catch (e) {
      callback(e, undefined);
    }
  };
}

function toReadRegistration(run: ProgramRun, req: ReadResourceRequest): ReadRegistration {
  const parent = req.getParent() || undefined;
  const r: ReadRegistration = {
    urn: makeUrn(run.stack, run.project, parent, req.getType(), req.getName()),
    type: req.getType(),
    name: req.getName(),
    id: req.getId(),
    dependencies: req.getDependenciesList(),
    inputs: mapWire(fromStruct(req.getProperties()), downgradeReferences),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
  };
  if (parent) r.parent = parent;
  return r;
}

function toRegistration(run: ProgramRun, req: RegisterResourceRequest): Registration {
  const parent = req.getParent() || undefined;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of req.getPropertydependenciesMap().entries()) {
    propertyDependencies[key] = deps.getUrnsList();
  }
  const options: ResourceOptionsState = {
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    ignoreChanges: req.getIgnorechangesList(),
    retainOnDelete: req.getRetainondelete() ?? false,
    protect: req.getProtect() ?? false,
  };
  if (req.getDeletebeforereplacedefined()) options.deleteBeforeReplace = req.getDeletebeforereplace();
  return {
    urn: makeUrn(run.stack, run.project, parent, req.getType(), req.getName()),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    inputs: mapWire(fromStruct(req.getObject()), downgradeReferences),
    options,
  };
}

function mapWire(m: PropertyMap, f: (v: Wire) => Wire): PropertyMap {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v)]));
}

/** As cmd/run does for a CommonJS program: require it; a function export is called; the result is the outputs. */
async function invokeProgram(program: Program): Promise<Record<string, Wire> | undefined> {
  const exported = typeof program === "string" ? loadModule(program) : program;
  const result = exported instanceof Function ? await (exported as () => unknown)() : exported;
  return (result ?? undefined) as Record<string, Wire> | undefined;
}

interface TsxApi {
  register(): () => void;
}

/**
 * Loads a program module afresh: a real run is a new process, so the program and the local modules it loads must
 * execute again on every run. Modules it loaded for the first time outside node_modules are dropped from the cache
 * afterwards (packages stay cached, so there is one @pulumi/pulumi). TypeScript is compiled by tsx, registered only
 * for the load when nothing else (e.g. `tsx cli.ts`) already handles .ts.
 */
function loadModule(file: string): unknown {
  const absolute = path.resolve(file);
  const before = new Set(Object.keys(require.cache));
  const needsTsx = /\.[cm]?tsx?$/.test(absolute) && !require.extensions[".ts"];
  // require(), not import: tsx is loaded only when a TypeScript program needs it.
  const unregister = needsTsx ? (require("tsx/cjs/api") as TsxApi).register() : undefined;
  try {
    return require(absolute) as unknown;
  } finally {
    unregister?.();
    for (const key of Object.keys(require.cache)) {
      if (!before.has(key) && !key.split(path.sep).includes("node_modules")) delete require.cache[key];
    }
  }
}
