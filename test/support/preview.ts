import { beforeAll, expect, it } from "vitest";
import type { OperationResult } from "../engine";
import { addFigures } from "./figures";
import type { TestStack } from "./stack";

/** What a refused preview must name: the property path CheckFailure reports, and/or words of the message. */
export interface Refusal {
  property?: string;
  message?: RegExp;
}

/**
 * Runs the stack's current program as a preview and asserts it was refused before reaching Elasticsearch or the
 * Cloud API: `ok: false`, the property (or message) named, and zero requests received by the emulator. Each refusal
 * that holds counts once towards the "bad inputs rejected" figure of the run's summary.
 */
export async function expectRejectedAtPreview(stack: TestStack, expected: Refusal): Promise<OperationResult> {
  stack.emulator.resetStats();
  const preview = await stack.engine.preview();
  expect(preview.ok, preview.report).toBe(false);
  if (expected.property !== undefined) expect(preview.errors.map((e) => e.property ?? ""), preview.report).toContain(expected.property);
  if (expected.message !== undefined) expect(preview.report).toMatch(expected.message);
  expect(stack.emulator.stats().requests.total, "requests that reached the emulator during preview").toBe(0);
  addFigures({ badInputsRejected: 1 });
  return preview;
}

/** One row of a refusal table: a title, how to declare the row's resource under a given name, and what must be named. */
export type RefusalRow = readonly [title: string, declare: (name: string) => void, expected: Refusal];

/**
 * One vitest test per row, all answered by a single preview (one host start instead of one per row): the program
 * declares every row's resource, each under its own name, and each row's test asserts that its resource (or a child
 * named after it) was refused
 * with the property (or message) named — and that the preview as a whole sent zero requests. Rows must be refused
 * by Check (a row whose program throws would stop the others). The stack's program is restored afterwards.
 */
export function itRejectsEachAtPreview(stack: () => TestStack, rows: readonly RefusalRow[]): void {
  let preview: OperationResult | undefined;
  let requests = Number.NaN;
  beforeAll(async () => {
    const { engine, emulator } = stack();
    const program = engine.options.program;
    engine.options.program = () => rows.forEach(([, declare], i) => declare(`row-${i}`));
    try {
      emulator.resetStats();
      preview = await engine.preview();
      requests = emulator.stats().requests.total;
    } finally {
      engine.options.program = program;
    }
  });

  it.each(rows.map(([title], i) => [title, i] as const))("%s", (_title, i) => {
    const [, , expected] = rows[i]!;
    // A component's refusal comes from its children, named after it (`row-3-key`).
    const errors = preview!.errors.filter((e) => e.resource === `row-${i}` || e.resource?.startsWith(`row-${i}-`));
    expect(errors.length, `row-${i} was refused\n${preview!.report}`).toBeGreaterThan(0);
    if (expected.property !== undefined) expect(errors.map((e) => e.property ?? ""), preview!.report).toContain(expected.property);
    if (expected.message !== undefined) expect(errors.map((e) => e.message).join("\n")).toMatch(expected.message);
    expect(requests, "requests that reached the emulator during the preview").toBe(0);
    addFigures({ badInputsRejected: 1 });
  });
}
