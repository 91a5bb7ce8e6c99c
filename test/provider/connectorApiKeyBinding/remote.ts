import { expect } from "vitest";
import type { Emulator } from "../../emulator";
import { esCall } from "../../support/elastic";

/** Out-of-band set-up of what a binding points at, as an operator would do it with curl. */

export const BIND = "PUT /_connector/{connector_id}/_api_key_id";
export const GET_CONNECTOR = "GET /_connector/{connector_id}";
export const CREATE_KEY = "POST /_security/api_key";
export const INVALIDATE = "DELETE /_security/api_key";
export const CREATE_SECRET = "POST /_connector/_secret";
export const DELETE_SECRET = "DELETE /_connector/_secret/{id}";

const DAY = 86_400_000;

export async function createConnector(emulator: Emulator, id: string, options: { indexName?: string; native?: boolean } = {}): Promise<void> {
  const res = await esCall(emulator, "PUT", `/_connector/${id}`, {
    index_name: options.indexName ?? `search-${id}`,
    name: id,
    service_type: "sharepoint_online",
    is_native: options.native ?? false,
  });
  expect([200, 201]).toContain(res.status);
}

export async function createRestKey(emulator: Emulator, name: string, expiration?: string): Promise<string> {
  const res = await esCall(emulator, "POST", "/_security/api_key", { name, ...(expiration ? { expiration } : {}) });
  expect(res.status).toBe(200);
  return (res.json as { id: string }).id;
}

export async function invalidatedKey(emulator: Emulator, name: string): Promise<string> {
  const id = await createRestKey(emulator, name);
  expect((await esCall(emulator, "DELETE", "/_security/api_key", { ids: [id] })).status).toBe(200);
  return id;
}

/** A key created ten days ago (by the emulator's clock) with a one-day lifetime. */
export async function expiredKey(emulator: Emulator, name: string): Promise<string> {
  emulator.clock.set(Date.now() - 10 * DAY);
  try {
    return await createRestKey(emulator, name, "1d");
  } finally {
    emulator.clock.set(Date.now());
  }
}

export async function crossClusterKey(emulator: Emulator, name: string): Promise<string> {
  const res = await esCall(emulator, "POST", "/_security/cross_cluster/api_key", { name, access: { search: [{ names: ["logs-*"] }] } });
  expect(res.status).toBe(200);
  return (res.json as { id: string }).id;
}

export async function createSecret(emulator: Emulator, value: string): Promise<string> {
  const res = await esCall(emulator, "POST", "/_connector/_secret", { value });
  expect(res.status).toBe(200);
  return (res.json as { id: string }).id;
}

/** The connector document as stored (absent key fields were never written). */
export function connectorDoc(emulator: Emulator, id: string): Record<string, unknown> {
  const doc = emulator.inventory().connectors.find((c) => c.id === id);
  expect(doc, `connector ${id} exists`).toBeDefined();
  return doc!;
}

/** Routes of the requests that changed something, in arrival order. */
export function writes(emulator: Emulator): string[] {
  return emulator
    .requests()
    .filter((r) => r.method !== "GET" && !NOT_WRITES.has(r.route))
    .map((r) => r.route);
}

/**
 * Requests that are not writes of their own: a search for API keys (POST only because it has a body), and the
 * confirmation that ends every key creation (its metadata update, see provider/createMarked.ts).
 */
const NOT_WRITES = new Set(["POST /_security/_query/api_key", "PUT /_security/api_key/{id}"]);
