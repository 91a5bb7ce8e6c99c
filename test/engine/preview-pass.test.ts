import { describe } from "vitest";
import { test, Thing } from "./testing";

// `pulumi up` and `pulumi refresh` preview first, in a deployment (and a host process) of their own (D7, D8).
describe.concurrent("the preview pass of up and refresh", { timeout: 180_000 }, () => {
  test("up runs a preview deployment, then an update deployment: two hosts, the program run twice", async ({ s, expect }) => {
    let runs = 0;
    const engine = s.engine(() => {
      runs++;
      new Thing("t", { value: "v" });
    }, { skipPreview: false });

    const up = await engine.up();

    expect(up.ok, up.report).toBe(true);
    expect(runs).toBe(2);
    expect(up.preview?.report).toContain("Previewing update (test/dev):");
    expect(up.preview?.steps.find((st) => st.name === "t")?.op).toBe("create");
    const checks = s.ops("check");
    expect(checks).toHaveLength(2);
    expect(new Set(checks.map((o) => o.pid)).size).toBe(2);
    expect(engine.hostPids()).toHaveLength(2);
    expect(s.ops("create")).toHaveLength(1);

    s.clearOps();
    const skipped = await engine.up({ skipPreview: true });
    expect(skipped.ok).toBe(true);
    expect(skipped.preview).toBeUndefined();
    expect(runs).toBe(3);
    expect(s.ops("check", "diff").map((o) => o.op)).toEqual(["check", "diff"]);
  });

  test("a failed preview stops up before the update deployment", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("bad", { value: "invalid" });
    }, { skipPreview: false });

    const up = await engine.up();

    expect(up.ok).toBe(false);
    expect(up.report).toContain("Previewing update (test/dev):");
    expect(engine.hostPids()).toHaveLength(1);
    expect(s.ops("check")).toHaveLength(1);
  });

  test("refresh previews first, which reads every resource too; skipPreview reads once", async ({ s, expect }) => {
    const engine = s.engine(() => {
      new Thing("a", { value: "v" });
      new Thing("b", { value: "w" });
    });
    expect((await engine.up()).ok).toBe(true);

    s.clearOps();
    const refresh = await engine.refresh({ skipPreview: false });
    expect(refresh.ok).toBe(true);
    expect(refresh.preview?.report).toContain("Previewing refresh (test/dev):");
    const reads = s.ops("read");
    expect(reads.map((o) => o.label).sort()).toEqual(["a", "a", "b", "b"]);
    expect(new Set(reads.map((o) => o.pid)).size).toBe(2);

    s.clearOps();
    expect((await engine.refresh({ skipPreview: true })).ok).toBe(true);
    expect(s.ops("read")).toHaveLength(2);
  });
});
