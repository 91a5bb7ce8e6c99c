// The engine's scheduling limits: at most `--parallel` steps (Create/Update/Delete/Read) run at once, and the step
// generator's provider calls (Check, Diff) are made one at a time (R: pkg/resource/deploy/step_generator.go,
// step_executor.go; default parallelism in pkg/cmd/pulumi/operations/up.go).
import os from "node:os";

/** Default `--parallel`: 4 × the CPUs Go would use (GOMAXPROCS), or PULUMI_PARALLEL. */
export function defaultParallel(): number {
  const fromEnv = Number(process.env.PULUMI_PARALLEL);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 4 * os.availableParallelism();
}

/** A counting semaphore: `run` waits for one of `size` slots. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`parallelism must be a positive integer, not ${size}`);
  }

  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await body();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on directly
      else this.active--;
    }
  }
}
