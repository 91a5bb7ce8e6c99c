import { expect } from "vitest";
import type { OperationResult } from "../engine";
import type { TestStack } from "./stack";

/** What a refused preview must name: the property path CheckFailure reports, and/or words of the message. */
export interface Refusal {
  property?: string;
  message?: RegExp;
}

/**
 * Runs the stack's current program as a preview and asserts it was refused before reaching Elasticsearch or the
 * Cloud API: `ok: false`, the property (or message) named, and zero requests received by the emulator.
 */
export async function expectRejectedAtPreview(stack: TestStack, expected: Refusal): Promise<OperationResult> {
  stack.emulator.resetStats();
  const preview = await stack.engine.preview();
  expect(preview.ok, preview.report).toBe(false);
  if (expected.property !== undefined) expect(preview.errors.map((e) => e.property ?? ""), preview.report).toContain(expected.property);
  if (expected.message !== undefined) expect(preview.report).toMatch(expected.message);
  expect(stack.emulator.stats().requests.total, "requests that reached the emulator during preview").toBe(0);
  return preview;
}
