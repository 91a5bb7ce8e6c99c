import { request } from "undici";
import type { Emulator } from "../emulator";

/**
 * Out-of-band calls a person would make with curl while Pulumi is not looking: tests use them to create drift.
 * Plain HTTP on purpose, independent of the sdk under test.
 */
export async function esCall(emulator: Emulator, method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const { username, password } = emulator.credentials.superuser;
  const res = await request(`${emulator.esUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
}

/** Keys as the emulator holds them, restricted to cross-cluster ones. */
export function crossClusterKeys(emulator: Emulator) {
  return emulator.inventory().apiKeys.filter((k) => k.type === "cross_cluster");
}

/** Requests that reached the emulator for one route template, e.g. "POST /_security/cross_cluster/api_key". */
export function requestsTo(emulator: Emulator, route: string) {
  return emulator.requests().filter((r) => r.route === route);
}
