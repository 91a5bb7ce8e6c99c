import { readFileSync } from "node:fs";
import { request } from "undici";
import { expect } from "vitest";
import type { OperationResult, ResourceView } from "../../engine";
import type { Emulator, InventoryCluster } from "../../emulator";
import type { TestStack } from "../../support/stack";

export const TYPE = "pulumi-nodejs:dynamic/elastic:CloudConnectedClusterApiKey";

const BASE = "/api/v1/cloud-connected/clusters/{id}";
export const GET = `GET ${BASE}`;
export const ROTATE = `POST ${BASE}/apikey/_rotate`;
export const REVOKE = `POST ${BASE}/apikey/_revoke-pending`;

export const DAY = 86_400_000;

/** URL paths as fault rules match them. */
export const rotatePath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_rotate`;
export const revokePath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_revoke-pending`;
export const clusterPath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}`;

/** Cloud routes in arrival order, with their status: what the provider actually did. */
export function cloudCalls(emulator: Emulator): string[] {
  return emulator
    .requests()
    .filter((r) => r.target === "cloud")
    .map((r) => `${r.route} ${r.status}`);
}

export function cluster(emulator: Emulator, id: string = emulator.defaultClusterId): InventoryCluster {
  const found = emulator.inventory().clusters.find((c) => c.id === id);
  expect(found, `cluster ${id} in the emulator`).toBeDefined();
  return found!;
}

/** The one live CloudConnectedClusterApiKey in state (plaintext view). */
export async function theResource(stack: TestStack): Promise<ResourceView> {
  const live = (await stack.engine.readState()).resources.filter((r) => r.type === TYPE && !r.pendingDelete);
  expect(live).toHaveLength(1);
  return live[0]!;
}

export async function resources(stack: TestStack): Promise<ResourceView[]> {
  return (await stack.engine.readState()).resources.filter((r) => r.type === TYPE);
}

/** Moves the provider's clock (read from the env by each fresh host) and the emulator's together. */
export function travel(stack: TestStack, to: number): void {
  stack.emulator.clock.set(to);
  stack.engine.options.env = { ...stack.engine.options.env, PULUMI_ELASTIC_KEYS_NOW: String(to) };
}

/** A rotation made outside Pulumi, the way an operator would with curl. Plain HTTP, independent of the sdk. */
export async function rotateOutOfBand(emulator: Emulator, clusterId: string = emulator.defaultClusterId): Promise<number> {
  const res = await request(`${emulator.cloudUrl}${rotatePath(clusterId)}`, {
    method: "POST",
    headers: { authorization: `ApiKey ${emulator.credentials.cloudApiKey}` },
  });
  await res.body.text();
  return res.statusCode;
}

/**
 * The state file, every operation's report and errors, and the host logs hold none of the secrets the emulator
 * ever issued or accepted (cluster keys, the Cloud API key, passwords).
 */
export function expectNoSecrets(stack: TestStack, results: OperationResult[]): void {
  const secrets = stack.emulator.issuedSecrets();
  expect(secrets.length).toBeGreaterThan(0);
  const texts = {
    state: readFileSync(stack.engine.stateFile, "utf8"),
    reports: results.map((r) => r.report).join("\n"),
    errors: results.flatMap((r) => r.errors.map((e) => e.message)).join("\n"),
    logs: stack.engine.hostLogs().join("\n"),
  };
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) expect(text.includes(secret), `a secret appears in the ${where}`).toBe(false);
  }
}
