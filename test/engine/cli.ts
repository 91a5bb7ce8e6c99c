// The engine as a command line, for running a program directory by hand or from CI:
//   npx tsx test/engine/cli.ts preview|up|refresh|destroy --stack NAME --dir PROGRAM_DIR [--state-dir DIR]
//       [--config key=value]... [--secret-config key=value]... [--skip-preview] [--refresh] [--run-program] [--verbose]
// The passphrase comes from PULUMI_CONFIG_PASSPHRASE. Prints the report on stdout (and progress and host output on
// stderr with --verbose); exits 0 on success, 1 when the operation failed, 2 on a usage error.
import path from "node:path";
import { Engine } from "./index";
import { qualify, readProject, readStackConfig } from "./project";

const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

class UsageError extends Error {}

interface Args {
  operation: Operation;
  stack: string;
  dir: string;
  stateDir?: string;
  config: [string, string, boolean][];
  verbose: boolean;
  skipPreview: boolean;
  refresh: boolean;
  runProgram: boolean;
}

const SWITCHES = { "--verbose": "verbose", "-v": "verbose", "--skip-preview": "skipPreview", "--refresh": "refresh", "--run-program": "runProgram" } as const;

function parseArgs(argv: string[]): Args {
  const [operation, ...rest] = argv;
  if (!OPERATIONS.includes(operation as Operation)) throw new UsageError(`unknown operation ${JSON.stringify(operation ?? "")}`);
  const args: Partial<Args> & Pick<Args, "config" | "verbose" | "skipPreview" | "refresh" | "runProgram"> = {
    operation: operation as Operation,
    config: [],
    verbose: false,
    skipPreview: false,
    refresh: false,
    runProgram: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag in SWITCHES) {
      args[SWITCHES[flag as keyof typeof SWITCHES]] = true;
      continue;
    }
    const value = rest[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === "--stack" || flag === "-s") args.stack = value;
    else if (flag === "--dir" || flag === "-C") args.dir = value;
    else if (flag === "--state-dir") args.stateDir = value;
    else if (flag === "--config" || flag === "--secret-config") {
      const eq = value.indexOf("=");
      if (eq <= 0) throw new UsageError(`${flag} expects key=value`);
      args.config.push([value.slice(0, eq), value.slice(eq + 1), flag === "--secret-config"]);
    } else throw new UsageError(`unknown flag ${flag}`);
  }
  if (!args.stack) throw new UsageError("--stack is required");
  if (!args.dir) throw new UsageError("--dir is required");
  return args as Args;
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(
      `error: ${e.message}\nusage: cli.ts preview|up|refresh|destroy --stack NAME --dir PROGRAM_DIR [--state-dir DIR] ` +
        `[--config key=value] [--secret-config key=value] [--skip-preview] [--refresh] [--run-program] [--verbose]\n`,
    );
    return 2;
  }
  const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE;
  if (passphrase === undefined) {
    process.stderr.write("error: PULUMI_CONFIG_PASSPHRASE must be set (it encrypts the secrets in the state)\n");
    return 2;
  }
  const dir = path.resolve(args.dir);
  const project = readProject(dir);
  const config = readStackConfig(dir, args.stack, project.name);
  for (const [key, value, secret] of args.config) config[qualify(key, project.name)] = { value, secret };

  const engine = new Engine({
    project: project.name,
    stack: args.stack,
    stateDir: path.resolve(args.stateDir ?? path.join(dir, ".stacks")),
    passphrase,
    program: project.main,
    config,
    hostCwd: dir,
    log: args.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  const { skipPreview, refresh, runProgram } = args;
  const result =
    args.operation === "up"
      ? await engine.up({ skipPreview, refresh, runProgram })
      : args.operation === "refresh"
        ? await engine.refresh({ skipPreview, runProgram })
        : args.operation === "destroy"
          ? await engine.destroy({ runProgram })
          : await engine.preview();
  if (result.preview) process.stdout.write(`${result.preview.report}\n\n`);
  process.stdout.write(`${result.report}\n`);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
