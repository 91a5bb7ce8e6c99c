import { expect, vi } from "vitest";
import { RemoteClusterAccess, type RemoteClusterAccessArgs } from "../../../provider";
import type { Emulator } from "../../emulator";
import { FaultRegistry } from "../../emulator/faults";
import type { TestStack } from "../../support/stack";

export const ALIAS = "prod";
export const DAY = 86_400_000;
export const KEY_TYPE = "pulumi-nodejs:dynamic/elastic:CrossClusterApiKey";

/** The component's arguments against the emulator: the remote cluster from stack config, the local one by connection. */
export function accessArgs(emulator: Emulator, overrides: { remote?: Partial<RemoteClusterAccessArgs["remote"]>; local?: Partial<RemoteClusterAccessArgs["local"]> } = {}): RemoteClusterAccessArgs {
  return {
    alias: ALIAS,
    remote: { access: { search: [{ names: ["logs-*"] }] }, expiration: "90d", rotateAfter: "30d", ...overrides.remote },
    local: {
      deploymentId: emulator.local.deploymentId,
      refId: emulator.local.refId,
      proxyAddress: "prod.es.example.com:9443",
      serverName: "prod.es.example.com",
      readinessTimeout: "10s",
      // A cluster only `connection` names gets only its own credentials (the emulator's local cluster shares users).
      connection: { endpoints: [emulator.local.esUrl], ...emulator.credentials.superuser },
      ...overrides.local,
    },
  };
}

export function program(args: () => RemoteClusterAccessArgs) {
  return () => {
    new RemoteClusterAccess("logs-from-prod", args());
  };
}


/**
 * Records whether the alias is connected just before the emulator (either cluster, or Cloud) processes each request:
 * the emulator runs in this process and changes state only while handling a request, so this sees every state the
 * rotation goes through. Returns the samples and a restore function.
 */
export function watchConnection(emulator: Emulator): { samples: Array<{ connected: boolean; path: string }>; stop(): void } {
  const samples: Array<{ connected: boolean; path: string }> = [];
  const take = FaultRegistry.prototype.take;
  const spy = vi.spyOn(FaultRegistry.prototype, "take").mockImplementation(function (this: FaultRegistry, ...args: Parameters<FaultRegistry["take"]>) {
    samples.push({ connected: emulator.local.connected(ALIAS), path: `${args[1]} ${args[2]}` });
    return take.apply(this, args);
  });
  return {
    samples,
    stop: () => {
      samples.push({ connected: emulator.local.connected(ALIAS), path: "(end)" });
      spy.mockRestore();
    },
  };
}

export async function liveKeys(stack: TestStack) {
  return (await stack.engine.readState()).resources.filter((r) => r.type === KEY_TYPE && !r.pendingDelete);
}

/** From `watchConnection`'s sequence of requests: the new key, then the keystore, then verification, then the old key invalidated. */
export function expectRotationOrder(order: string[]): void {
  const created = order.indexOf("POST /_security/cross_cluster/api_key");
  const patched = order.findIndex((p) => p.startsWith("PATCH /api/v1/deployments/"));
  const verified = order.indexOf("GET /_remote/info", patched);
  const invalidated = order.indexOf("DELETE /_security/api_key");
  expect([created, patched, verified, invalidated].every((i) => i >= 0), order.join("\n")).toBe(true);
  expect(created).toBeLessThan(patched);
  expect(patched).toBeLessThan(verified);
  expect(verified).toBeLessThan(invalidated);
}

/** Destroy: the alias' settings reset, then the keystore entry removed, then the key invalidated. */
export function expectDestroyOrder(order: string[]): void {
  const reset = order.indexOf("PUT /_cluster/settings");
  const removed = order.findIndex((p) => p.startsWith("PATCH /api/v1/deployments/"));
  const invalidated = order.indexOf("DELETE /_security/api_key");
  expect(reset, order.join("\n")).toBeGreaterThanOrEqual(0);
  expect(reset).toBeLessThan(removed);
  expect(removed).toBeLessThan(invalidated);
}

export { travel } from "../../support/stack";
