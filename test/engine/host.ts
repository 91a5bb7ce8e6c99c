// The real dynamic-provider host, one child process per engine operation, like one CLI run: started in the
// program's directory, it prints its port on the first stdout line. Every host is killed when its operation ends;
// a process-exit hook kills any host still alive, so none outlives the process that started it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

// Generous: on a loaded machine loading @pulumi/pulumi alone can take tens of seconds.
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 2_000;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

export interface HostOptions {
  cwd: string;
  project: string;
  /** Added to process.env; an undefined value removes the variable. */
  env?: Record<string, string | undefined>;
  /** Each line the host writes to stderr (and to stdout after the port). */
  onLog: (line: string) => void;
}

/**
 * The host script the CLI's pulumi-resource-pulumi-nodejs plugin runs: @pulumi/pulumi resolved from the program
 * directory, and nowhere else (the plugin fails when the program has none installed).
 */
function hostScript(cwd: string): string {
  try {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", { paths: [cwd] });
  } catch {
    throw new Error(
      `could not read plugin [pulumi-resource-pulumi-nodejs]: @pulumi/pulumi is not installed in the program directory ${cwd} ` +
        "(run npm install there)",
    );
  }
}

export class ProviderHost {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly script: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(o: HostOptions): Promise<ProviderHost> {
    installExitHook();
    if (!fs.existsSync(o.cwd)) throw new Error(`the provider host's directory ${o.cwd} does not exist`);
    const script = hostScript(o.cwd);
    // PULUMI_CONFIG holds the `pulumi-nodejs:` config keys for the plugin: none, in practice.
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_PROJECT: o.project, PULUMI_PROJECT: o.project, PULUMI_CONFIG: "{}" };
    for (const [k, v] of Object.entries(o.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    // The engine address is required but unused by the dynamic-provider host.
    // `node` as the plugin script runs it: the first one on the PATH (of the host's environment).
    const child = spawn("node", [script, "127.0.0.1:0"], { cwd: o.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    live.add(child);
    child.once("exit", () => live.delete(child));
    readline.createInterface({ input: child.stderr! }).on("line", o.onLog);
    const stdout = readline.createInterface({ input: child.stdout! });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`provider host did not report its port within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
        const fail = (why: string) => {
          clearTimeout(timer);
          reject(new Error(`provider host (${path.relative(process.cwd(), script)}) ${why} before reporting its port`));
        };
        child.once("error", (e) => fail(`failed to start: ${e.message}`));
        child.once("exit", (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
        stdout.once("line", (line) => {
          clearTimeout(timer);
          const port = Number(line.trim());
          if (Number.isInteger(port) && port > 0) resolve(port);
          else reject(new Error(`provider host printed ${JSON.stringify(line)} instead of its port`));
          stdout.on("line", o.onLog);
        });
      });
      return new ProviderHost(child, port, script);
    } catch (e) {
      await new ProviderHost(child, 0, script).stop();
      throw e;
    }
  }

  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
