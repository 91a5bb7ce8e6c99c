/**
 * The fault matrix: every fault of {@link FAULTS} on one operation of one resource, through the test engine and
 * the real dynamic-provider host. One engine operation carries all the faults of a scenario at once — each case
 * has its own resource, and each fault rule matches only its resource's requests (`contains`) — so the matrix
 * costs a few operations per scenario instead of a few per case.
 *
 * For every case it records: whether the fault fired, the outcome (recovered, or an error), whether that error
 * names the resource, the operation and what to do, whether the emulator's inventory matched the state right after
 * the fault, and whether running the operation again without faults converged (ok, inventory matching the state).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationResult, StateView } from "../engine";
import type { Fault, FaultRule, Inventory } from "../emulator";
import { addFigures } from "../support/figures";
import { startTestStack, type TestStack } from "../support/stack";

export type FaultTag = "429" | "503" | "500" | "reset-before" | "reset-after" | "hang" | "malformed" | "401" | "403" | "404" | "409" | "412";

/** The faults of issue #8, each injected once (a retried request then meets a healthy server). */
export const FAULTS: ReadonlyArray<{ tag: FaultTag; fault: Fault }> = [
  { tag: "429", fault: { kind: "status", status: 429, retryAfter: 1 } },
  { tag: "503", fault: { kind: "status", status: 503, retryAfter: 1 } },
  { tag: "500", fault: { kind: "status", status: 500 } },
  { tag: "reset-before", fault: { kind: "reset-before" } },
  { tag: "reset-after", fault: { kind: "reset-after" } },
  { tag: "hang", fault: { kind: "hang" } },
  { tag: "malformed", fault: { kind: "malformed" } },
  { tag: "401", fault: { kind: "status", status: 401 } },
  { tag: "403", fault: { kind: "status", status: 403 } },
  { tag: "404", fault: { kind: "status", status: 404 } },
  { tag: "409", fault: { kind: "status", status: 409 } },
  { tag: "412", fault: { kind: "status", status: 412 } },
];

/** A request that never comes back is given up on after this long (stack config `elastic:requestTimeout`). */
export const REQUEST_TIMEOUT = "3s";

export type Outcome = "recovered" | "error";

export interface FaultCase {
  tag: FaultTag;
  fault: Fault;
  /** The resource's name in the program, unique per scenario and case, e.g. `update-reset-after`. */
  name: string;
}

/** What the emulator and the state file hold at one moment. */
export interface Snapshot {
  state: StateView;
  inventory: Inventory;
}

export interface Scenario {
  /** The resource's class name, which every error about it must contain. */
  resource: string;
  /** The faulted operation, as the error must name it. */
  operation: "create" | "update" | "refresh" | "delete" | "rotate";
  /** What a case must end in; anything not listed is an error, except the defaults of {@link defaultOutcome}. */
  outcome(tag: FaultTag): Outcome;
  /** Declares the cases' resources and brings them to the state the faulted operation starts from. */
  prepare(stack: TestStack, cases: FaultCase[]): Promise<void>;
  /** Which request of the operation carries the case's fault. */
  target(stack: TestStack, c: FaultCase): Promise<Pick<FaultRule, "method" | "path" | "contains" | "target">>;
  /** The faulted operation. */
  act(stack: TestStack): Promise<OperationResult>;
  /** What running it again without faults is (default: `act`). */
  converge?(stack: TestStack): Promise<OperationResult>;
  /** Where the emulator and the state disagree for this case (orphans, ghosts, duplicates); empty when they match. */
  violations(c: FaultCase, at: Snapshot, phase: "after the fault" | "after converging"): string[];
}

/** Outcomes that hold for every idempotent request: 429/503 and lost connections or answers are retried. */
export function defaultOutcome(tag: FaultTag): Outcome {
  return ["429", "503", "reset-before", "reset-after", "hang", "malformed"].includes(tag) ? "recovered" : "error";
}

export interface CaseResult {
  scenario: string;
  tag: FaultTag;
  expected: Outcome;
  outcome: Outcome;
  fired: boolean;
  /** The provider's message for an error outcome (display-safe: the engine redacts secrets it knows). */
  error?: string;
  /** What the error lacks: resource, operation or advice. */
  unclear: string[];
  violations: string[];
  convergeError?: string;
  survived: boolean;
}

const results: CaseResult[] = [];

/** Words that tell the user what to do next. */
const ADVICE = /run `pulumi (up|refresh|destroy)`|check |set |use |remove |fix /i;

/** Operation words an error may use for the faulted operation. */
const OPERATION_WORDS: Record<Scenario["operation"], RegExp> = {
  create: /\bcreate\b/,
  update: /\bupdate\b/,
  refresh: /\brefresh\b/,
  delete: /\bdelete\b/,
  rotate: /\b(rotat\w*|update|create)\b/,
};

async function snapshot(stack: TestStack): Promise<Snapshot> {
  return { state: await stack.engine.readState(), inventory: stack.emulator.inventory() };
}

function errorFor(result: OperationResult, name: string): string | undefined {
  return result.errors.find((e) => e.resource === name)?.message;
}

function unclearParts(scenario: Scenario, message: string): string[] {
  const missing: string[] = [];
  if (!message.includes(scenario.resource)) missing.push(`does not name the resource (${scenario.resource})`);
  if (!OPERATION_WORDS[scenario.operation].test(message)) missing.push(`does not name the operation (${scenario.operation})`);
  if (!ADVICE.test(message)) missing.push("does not say what to do");
  return missing;
}

async function runScenario(scenario: Scenario): Promise<CaseResult[]> {
  const title = `${scenario.resource} ${scenario.operation}`;
  const stack = await startTestStack(() => undefined);
  try {
    stack.engine.options.config = { ...stack.engine.options.config, "elastic:requestTimeout": { value: REQUEST_TIMEOUT } };
    const cases = FAULTS.map((f) => ({ ...f, name: `${scenario.operation}-${f.tag}` }));
    await scenario.prepare(stack, cases);
    const rules = new Map<FaultCase, { readonly hits: number }>();
    for (const c of cases) rules.set(c, stack.emulator.faults.inject({ ...(await scenario.target(stack, c)), times: 1, fault: c.fault }));

    const faulted = await scenario.act(stack);
    const afterFault = await snapshot(stack);
    stack.emulator.faults.clear();
    const converged = await (scenario.converge ?? scenario.act)(stack);
    const afterConverge = await snapshot(stack);

    return cases.map((c) => {
      const error = errorFor(faulted, c.name);
      const outcome: Outcome = error === undefined ? "recovered" : "error";
      const convergeError = errorFor(converged, c.name) ?? converged.errors.find((e) => e.resource === undefined)?.message;
      const unclear = error === undefined ? [] : unclearParts(scenario, error);
      const violations = [
        ...scenario.violations(c, afterFault, "after the fault"),
        ...scenario.violations(c, afterConverge, "after converging"),
      ];
      const fired = (rules.get(c)?.hits ?? 0) > 0;
      const expected = scenario.outcome(c.tag);
      const survived = fired && outcome === expected && unclear.length === 0 && violations.length === 0 && convergeError === undefined;
      return { scenario: title, tag: c.tag, expected, outcome, fired, error, unclear, violations, convergeError, survived };
    });
  } finally {
    await stack.close();
  }
}

/**
 * Declares the vitest suite of one scenario: the whole batch runs once, then one test per fault asserts its case,
 * so a failure names the fault. Each test adds its case to the figures and to the table printed at the end.
 */
export function describeScenario(scenario: Scenario): void {
  describe(`fault matrix: ${scenario.resource} ${scenario.operation}`, () => {
    let byTag = new Map<FaultTag, CaseResult>();
    beforeAll(async () => {
      const outcome = await runScenario(scenario);
      results.push(...outcome);
      byTag = new Map(outcome.map((r) => [r.tag, r]));
    }, 180_000);

    it.each(FAULTS.map((f) => f.tag))("%s", (tag) => {
      const r = byTag.get(tag);
      expect(r, "the scenario ran").toBeDefined();
      addFigures({ faultCases: 1 });
      expect(r!.fired, "the fault was injected into the operation's request").toBe(true);
      expect(r!.outcome, r!.error ?? "recovered").toBe(r!.expected);
      expect(r!.unclear, r!.error).toEqual([]);
      expect(r!.violations).toEqual([]);
      expect(r!.convergeError, "running the operation again without the fault").toBeUndefined();
      addFigures({ faultsSurvived: 1 });
    });
  });
}

/** Prints the table of every case this file ran, with the totals. */
export function printMatrixTable(): void {
  afterAll(() => {
    if (results.length === 0) return;
    const rows = results.map((r) => [r.scenario, r.tag, r.expected, r.fired ? r.outcome : "not fired", r.survived ? "pass" : "FAIL"]);
    const header = ["scenario", "fault", "expected", "outcome", "result"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
    const passed = results.filter((r) => r.survived).length;
    console.log(
      [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), "", `fault cases: ${results.length}, survived: ${passed}, failed: ${results.length - passed}`].join("\n"),
    );
  });
}
