// The emulator for the benchmarks, in a child process of its own: like a real cluster it then never shares an event
// loop (or a CPU queue) with the engine or the client being measured. It is driven through its HTTP control API
// (test/emulator/README.md), which exposes the same faults and stats() as the in-process API and is neither counted
// nor faulted.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { request } from "undici";
import type { EmulatorCredentials, EmulatorStats, FaultRule } from "../test/emulator/types";

export const REPO_ROOT = path.resolve(__dirname, "..");
const START_TIMEOUT_MS = 30_000;

interface Started {
  esUrl: string;
  cloudUrl: string;
  defaultClusterId: string;
  credentials: EmulatorCredentials;
}

export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly esUrl: string,
    readonly cloudUrl: string,
    readonly credentials: EmulatorCredentials,
  ) {}

  /** `npm run emulator -- --json` on free loopback ports, in its own Node process. */
  static async start(): Promise<EmulatorProcess> {
    const cli = path.join(REPO_ROOT, "test/emulator/cli.ts");
    const child = spawn(process.execPath, ["--import", "tsx", cli, "--json", "--host", "127.0.0.1", "--es-port", "0", "--cloud-port", "0"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const stopOnExit = (): void => {
      child.kill("SIGKILL");
    };
    process.once("exit", stopOnExit);
    child.once("exit", () => process.off("exit", stopOnExit));
    const started = await new Promise<Started>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the emulator did not start within 30 s")), START_TIMEOUT_MS);
      child.once("exit", (code) => reject(new Error(`the emulator exited (code ${code}) before printing its URLs`)));
      readline.createInterface({ input: child.stdout! }).once("line", (line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Started);
      });
    });
    return new EmulatorProcess(child, started.esUrl, started.cloudUrl, started.credentials);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The same rule as `emulator.faults.inject(rule)`; resolves with a remover. */
  async inject(rule: FaultRule): Promise<() => Promise<void>> {
    const { path: p, times, ...rest } = rule;
    const body = {
      ...rest,
      path: p instanceof RegExp ? p.source : p,
      ...(p instanceof RegExp && { regex: true }),
      ...(times !== undefined && { times: times === Infinity ? "Infinity" : times }),
    };
    const { id } = (await this.control("POST", "/_emulator/faults", body)) as { id: string };
    return async () => {
      await this.control("DELETE", `/_emulator/faults/${encodeURIComponent(id)}`);
    };
  }

  async clearFaults(): Promise<void> {
    await this.control("DELETE", "/_emulator/faults");
  }

  /** `emulator.stats()`: requests and TCP connections accepted since the last reset. */
  async stats(): Promise<EmulatorStats> {
    return (await this.control("GET", "/_emulator/stats")) as EmulatorStats;
  }

  async resetStats(): Promise<void> {
    await this.control("DELETE", "/_emulator/stats");
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private async control(method: "GET" | "POST" | "DELETE", urlPath: string, body?: unknown): Promise<unknown> {
    const res = await request(`${this.esUrl}${urlPath}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`emulator control ${method} ${urlPath}: ${res.statusCode} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
