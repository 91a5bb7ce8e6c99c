import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import type { OperationResult } from "../../engine";
import type { Emulator } from "../../emulator";
import type { TestStack } from "../../support/stack";

export const CCK_TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";
export const API_KEY_TYPE = "pulumi-nodejs:dynamic/elastic:ApiKey";

/** Live keys of a kind on one emulator: not invalidated, not expired; the emulator's own pre-made REST key left out. */
export function liveKeys(emulator: Emulator, kind: "cross_cluster" | "rest") {
  const now = emulator.clock.now();
  return emulator
    .inventory()
    .apiKeys.filter((k) => k.type === kind && !k.invalidated && (k.expiration === undefined || k.expiration > now))
    .filter((k) => k.id !== emulator.credentials.restApiKey.id);
}

/**
 * The emulator's live keys of the resource type are exactly the ones in the state: no stray (live, not in state), no
 * duplicate, no key in state that is not live.
 */
export async function expectLiveKeysMatchState(stack: TestStack, type: string = CCK_TYPE, emulator: Emulator = stack.emulator): Promise<void> {
  const inState = (await stack.engine.readState()).resources.filter((r) => r.type === type).map((r) => r.id ?? "");
  const live = liveKeys(emulator, type === CCK_TYPE ? "cross_cluster" : "rest").map((k) => k.id);
  expect([...live].sort(), "live keys in the emulator vs keys in the state").toEqual([...inState].sort());
}

/** The one cross-cluster key of the state that is not pending delete. */
export async function liveKeyInState(stack: TestStack) {
  const live = (await stack.engine.readState()).resources.filter((r) => r.type === CCK_TYPE && !r.pendingDelete);
  expect(live).toHaveLength(1);
  return live[0]!;
}

/** Waits (bounded) until `done()` holds: for a request the server finishes after the client gave up on it. */
export async function waitFor(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids of the dynamic-provider hosts this test process is running right now (children of this process). */
function runningHostPids(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes("dynamic-provider"))
    .map((line) => Number.parseInt(line.trim(), 10));
}

/**
 * An `up` killed as a cancelled CI job kills it: waits until the emulator holds the create request of `route`
 * (delayed there by a latency fault, so it is processed after the kill), then SIGKILLs the provider host. Resolves
 * with the failed operation once the late create has landed in the emulator.
 */
export async function upKilledMidCreate(stack: TestStack, route: string, landed: () => boolean): Promise<OperationResult> {
  stack.emulator.resetStats();
  const running = stack.engine.up();
  await waitFor("the create request to reach the emulator", () => stack.emulator.requests().some((r) => r.route === route));
  for (const pid of runningHostPids()) process.kill(pid, "SIGKILL");
  const result = await running;
  await waitFor("the interrupted create to land", landed);
  stack.emulator.faults.clear();
  return result;
}
