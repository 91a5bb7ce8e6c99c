import os from "node:os";
import { describe } from "vitest";
import { defaultParallel } from "./limits";
import { test, Thing, type Op } from "./testing";

/** The largest number of calls that were running at the same time. */
function maxOverlap(ops: Op[]): number {
  const events = ops.flatMap((o) => [[o.start, 1] as const, [o.end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, delta] of events) max = Math.max(max, (now += delta));
  return max;
}

// D14: the step generator makes Check and Diff one at a time; the executor runs at most --parallel steps at once.
describe("scheduling", { timeout: 180_000 }, () => {
  test("Check and Diff one at a time; Create at most `parallel` at once", async ({ s, expect }) => {
    let value = "v";
    const engine = s.engine(() => {
      for (let i = 0; i < 5; i++) new Thing(`t${i}`, { value: `${value}${i}` });
    }, { parallel: 2, env: { ENGINE_THINGS_DELAY_MS: "100", ENGINE_THINGS_CREATE_DELAY_MS: "1500" } });

    expect((await engine.up()).ok).toBe(true);
    expect(maxOverlap(s.ops("check"))).toBe(1);
    expect(maxOverlap(s.ops("create"))).toBe(2);

    s.clearOps();
    value = "w";
    expect((await engine.up()).ok).toBe(true);
    expect(maxOverlap(s.ops("check", "diff"))).toBe(1);
  });

  test("default parallelism is 4 × the CPUs, or PULUMI_PARALLEL", ({ expect }) => {
    const saved = process.env.PULUMI_PARALLEL;
    try {
      delete process.env.PULUMI_PARALLEL;
      expect(defaultParallel()).toBe(4 * os.availableParallelism());
      process.env.PULUMI_PARALLEL = "3";
      expect(defaultParallel()).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.PULUMI_PARALLEL;
      else process.env.PULUMI_PARALLEL = saved;
    }
  });
});
