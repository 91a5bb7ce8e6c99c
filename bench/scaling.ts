// 5. Scaling: `preview` with no changes of a stack of N cross-cluster keys (N = 10, 100, 1000), through the engine
// and the real host (Check + Diff per key, no request to Elasticsearch). An operation has a fixed cost (host start,
// state load, program start, the host loading our runtime on its first call), measured by a stack of one key; the
// time per resource is what each further key adds: (t(N) − t(1)) / (N − 1). It should stay flat as N grows;
// anything quadratic shows at N = 1000.
import type { EmulatorProcess } from "./emulator";
import { benchStack, keysProgram, type BenchStack } from "./stack";
import { median, ms, pass, type Row, type SectionResult } from "./types";

/** Per-resource time at the largest size may be at most this multiple of the one at the middle size. */
const FLAT_TOLERANCE = 1.5;

export interface ScalingPoint {
  keys: number;
  upMs: number;
  previewMs: number[];
  medianPreviewMs: number;
  /** (median(N) − median(1)) / (N − 1); undefined for the baseline. */
  perResourceMs?: number;
}

export interface ScalingData {
  sizes: number[];
  points: ScalingPoint[];
  flatTolerance: number;
}

export async function measureScaling(
  emulator: EmulatorProcess,
  options: { sizes: number[]; previews: (keys: number) => number },
  progress: (line: string) => void,
): Promise<SectionResult<ScalingData>> {
  const sizes = [1, ...options.sizes.filter((n) => n > 1)];
  const points: ScalingPoint[] = [];
  for (const keys of sizes) {
    const stack: BenchStack = benchStack(emulator, keysProgram(keys, `sc${keys}`), { stack: `scaling-${keys}` });
    try {
      let started = performance.now();
      const up = await stack.engine.up();
      const upMs = performance.now() - started;
      if (!up.ok) throw new Error(`up of ${keys} keys failed: ${up.errors.map((e) => e.message).join("; ")}`);
      const previewMs: number[] = [];
      for (let i = 0; i < options.previews(keys); i++) {
        started = performance.now();
        const preview = await stack.engine.preview();
        previewMs.push(performance.now() - started);
        const changed = preview.steps.filter((s) => s.op !== "same");
        if (!preview.ok || changed.length > 0 || preview.steps.length !== keys + 1 /* the stack */) {
          throw new Error(`preview of ${keys} unchanged keys was not a no-op: ok=${preview.ok}, ${changed.length} changes, ${preview.steps.length} steps`);
        }
      }
      const point: ScalingPoint = { keys, upMs, previewMs, medianPreviewMs: median(previewMs) };
      points.push(point);
      progress(`  ${keys} keys: up ${ms(upMs)}, preview ${previewMs.map((t) => ms(t)).join(", ")}`);
    } finally {
      stack.close();
    }
  }
  const base = points[0]!.medianPreviewMs;
  for (const p of points.slice(1)) p.perResourceMs = (p.medianPreviewMs - base) / (p.keys - 1);

  const section = "5. scaling (preview, no changes)";
  const rows: Row[] = [];
  const sized = points.slice(1);
  rows.push({
    section,
    metric: "1 key (fixed cost of an operation)",
    value: ms(base),
    verdict: "INFO",
    note: `median of ${points[0]!.previewMs.length}; host start, state load, program start, first call loads our runtime`,
  });
  for (const p of sized) {
    rows.push({
      section,
      metric: `${p.keys} keys: preview wall / per resource`,
      value: `${ms(p.medianPreviewMs)} / ${(p.perResourceMs ?? NaN).toFixed(2)} ms`,
      verdict: "INFO",
      note: `median of ${p.previewMs.length}; (t(N) − t(1)) / (N − 1); wall/N ${(p.medianPreviewMs / p.keys).toFixed(2)} ms; setup up ${ms(p.upMs)}`,
    });
  }
  const largest = sized.at(-1);
  const middle = sized.at(-2);
  if (largest?.perResourceMs !== undefined && middle?.perResourceMs !== undefined) {
    const growth = largest.perResourceMs / middle.perResourceMs;
    rows.push({
      section,
      metric: `per-resource time ${largest.keys} vs ${middle.keys} keys`,
      value: `${growth.toFixed(2)}×`,
      goal: `flat (≤ ${FLAT_TOLERANCE}×)`,
      verdict: pass(growth <= FLAT_TOLERANCE),
      note: `${largest.perResourceMs.toFixed(2)} ms vs ${middle.perResourceMs.toFixed(2)} ms per resource`,
    });
  }
  return { rows, data: { sizes, points, flatTolerance: FLAT_TOLERANCE } };
}
