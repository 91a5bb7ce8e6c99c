// The project's test engine as a `Driver`, so a scenario written for the real CLI runs through it unchanged.
import type { OperationResult } from "../engine/types";
import { startTestStack, type TestStack } from "../support/stack";
import type { Command, Driver, DriverOptions, Op, Outcome, Program, StateResource } from "./driver";
import { opOfEngineStep } from "./driver";

class EngineDriver implements Driver {
  readonly kind = "engine";

  constructor(private readonly stack: TestStack) {}

  setProgram(program: Program): void {
    this.stack.setProgram(program);
  }

  setEnv(name: string, value: string | undefined): void {
    this.stack.engine.options.env = { ...this.stack.engine.options.env, [name]: value };
  }

  async setConfig(key: string, value: string, secret = false): Promise<void> {
    this.stack.engine.options.config = { ...this.stack.engine.options.config, [key]: { value, secret } };
  }

  async run(command: Command, flags: { refresh?: boolean } = {}): Promise<Outcome> {
    const engine = this.stack.engine;
    if (flags.refresh && command === "up") await engine.refresh();
    const result: OperationResult = await engine[command]();
    const ops: Record<string, Op> = {};
    const replaceReasons: Record<string, string[]> = {};
    // Custom resources only, as the CLI's transcript has them: no stack, component or provider resource.
    for (const step of result.steps.filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/"))) {
      ops[step.name] = opOfEngineStep(step.op, command);
      if (step.op === "replace") replaceReasons[step.name] = [...step.replaceReasons].sort();
    }
    return { command, ok: result.ok, ops, replaceReasons, errors: result.errors.map((e) => e.message), output: result.report };
  }

  async resources(): Promise<StateResource[]> {
    const state = await this.stack.engine.readState();
    return state.resources
      .filter((r) => r.custom && !r.pendingDelete && !r.type.startsWith("pulumi:providers:"))
      .map((r) => ({ type: r.type, name: r.name, id: r.id ?? "", outputs: r.outputs, secretOutputKeys: r.secretOutputKeys }));
  }

  async close(): Promise<void> {
    await this.stack.close();
  }
}

export async function startEngine(options: DriverOptions): Promise<Driver> {
  return new EngineDriver(await startTestStack(options.program, { credentials: options.credentials, emulator: options.emulator }));
}
