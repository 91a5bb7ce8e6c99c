import { expect } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../provider";
import type { OperationResult } from "../engine";
import { clusterPath, revokePath, rotatePath, TYPE } from "../provider/cloudConnectedClusterApiKey/helpers";
import type { TestStack } from "../support/stack";
import { defaultOutcome, describeScenario, type FaultCase, type FaultTag, printMatrixTable, type Scenario, type Snapshot } from "./matrix";

/** One Cloud Connected cluster per case: every request about a case carries its cluster id in the path. */
let clusterOf = new Map<string, string>();
let declared: FaultCase[] = [];
let args: Omit<CloudConnectedClusterApiKeyArgs, "clusterId"> = {};
const program = () => {
  for (const c of declared) new CloudConnectedClusterApiKey(c.name, { clusterId: clusterOf.get(c.name)!, ...args });
};

async function declare(stack: TestStack, cases: FaultCase[], initial: typeof args): Promise<void> {
  clusterOf = new Map(cases.map((c) => [c.name, stack.emulator.addCloudCluster(c.name)]));
  declared = cases;
  args = initial;
  stack.setProgram(program);
}

async function rotateAll(stack: TestStack, cases: FaultCase[], initial: typeof args): Promise<void> {
  await declare(stack, cases, initial);
  const up: OperationResult = await stack.engine.up();
  expect(up.ok, up.report).toBe(true);
}

/**
 * A rotation is not idempotent and leaves no trace to look for, so an answer lost on the way (reset, timeout, cut
 * off) is reported — never retried — and the next `up` rotates again. 429/503 arrive before any work and are retried.
 */
const rotationOutcome = (tag: FaultTag) => (tag === "429" || tag === "503" ? "recovered" : "error");

/** Lost rotation answers: the cluster may now hold a key nobody has until the next `up` replaces it. */
const LOST_ANSWER: ReadonlySet<FaultTag> = new Set(["reset-before", "reset-after", "hang", "malformed"]);

interface Expectation {
  /** The resource must be in state (true) or gone (false). */
  present?: boolean;
  /** The state's key must be the cluster's active one (not only still working). */
  active?: boolean;
  /** No pending key may be left on the cluster. */
  noPending?: boolean;
}

/**
 * The key in state still works (active, or pending within its 7 days) and, unless told otherwise, is the cluster's
 * active key: nothing in state that does not exist, no second resource for a cluster.
 */
function keyViolations(c: FaultCase, at: Snapshot, expect: Expectation): string[] {
  const cluster = at.inventory.clusters.find((x) => x.id === clusterOf.get(c.name));
  const inState = at.state.resources.filter((r) => r.type === TYPE && r.name === c.name);
  const problems: string[] = [];
  if (!cluster) return [`cluster of ${c.name} is missing from the emulator`];
  if (inState.length > 1) problems.push(`${inState.length} resources for one cluster`);
  if (expect.present === true && inState.length === 0) problems.push("the resource is not in state");
  if (expect.present === false && inState.length > 0) problems.push("the resource is still in state");
  const key = inState[0]?.outputs.key;
  if (key !== undefined && key !== cluster.activeKey && !cluster.pendingKeys.some((p) => p.key === key)) {
    problems.push("the key in state no longer works (neither active nor pending)");
  }
  if (key !== undefined && expect.active && key !== cluster.activeKey) problems.push("the key in state is not the cluster's active key");
  if (expect.noPending && cluster.pendingKeys.length > 0) problems.push(`${cluster.pendingKeys.length} pending key(s) left on the cluster`);
  return problems;
}

const scenarios: Scenario[] = [
  {
    resource: "CloudConnectedClusterApiKey",
    operation: "create",
    outcome: rotationOutcome,
    prepare: (stack, cases) => declare(stack, cases, { triggers: { release: "1" } }),
    async target(_stack, c) {
      return { target: "cloud", method: "POST", path: rotatePath(clusterOf.get(c.name)!) };
    },
    act: (stack) => stack.engine.up(),
    violations: (c, at, phase) =>
      keyViolations(c, at, phase === "after converging" ? { present: true, active: true } : { active: !LOST_ANSWER.has(c.tag) }),
  },
  {
    resource: "CloudConnectedClusterApiKey",
    operation: "rotate",
    outcome: rotationOutcome,
    async prepare(stack, cases) {
      await rotateAll(stack, cases, { triggers: { release: "1" } });
      args = { triggers: { release: "2" } };
    },
    async target(_stack, c) {
      return { target: "cloud", method: "POST", path: rotatePath(clusterOf.get(c.name)!) };
    },
    act: (stack) => stack.engine.up(),
    violations: (c, at, phase) =>
      keyViolations(c, at, phase === "after converging" ? { present: true, active: true } : { present: true, active: !LOST_ANSWER.has(c.tag) }),
  },
  {
    resource: "CloudConnectedClusterApiKey",
    operation: "update",
    // Turning revokePreviousKey on revokes the pending key in place; revoking is idempotent, so it is retried.
    outcome: defaultOutcome,
    async prepare(stack, cases) {
      await rotateAll(stack, cases, { triggers: { release: "1" } });
      args = { triggers: { release: "1" }, revokePreviousKey: true };
    },
    async target(_stack, c) {
      return { target: "cloud", method: "POST", path: revokePath(clusterOf.get(c.name)!) };
    },
    act: (stack) => stack.engine.up(),
    violations: (c, at, phase) => keyViolations(c, at, { present: true, active: true, noPending: phase === "after converging" }),
  },
  {
    resource: "CloudConnectedClusterApiKey",
    operation: "refresh",
    // A 404 means the cluster is gone only when a second read agrees; here it does not, so the key stays in state.
    outcome: (tag) => (tag === "404" ? "recovered" : defaultOutcome(tag)),
    prepare: (stack, cases) => rotateAll(stack, cases, { triggers: { release: "1" } }),
    async target(_stack, c) {
      return { target: "cloud", method: "GET", path: clusterPath(clusterOf.get(c.name)!) };
    },
    act: (stack) => stack.engine.refresh(),
    violations: (c, at) => keyViolations(c, at, { present: true, active: true }),
  },
  {
    resource: "CloudConnectedClusterApiKey",
    operation: "delete",
    // With revokeOnDelete, destroy revokes the pending keys; a 404 counts as "cluster gone" only if a read agrees.
    outcome: defaultOutcome,
    prepare: (stack, cases) => rotateAll(stack, cases, { triggers: { release: "1" }, revokeOnDelete: true }),
    async target(_stack, c) {
      return { target: "cloud", method: "POST", path: revokePath(clusterOf.get(c.name)!) };
    },
    act: (stack) => stack.engine.destroy(),
    violations: (c, at, phase) => keyViolations(c, at, phase === "after converging" ? { present: false, noPending: true } : { active: true }),
  },
];

for (const scenario of scenarios) describeScenario(scenario);
printMatrixTable();
