// Each resource's whole lifecycle (./lifecycles.ts) through the real `pulumi` CLI against the emulator, then the
// same steps through the project's test engine: the engine must show what the CLI shows, step by step (the
// operation per resource, the replace reasons, which outputs are secret). The CLI is the judge.
import { afterEach, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator";
import { addFigures } from "../support/figures";
import { describeWithCli } from "./available";
import { type Driver, type Program, transcript } from "./driver";
import { startEngine } from "./engine-driver";
import { LIFECYCLES, type LifecycleRecord, runLifecycle } from "./lifecycles";
import { startCli } from "./pulumi-cli";

describeWithCli("every resource's lifecycle through the real pulumi CLI, and the engine held against it", () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of opened.splice(0).reverse()) await closable.close();
  });

  async function record(start: (options: { emulator: Emulator; program: Program }) => Promise<Driver>, title: string): Promise<LifecycleRecord> {
    const lifecycle = LIFECYCLES.find((l) => l.title === title)!;
    const emulator = await startEmulator();
    opened.push(emulator);
    const programs = await lifecycle.prepare(emulator);
    const driver = await start({ emulator, program: programs.initial });
    opened.push(driver);
    return runLifecycle(driver, emulator, lifecycle, programs);
  }

  const cliRecords = new Map<string, LifecycleRecord>();
  for (const { title } of LIFECYCLES) {
    it(`${title} through the CLI: preview, up, refresh, no-op up, update, replace, drift, out-of-band delete, destroy`, async () => {
      cliRecords.set(title, await record(startCli, title));
      addFigures({ cliScenarios: 1 });
    }, 300_000);

    it(`${title} through the engine shows what the CLI showed`, async (ctx) => {
      const cli = cliRecords.get(title);
      if (!cli) ctx.skip(); // the CLI run failed: its own test says why
      const engine = await record(startEngine, title);
      expect(transcript(engine.outcomes)).toEqual(transcript(cli!.outcomes));
      expect(engine.secretOutputs).toEqual(cli!.secretOutputs);
      addFigures({ cliScenarios: 1 });
    }, 300_000);
  }
});
