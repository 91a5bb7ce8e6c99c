// The engine's public types (see README.md).

/** Stack config, namespaced keys ("elastic:endpoint"); values are strings, as `pulumi config` keeps them. */
export type StackConfig = Record<string, { value: string; secret?: boolean }>;

export interface EngineOptions {
  /** Default "test". */
  project?: string;
  stack: string;
  stateDir: string;
  passphrase: string;
  /** A function, or the path of a module (its exports are the stack outputs; a function export is called). */
  program: (() => unknown) | string;
  /** Stack config, namespaced keys ("elastic:endpoint"); secret values are never written in plaintext. */
  config?: StackConfig;
  /**
   * The program directory (default: process.cwd()): the host is `@pulumi/pulumi/cmd/dynamic-provider` resolved from
   * here (no fallback), run here with the `node` found on PATH; the provider's require() resolves from here.
   */
  hostCwd?: string;
  /** Default for `up()`/`refresh()` (default false): skip the preview pass, as `--skip-preview` does. */
  skipPreview?: boolean;
  /** `--parallel`: steps (Create/Update/Delete/Read) at once; default 4 × CPUs, or PULUMI_PARALLEL. */
  parallel?: number;
  /** Added to the host's environment (undefined removes a variable); may be changed between operations. */
  env?: Record<string, string | undefined>;
  /** Progress lines and host output, stack-config secrets masked (as the CLI prints them). */
  log?: (line: string) => void;
}

export interface UpOptions {
  /** `--skip-preview`: no preview deployment before the update (default: EngineOptions.skipPreview). */
  skipPreview?: boolean;
  /** `--refresh`: read every resource first, with the provider configured from the state (see runProgram). */
  refresh?: boolean;
  /** With refresh: `--run-program`, the refresh phase uses the current config. */
  runProgram?: boolean;
}

export interface RefreshOptions {
  /** `--skip-preview`: no preview pass (which reads every resource too) before the refresh. */
  skipPreview?: boolean;
  /** `--run-program`: configure the provider with the current config instead of the state's. */
  runProgram?: boolean;
}

export interface DestroyOptions {
  /** `--run-program`: configure the provider with the current config instead of the state's. */
  runProgram?: boolean;
}

/**
 * `read`: a read of an existing resource (`get`, the `id` option), or a refresh that found nothing changed;
 * `read-replacement`: a read taking the place of a managed resource with another id (which is then deleted);
 * `discard`: a read resource dropped from the state (removed from the program, or destroy): nothing is deleted.
 */
export type StepOp =
  | "create"
  | "update"
  | "replace"
  | "delete"
  | "same"
  | "read"
  | "read-replacement"
  | "discard"
  | "refresh-gone"
  | "refresh-drift";

/** Values are display values: secrets are "[secret]", unknowns (preview) "[unknown]". */
export interface PropertyDiff {
  property: string;
  old?: unknown;
  new?: unknown;
}

export interface Step {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  diffs: PropertyDiff[];
  replaceReasons: string[];
  error?: string;
}

export interface EngineError {
  urn?: string;
  resource?: string;
  property?: string;
  message: string;
}

export interface OperationResult {
  ok: boolean;
  steps: Step[];
  errors: EngineError[];
  /** Human-readable, as the CLI prints it: secret values "[secret]", stack-config secrets masked in free text. */
  report: string;
  /** The hidden step of the default provider resource (the CLI does not show it): create/update/same/delete. */
  defaultProvider?: Step;
  /** up/refresh: the preview pass that ran first (absent with skipPreview). */
  preview?: OperationResult;
  /** Stack outputs as display values (secrets "[secret]", unknowns "[unknown]"); readState() has the plaintext. */
  outputs?: Record<string, unknown>;
}

export interface ResourceView {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  /** Plaintext (secrets decrypted and unwrapped). */
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Top-level keys whose value is (or contains) a secret. */
  secretInputKeys: string[];
  secretOutputKeys: string[];
  dependencies: string[];
  parent?: string;
  /** The resource options the engine acts on, as last registered. */
  options: ResourceOptionsView;
  /** An old copy replaced create-before-delete whose deletion is still due. */
  pendingDelete: boolean;
  initErrors?: string[];
  /** Read with `get` / the `id` option: not managed, never deleted. */
  external: boolean;
}

export interface ResourceOptionsView {
  additionalSecretOutputs: string[];
  replaceOnChanges: string[];
  ignoreChanges: string[];
  /** Only when the program set it. */
  deleteBeforeReplace?: boolean;
  retainOnDelete: boolean;
  protect: boolean;
}

export interface StateView {
  resources: ResourceView[];
  /** Stack outputs, plaintext. */
  outputs: Record<string, unknown>;
  secretOutputKeys: string[];
}
