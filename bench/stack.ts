// An engine (test/engine: the real dynamic-provider host over gRPC) wired to the benchmark's emulator, the way the
// tests do it: the host runs from the repository root (where node_modules/pulumi-elastic-keys resolves to the built
// package), stack config carries the endpoint and credentials, developer ELASTICSEARCH_* variables are cleared.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine, type EngineOptions } from "../test/engine";
import type * as Package from "../provider";
import { CLEARED_ENV } from "../test/support/stack";
import { REPO_ROOT, type EmulatorProcess } from "./emulator";

export interface BenchStack {
  engine: Engine;
  close(): void;
}

export function stackConfig(emulator: EmulatorProcess): NonNullable<EngineOptions["config"]> {
  const { username, password } = emulator.credentials.superuser;
  return {
    "elastic:endpoint": { value: emulator.esUrl },
    "elastic:username": { value: username },
    "elastic:password": { value: password, secret: true },
  };
}

export function benchStack(
  emulator: EmulatorProcess,
  program: EngineOptions["program"],
  options: { stack?: string; env?: Record<string, string | undefined>; log?: (line: string) => void } = {},
): BenchStack {
  const stateDir = mkdtempSync(path.join(tmpdir(), "elastic-keys-bench-"));
  const engine = new Engine({
    project: "elastic-keys-bench",
    stack: options.stack ?? "bench",
    stateDir,
    passphrase: "bench passphrase",
    program,
    config: stackConfig(emulator),
    hostCwd: REPO_ROOT,
    env: { ...CLEARED_ENV, ...options.env },
    ...(options.log && { log: options.log }),
  });
  return { engine, close: () => rmSync(stateDir, { recursive: true, force: true }) };
}

/** The package as a user installs it (dist/, by name), typed by the sources it is compiled from. */
export function installedPackage(): typeof Package {
  return require("pulumi-elastic-keys") as typeof Package;
}

/** A program declaring `count` independent cross-cluster keys. */
export function keysProgram(count: number, prefix: string): () => void {
  const { CrossClusterApiKey } = installedPackage();
  return () => {
    for (let i = 0; i < count; i++) {
      new CrossClusterApiKey(`${prefix}-${i}`, { access: { search: [{ names: [`logs-${prefix}-${i}-*`] }] }, metadata: { bench: prefix } });
    }
  };
}
