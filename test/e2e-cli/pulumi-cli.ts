// The real `pulumi` CLI (built from Go modules by scripts/install-pulumi-cli.sh) as a `Driver`. Programs run as
// the Automation API's inline programs: the CLI talks to a language runtime in this test process, so no
// `pulumi-language-nodejs` is needed (its Go module is not served by the module proxy). Everything is offline: a
// local file backend and a private PULUMI_HOME in a temporary directory, passphrase secrets, no update check.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type EngineEvent, LocalWorkspace, PulumiCommand, Stack, type StepEventMetadata } from "@pulumi/pulumi/automation";
import { scanArtifact } from "../support/secret-registry";
import { CLEARED_ENV, REPO_ROOT, stackConfig } from "../support/stack";
import type { Command, Driver, DriverOptions, Op, Outcome, Program, StateResource } from "./driver";
import { nameOfUrn } from "./driver";

export const PASSPHRASE = "correct horse battery staple";
const STACK = "dev";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The CLI version tools/pulumi-cli/go.mod pins, and where the install script puts it. */
export function cliBinDir(): string {
  const goMod = readFileSync(path.join(REPO_ROOT, "tools/pulumi-cli/go.mod"), "utf8");
  const version = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/.exec(goMod)?.[1];
  if (!version) throw new Error("tools/pulumi-cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3");
  return path.join(REPO_ROOT, ".pulumi-cli", version, "bin");
}

/** Why the CLI tests cannot run here, or undefined when they can. */
export function cliUnavailable(): string | undefined {
  const bin = cliBinDir();
  for (const file of ["pulumi", "pulumi-resource-pulumi-nodejs"]) {
    if (!existsSync(path.join(bin, file))) {
      return `${path.relative(REPO_ROOT, path.join(bin, file))} is missing: build it with \`bash scripts/install-pulumi-cli.sh\``;
    }
  }
  return undefined;
}

export interface PulumiCliOptions extends DriverOptions {
  /** Default "elastic-keys-e2e"; a program's `new pulumi.Config()` reads `<project>:*`. */
  project?: string;
  /** Default: `stackConfig(emulator, credentials)`. */
  config?: Record<string, { value: string; secret?: boolean }>;
}

/** `pulumi` through the Automation API, one stack in its own backend. */
export class PulumiCli implements Driver {
  readonly kind = "cli";
  readonly root = mkdtempSync(path.join(tmpdir(), "elastic-keys-cli-"));
  readonly workDir = path.join(this.root, "project");
  readonly backendDir = path.join(this.root, "backend");
  private program: Program;
  private readonly env: Record<string, string>;
  private stack?: Stack;
  private command?: PulumiCommand;

  constructor(private readonly options: PulumiCliOptions) {
    this.program = options.program;
    mkdirSync(this.workDir);
    mkdirSync(this.backendDir);
    // The plugin launcher resolves @pulumi/pulumi from the program directory, as the CLI's own launcher does.
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(this.workDir, "node_modules"), "dir");
    // A developer's own ELASTICSEARCH_* variables must never satisfy (or leak into) a test; the CLI and its plugins
    // inherit this process's environment, so they are removed here.
    for (const name of Object.keys(CLEARED_ENV)) delete process.env[name];
    this.env = {
      PATH: `${cliBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: path.join(this.root, "home"),
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
  }

  async init(): Promise<this> {
    this.command = await PulumiCommand.get({ root: path.dirname(cliBinDir()) });
    const workspace = await LocalWorkspace.create({
      workDir: this.workDir,
      pulumiCommand: this.command,
      envVars: this.env,
      projectSettings: { name: this.options.project ?? "elastic-keys-e2e", runtime: "nodejs" },
      // The workspace's program is fixed; it calls whatever the test set last.
      program: async () => (await this.program()) as Record<string, unknown> | void,
    });
    this.stack = await Stack.create(STACK, workspace);
    await this.setAllConfig(this.options.config ?? stackConfig(this.options.emulator, this.options.credentials));
    return this;
  }

  private get s(): Stack {
    if (!this.stack) throw new Error("PulumiCli.init() was not awaited");
    return this.stack;
  }

  setProgram(program: Program): void {
    this.program = program;
  }

  setEnv(name: string, value: string | undefined): void {
    // The workspace passes these to every command, and the CLI to the plugins it starts.
    for (const env of [this.env, this.s.workspace.envVars ?? {}]) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    await this.s.setConfig(key, { value, secret });
  }

  async setAllConfig(config: NonNullable<PulumiCliOptions["config"]>): Promise<void> {
    await this.s.setAllConfig(config);
  }

  async run(command: Command, flags: { refresh?: boolean; diff?: boolean; runProgram?: boolean } = {}): Promise<Outcome> {
    const collected = new EventCollector(command);
    let stdout = "";
    let stderr = "";
    const common = {
      onEvent: (event: EngineEvent) => collected.add(event),
      onOutput: (text: string) => (stdout += text),
      onError: (text: string) => (stderr += text),
    };
    let ok = true;
    try {
      if (command === "preview") await this.s.preview({ ...common, refresh: flags.refresh, diff: flags.diff });
      else if (command === "up") await this.s.up({ ...common, refresh: flags.refresh, diff: flags.diff });
      else if (command === "refresh") await this.s.refresh({ ...common, runProgram: flags.runProgram });
      else await this.s.destroy({ ...common, runProgram: flags.runProgram });
    } catch {
      // The Automation API throws on a non-zero exit; what the user saw is in stdout/stderr and the events.
      ok = false;
    }
    const output = `${stdout}${stderr}`;
    scanArtifact(`pulumi ${command} output (raw)`, output);
    this.scanBackend(command);
    return { command, ok, ...collected.result(), output };
  }

  /** `pulumi <args>` in the project directory, with the stack's environment. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const options = { cwd: this.workDir, env: { ...process.env, ...this.env }, maxBuffer: 64 * 1024 * 1024 };
      execFile(path.join(cliBinDir(), "pulumi"), [...args, "--non-interactive"], options, (error, stdout, stderr) => {
        scanArtifact(`pulumi ${args.join(" ")} stderr`, stderr);
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  /** The state as `pulumi stack export [--show-secrets]` gives it. */
  async exportState(showSecrets: boolean): Promise<{ resources: ExportedResource[]; text: string }> {
    const r = await this.cli(["stack", "export", "--stack", STACK, ...(showSecrets ? ["--show-secrets"] : [])]);
    if (r.code !== 0) throw new Error(`pulumi stack export failed: ${r.stderr}`);
    if (!showSecrets) scanArtifact("pulumi stack export", r.stdout);
    const parsed = JSON.parse(r.stdout) as { deployment: { resources?: ExportedResource[] } };
    return { resources: parsed.deployment.resources ?? [], text: r.stdout };
  }

  async resources(): Promise<StateResource[]> {
    const { resources } = await this.exportState(true);
    return resources
      .filter((r) => r.custom && !r.delete && !r.type.startsWith("pulumi:providers:"))
      .map((r) => {
        const outputs: Record<string, unknown> = {};
        const secretOutputKeys: string[] = [];
        for (const [key, value] of Object.entries(r.outputs ?? {})) {
          const secret = revealSecret(value);
          if (secret.secret) secretOutputKeys.push(key);
          outputs[key] = secret.value;
        }
        return { type: r.type, name: nameOfUrn(r.urn), id: r.id ?? "", outputs, secretOutputKeys };
      });
  }

  /** Every file of the backend (state, history, backups) and the stack's config file go to the secret scanner. */
  private scanBackend(command: Command): void {
    const files = readdirSync(this.backendDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    files.push(path.join(this.workDir, `Pulumi.${STACK}.yaml`));
    for (const file of files.filter((f) => existsSync(f))) {
      scanArtifact(`file after ${command}: ${path.relative(this.root, file)}`, readFileSync(file, "utf8"));
    }
  }

  async close(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  delete?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A secret of `stack export --show-secrets` is `{sig, plaintext: "<JSON>"}`; without it `{sig, ciphertext}`. */
function revealSecret(value: unknown): { secret: boolean; value: unknown } {
  if (typeof value !== "object" || value === null || !(SECRET_SIG in value)) return { secret: false, value };
  const plaintext = (value as { plaintext?: string }).plaintext;
  return { secret: true, value: plaintext === undefined ? undefined : JSON.parse(plaintext) };
}

/** Turns the engine events of one command into per-resource ops, replace reasons and error lines. */
class EventCollector {
  private readonly ops: Record<string, Op> = {};
  private readonly replaceReasons: Record<string, string[]> = {};
  private readonly errors: string[] = [];

  constructor(private readonly command: Command) {}

  add(event: EngineEvent): void {
    if (event.diagnosticEvent?.severity === "error") this.errors.push(event.diagnosticEvent.message.trim());
    // A refresh's outcome is known only from its outputs event; every other op is announced by the pre event.
    const metadata = this.command === "refresh" ? event.resOutputsEvent?.metadata : event.resourcePreEvent?.metadata;
    if (!metadata || !(metadata.new ?? metadata.old)?.custom || metadata.type.startsWith("pulumi:providers:")) return;
    const name = nameOfUrn(metadata.urn);
    const op = this.opOf(metadata);
    if (op === undefined || this.ops[name] === "replace") return;
    this.ops[name] = op;
    if (op === "replace") this.replaceReasons[name] = [...(metadata.keys ?? [])].sort();
  }

  private opOf(metadata: StepEventMetadata): Op | undefined {
    if (this.command === "refresh") {
      return ({ same: "same", update: "drift", delete: "gone" } as const)[metadata.op as "same" | "update" | "delete"];
    }
    switch (metadata.op) {
      case "create":
      case "update":
      case "delete":
      case "same":
      case "read":
      case "discard":
        return metadata.op;
      case "create-replacement":
      case "replace":
      case "delete-replaced":
      case "read-replacement":
      case "discard-replaced":
        return "replace";
      default:
        // `refresh` steps of `up --refresh` are followed by the update's own step.
        return undefined;
    }
  }

  result(): Pick<Outcome, "ops" | "replaceReasons" | "errors"> {
    return { ops: this.ops, replaceReasons: this.replaceReasons, errors: this.errors };
  }
}

/** A started CLI stack, closed by the caller. */
export async function startCli(options: PulumiCliOptions): Promise<PulumiCli> {
  return new PulumiCli(options).init();
}
