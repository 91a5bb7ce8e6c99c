import { expect } from "vitest";
import { ConnectorApiKeyBinding } from "../../provider";
import type { OperationResult } from "../engine";
import { createConnector, createRestKey } from "../provider/connectorApiKeyBinding/remote";
import type { TestStack } from "../support/stack";
import { defaultOutcome, describeScenario, type FaultCase, type FaultTag, printMatrixTable, type Scenario, type Snapshot } from "./matrix";

const TYPE = "pulumi-nodejs:dynamic/elastic:ConnectorApiKeyBinding";

/** One connector per case, named after it, so every request about it carries the case in its path. */
const connectorId = (c: FaultCase) => `fc-${c.name}`;

let declared: FaultCase[] = [];
/** The key each case's binding declares (first key, then the second for the update scenario). */
let keyOf = new Map<string, string>();
const program = () => {
  for (const c of declared) new ConnectorApiKeyBinding(c.name, { connectorId: connectorId(c), apiKeyId: keyOf.get(c.name)! });
};

async function expectOk(result: Promise<OperationResult>): Promise<void> {
  const done = await result;
  expect(done.ok, done.report).toBe(true);
}

/** Connectors and two live REST keys per case, made out of band; the bindings declared with the first key. */
async function declare(stack: TestStack, cases: FaultCase[]): Promise<Map<string, [string, string]>> {
  const keys = new Map<string, [string, string]>();
  for (const c of cases) {
    await createConnector(stack.emulator, connectorId(c));
    keys.set(c.name, [await createRestKey(stack.emulator, `${c.name}-a`), await createRestKey(stack.emulator, `${c.name}-b`)]);
  }
  declared = cases;
  keyOf = new Map([...keys].map(([name, [first]]) => [name, first]));
  stack.setProgram(program);
  return keys;
}

async function bindAll(stack: TestStack, cases: FaultCase[]): Promise<Map<string, [string, string]>> {
  const keys = await declare(stack, cases);
  await expectOk(stack.engine.up());
  return keys;
}

/**
 * A binding in state is what the connector holds, and a connector holds a binding only when the state has it.
 * `expected` is the key the connector must be bound to by now (`""`: unbound), when the phase decides it.
 */
function bindingViolations(c: FaultCase, at: Snapshot, expected?: string): string[] {
  const connector = at.inventory.connectors.find((doc) => doc.id === connectorId(c));
  const bound = typeof connector?.api_key_id === "string" ? connector.api_key_id : "";
  const inState = at.state.resources.filter((r) => r.type === TYPE && r.name === c.name);
  const problems: string[] = [];
  if (inState.length > 1) problems.push(`${inState.length} bindings in state`);
  const stateKey = inState[0]?.outputs.apiKeyId;
  if (inState.length === 1 && stateKey !== bound) problems.push(`state says ${String(stateKey)}, the connector holds ${bound || "nothing"}`);
  if (inState.length === 0 && bound !== "") problems.push(`the connector is bound to ${bound}, which the state does not know`);
  if (expected !== undefined && bound !== expected) problems.push(`the connector holds ${bound || "nothing"}, expected ${expected || "nothing"}`);
  return problems;
}

/** The PUT of a binding: path only, nothing else of the operation uses it. */
const bindRequest = async (_stack: TestStack, c: FaultCase) => ({ method: "PUT", path: `/_connector/${connectorId(c)}/_api_key_id` });

let updateKeys = new Map<string, [string, string]>();

const scenarios: Scenario[] = [
  {
    resource: "ConnectorApiKeyBinding",
    operation: "create",
    outcome: defaultOutcome,
    async prepare(stack, cases) {
      await declare(stack, cases);
    },
    target: bindRequest,
    act: (stack) => stack.engine.up(),
    violations: (c, at, phase) => bindingViolations(c, at, phase === "after converging" ? keyOf.get(c.name) : undefined),
  },
  {
    resource: "ConnectorApiKeyBinding",
    operation: "update",
    outcome: defaultOutcome,
    async prepare(stack, cases) {
      updateKeys = await bindAll(stack, cases);
      keyOf = new Map([...updateKeys].map(([name, [, second]]) => [name, second]));
    },
    target: bindRequest,
    act: (stack) => stack.engine.up(),
    violations: (c, at, phase) => bindingViolations(c, at, phase === "after converging" ? updateKeys.get(c.name)![1] : undefined),
  },
  {
    resource: "ConnectorApiKeyBinding",
    operation: "refresh",
    // GET _connector/{id} answers 404 for a connector that is gone, but one 404 is not proof: refresh reads again
    // before it drops a binding from state, and the second read finds the connector.
    outcome: (tag: FaultTag) => (tag === "404" ? "recovered" : defaultOutcome(tag)),
    async prepare(stack, cases) {
      await bindAll(stack, cases);
    },
    async target(_stack, c) {
      return { method: "GET", path: `/_connector/${connectorId(c)}` };
    },
    act: (stack) => stack.engine.refresh(),
    violations: (c, at) => bindingViolations(c, at, keyOf.get(c.name)),
  },
  {
    resource: "ConnectorApiKeyBinding",
    operation: "delete",
    // A 404 on the unbinding PUT is success only if a new read agrees that the connector is gone; here it is not.
    outcome: defaultOutcome,
    async prepare(stack, cases) {
      await bindAll(stack, cases);
    },
    target: bindRequest,
    act: (stack) => stack.engine.destroy(),
    violations: (c, at, phase) => bindingViolations(c, at, phase === "after converging" ? "" : undefined),
  },
];

for (const scenario of scenarios) describeScenario(scenario);
printMatrixTable();
