import { existsSync, readFileSync } from "node:fs";
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
export const ROTATE_SERVICE = `POST ${BASE}/apikey/{service}/_rotate`;
export const REVOKE_SERVICE = `POST ${BASE}/apikey/{service}/_revoke-pending`;

export const DAY = 86_400_000;

/** URL paths as fault rules match them. */
export const rotatePath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_rotate`;
export const revokePath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}/apikey/_revoke-pending`;
export const clusterPath = (clusterId: string) => `/api/v1/cloud-connected/clusters/${clusterId}`;
export const serviceRotatePath = (clusterId: string, service: string) => `${clusterPath(clusterId)}/apikey/${service}/_rotate`;

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

/** A service's key set in the emulator (its active key, pending keys, rotations). */
export function serviceKeys(emulator: Emulator, service: string, id: string = emulator.defaultClusterId) {
  const keys = cluster(emulator, id).services[service];
  expect(keys, `service ${service} of cluster ${id}`).toBeDefined();
  return keys!;
}

/** A live CloudConnectedClusterApiKey in state by resource name (plaintext view). */
export async function named(stack: TestStack, name: string): Promise<ResourceView> {
  const found = (await stack.engine.readState()).resources.filter((r) => r.type === TYPE && r.name === name && !r.pendingDelete);
  expect(found, name).toHaveLength(1);
  return found[0]!;
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


/**
 * A rotation made outside Pulumi, the way an operator would with curl: of the cluster's key, or of one of its
 * services' keys (which changes the cluster's ETag too, but not its key). Plain HTTP, independent of the sdk.
 */
export async function rotateOutOfBand(emulator: Emulator, clusterId: string = emulator.defaultClusterId, service?: string): Promise<number> {
  const path = service === undefined ? rotatePath(clusterId) : rotatePath(clusterId).replace(/_rotate$/, `${service}/_rotate`);
  const res = await request(`${emulator.cloudUrl}${path}`, {
    method: "POST",
    headers: { authorization: `ApiKey ${emulator.credentials.cloudApiKey}` },
  });
  await res.body.text();
  return res.statusCode;
}

type Operation = "preview" | "up" | "refresh" | "destroy";

/**
 * Runs engine operations and keeps, for each, its result and the state file as it was right after it: a destroy
 * empties the state, so a leak must be looked for after every operation, not only at the end.
 */
export class Recorder {
  private readonly runs: Array<{ result: OperationResult; stateFile: string }> = [];

  constructor(private readonly stack: () => TestStack) {}

  async run(op: Operation): Promise<OperationResult> {
    const { engine } = this.stack();
    const result = await engine[op]();
    this.runs.push({ result, stateFile: existsSync(engine.stateFile) ? readFileSync(engine.stateFile, "utf8") : "" });
    return result;
  }

  /**
   * No state file snapshot, report, error message or host log line holds any secret the emulator ever issued or
   * accepted (cluster keys — including keys whose response was lost —, the Cloud API key, passwords).
   */
  expectNoSecrets(): void {
    const stack = this.stack();
    const secrets = stack.emulator.issuedSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    expect(this.runs.length).toBeGreaterThan(0);
    const texts = {
      "state file": this.runs.map((r) => r.stateFile).join("\n"),
      reports: this.runs.map((r) => r.result.report).join("\n"),
      errors: this.runs.flatMap((r) => r.result.errors.map((e) => e.message)).join("\n"),
      "host logs": stack.engine.hostLogs().join("\n"),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const secret of secrets) expect(text.includes(secret), `a secret appears in the ${where}`).toBe(false);
    }
  }

  clear(): void {
    this.runs.length = 0;
  }
}

export { travel } from "../../support/stack";
