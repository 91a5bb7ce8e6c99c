// The engine's public types (see README.md).

export interface EngineOptions {
  /** Default "test". */
  project?: string;
  stack: string;
  stateDir: string;
  passphrase: string;
  /** A function, or the path of a module (its exports are the stack outputs; a function export is called). */
  program: (() => unknown) | string;
  /** Stack config, namespaced keys ("elastic:endpoint"); secret values are never written in plaintext. */
  config?: Record<string, { value: string; secret?: boolean }>;
  /** Where the provider host runs (default: process.cwd()); the provider's require() resolves from here. */
  hostCwd?: string;
  /** Added to the host's environment (undefined removes a variable); may be changed between operations. */
  env?: Record<string, string | undefined>;
  /** Progress lines and host output, secrets redacted. */
  log?: (line: string) => void;
}

export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "read" | "refresh-gone" | "refresh-drift";

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
  /** Human-readable, as the CLI prints it; never contains a secret. */
  report: string;
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
