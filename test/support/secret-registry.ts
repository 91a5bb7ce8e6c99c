// Where the secret scanner (secret-scanner.setup.ts) learns which secrets exist and what was produced since its last
// scan. The emulator and the engine report here; this module must not import vitest, because both also run outside
// it (`npm run emulator`, the engine CLI, the demo), where nothing is collected.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { OperationResult } from "../engine/types";
import type { Artifact, SecretSource } from "./secret-scan";

interface Registry {
  /** Set by the scanner's setup file; until then artifacts are dropped (nobody would ever read them). */
  collecting: boolean;
  sources: SecretSource[];
  pending: Artifact[];
}

// On globalThis rather than in module scope, so every copy of this module the test runner may load shares one.
const KEY = Symbol.for("pulumi-elastic-keys/secret-registry");

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  return (holder[KEY] ??= { collecting: false, sources: [], pending: [] });
}

/** Every source stays registered: a secret of an emulator closed long ago still must not appear anywhere. */
export function registerSecretSource(source: SecretSource): void {
  registry().sources.push(source);
}

export function secretSources(): readonly SecretSource[] {
  return registry().sources;
}

export function startCollecting(): void {
  registry().collecting = true;
}

/**
 * Hands the scanner text a test captured itself, e.g. a child process's output; it is searched at the end of the
 * test. `label` names the artifact in the failure message.
 */
export function scanArtifact(label: string, text: string): void {
  const r = registry();
  if (r.collecting && text.length > 0) r.pending.push({ label, text });
}

/** Everything handed over since the last call. */
export function takeArtifacts(): Artifact[] {
  return registry().pending.splice(0);
}

export interface EngineObserver {
  /** A line the engine gave (or would have given) to its `log` callback. */
  line(line: string): void;
  /** The result of an operation, and the state directory as that operation left it. */
  operated(kind: string, result: OperationResult): void;
}

/** What an engine reports; `stateDir` is read when an operation ends (tests remove it soon after). */
export function observeEngine(stateDir: () => string): EngineObserver {
  return {
    line(line) {
      // The engine passes the host's output to the callback as "host: …"; the label tells the two apart.
      scanArtifact(line.startsWith("host: ") ? "host log" : "engine log", line);
    },
    operated(kind, result) {
      if (!registry().collecting) return;
      scanArtifact(`${kind} report`, result.report);
      scanArtifact(`${kind} error messages`, JSON.stringify(result.errors));
      scanArtifact(`${kind} steps`, JSON.stringify(result.steps));
      scanArtifact(`${kind} stack outputs`, JSON.stringify(result.outputs ?? {}));
      for (const file of filesUnder(stateDir())) {
        const text = readIfThere(file);
        if (text !== undefined) scanArtifact(`state file ${file}`, text);
      }
    },
  };
}

function filesUnder(dir: string): string[] {
  // A state directory that is not there (yet, or any more) holds nothing to scan.
  return ifThere(() =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  ) ?? [];
}

/** A temporary file of a state write may be renamed away between listing and reading; its content is in the other. */
function readIfThere(file: string): string | undefined {
  return ifThere(() => readFileSync(file, "utf8"));
}

function ifThere<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
