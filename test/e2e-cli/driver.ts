// One vocabulary for what a user sees after each command, whoever ran it: the real `pulumi` CLI (./pulumi-cli.ts)
// or the project's test engine (../engine). The lifecycle scenarios are written against `Driver`, so the same
// steps run through both, and the differential test compares their transcripts.
import type { Emulator } from "../emulator";
import type { StepOp } from "../engine/types";
import type { Credentials } from "../support/stack";

/** What happened to one resource, as `pulumi` names it in its summary (refresh: same, drift, gone). */
/** `read`: an existing resource read (`get`); `discard`: a read resource dropped from the state, nothing deleted. */
export type Op = "create" | "update" | "replace" | "delete" | "same" | "drift" | "gone" | "read" | "discard";

export type Command = "preview" | "up" | "refresh" | "destroy";

export interface Outcome {
  command: Command;
  ok: boolean;
  /** Custom resources only, by resource name. */
  ops: Record<string, Op>;
  /** The properties that made a resource replace, by resource name. */
  replaceReasons: Record<string, string[]>;
  /** The error lines the user is shown (empty when ok). */
  errors: string[];
  /** Everything the command printed, raw: stdout and stderr, or the engine's report. */
  output: string;
}

export interface StateResource {
  type: string;
  name: string;
  id: string;
  /** Plaintext outputs. */
  outputs: Record<string, unknown>;
  /** Top-level output keys stored as secrets. */
  secretOutputKeys: string[];
}

export type Program = () => unknown;

export interface DriverOptions {
  emulator: Emulator;
  program: Program;
  credentials?: Credentials;
}

export interface Driver {
  readonly kind: "engine" | "cli";
  run(command: Command, options?: { refresh?: boolean; diff?: boolean }): Promise<Outcome>;
  setProgram(program: Program): void;
  /** Sets (or, with undefined, removes) a variable of the environment every later command and host inherit. */
  setEnv(name: string, value: string | undefined): void;
  /** `pulumi config set [--secret]`. */
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  /** Custom resources in state, pending deletes excluded. */
  resources(): Promise<StateResource[]>;
  close(): Promise<void>;
}

/** The engine's step ops in the CLI's vocabulary (a refresh that found nothing changed is "same" there). */
export function opOfEngineStep(op: StepOp, command: Command): Op {
  if (op === "refresh-drift") return "drift";
  if (op === "refresh-gone") return "gone";
  if (op === "read" && command === "refresh") return "same";
  if (op === "read-replacement") return "replace"; // the CLI's read-replacement goes with a replace step
  return op;
}

/** Resource name from a URN (`urn:pulumi:stack::project::type::name`). */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Outcomes without their raw output, for comparing and for test failure messages. */
export function transcript(outcomes: readonly Outcome[]): Omit<Outcome, "output" | "errors">[] {
  return outcomes.map(({ command, ok, ops, replaceReasons }) => ({ command, ok, ops, replaceReasons }));
}
