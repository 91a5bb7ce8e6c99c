import { describe, expect, it } from "vitest";
import { client, clients, http, useEmulator } from "./helpers";
import { PENDING_KEY_LIFETIME_MS } from "./index";

const cluster = (id: string) => `/cloud-connected/clusters/${id}`;

describe("Elastic Cloud: Cloud Connected clusters", () => {
  const emulator = useEmulator();

  it("GETs a cluster with an ETag", async () => {
    const e = emulator();
    const res = await clients(e).cloud.get(cluster(e.defaultClusterId));
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.json).toEqual({
      id: e.defaultClusterId,
      name: "emulated-cluster",
      metadata: { created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), created_by: "emulator", organization_id: expect.stringMatching(/^\d{10}$/) },
      self_managed_cluster: { id: expect.any(String), name: "emulator", version: "8.15.0" },
    });
    expect(res.headers.etag).toBe(e.inventory().clusters[0]!.etag);
  });

  it("answers 401 with the non-standard body without credentials, and the errors envelope for a wrong key", async () => {
    const e = emulator();
    const anonymous = await clients(e).cloudAnonymous.get(cluster(e.defaultClusterId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ UnauthorizedMessages: ["Invalid credential headers"], Cause: null });
    const wrong = await client(`${e.cloudUrl}/api/v1`, "ApiKey wrong").get(cluster(e.defaultClusterId));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ errors: [{ message: "The supplied authentication is invalid", code: "root.unauthenticated" }] });
    const lower = await client(`${e.cloudUrl}/api/v1`, `apikey ${e.credentials.cloudApiKey}`).get(cluster(e.defaultClusterId));
    expect(lower.status).toBe(200);
  });

  it("answers 400 to a malformed id and 404 to an unknown one", async () => {
    const { cloud } = clients(emulator());
    const bad = await cloud.get(cluster("NOT-AN-ID"));
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ message: "Invalid cluster id [NOT-AN-ID]: it must match ^[a-z0-9]{32}$", code: "clusters.invalid_cluster_id" }]);
    const unknown = await cloud.get(cluster("a".repeat(32)));
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ errors: [{ message: `Cluster [${"a".repeat(32)}] not found`, code: "clusters.cluster_not_found" }] });
    expect((await cloud.get("/nothing/here")).status).toBe(404);
  });

  it("rotates: new key, new ETag, previous key pending for 7 days", async () => {
    const e = emulator();
    const { cloud } = clients(e);
    const original = e.inventory().clusters[0]!.activeKey!;
    expect(e.cloudKeyStatus(original)).toBe("active");
    const before = await cloud.get(cluster(e.defaultClusterId));
    const rotated = await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_rotate`);
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.json)).toEqual(["key"]);
    expect(rotated.json.key).not.toBe(original);
    expect(rotated.headers.etag).not.toBe(before.headers.etag);
    expect((await cloud.get(cluster(e.defaultClusterId))).headers.etag).toBe(rotated.headers.etag);
    expect(e.cloudKeyStatus(rotated.json.key)).toBe("active");
    expect(e.cloudKeyStatus(original)).toBe("pending");
    const inv = e.inventory().clusters[0]!;
    expect(inv).toMatchObject({ activeKey: rotated.json.key, rotations: 1, revokedKeys: 0 });
    expect(inv.pendingKeys).toEqual([{ key: original, expiresAt: expect.any(Number) }]);
    expect(inv.pendingKeys[0]!.expiresAt - e.clock.now()).toBeGreaterThan(PENDING_KEY_LIFETIME_MS - 5000);
    expect(e.issuedSecrets()).toEqual(expect.arrayContaining([original, rotated.json.key]));

    e.clock.advance(PENDING_KEY_LIFETIME_MS - 60_000);
    expect(e.cloudKeyStatus(original)).toBe("pending");
    e.clock.advance(120_000);
    expect(e.cloudKeyStatus(original)).toBe("revoked");
    expect(e.inventory().clusters[0]).toMatchObject({ pendingKeys: [], revokedKeys: 1 });
    expect(e.cloudKeyStatus("never-issued")).toBe("unknown");
  });

  it("honours If-Match: the current ETag rotates, a stale one is 412 and changes nothing", async () => {
    const e = emulator();
    const { cloud } = clients(e);
    const rotate = (etag: string) =>
      http(`${e.cloudUrl}/api/v1${cluster(e.defaultClusterId)}/apikey/_rotate`, {
        method: "POST",
        auth: `ApiKey ${e.credentials.cloudApiKey}`,
        headers: { "if-match": etag },
      });
    const etag = (await cloud.get(cluster(e.defaultClusterId))).headers.etag as string;
    const first = await rotate(etag);
    expect(first.status).toBe(200);
    const stale = await rotate(etag);
    expect(stale.status).toBe(412);
    expect(stale.json).toEqual({
      errors: [{ message: "The If-Match header does not match the current ETag of the resource", code: "root.precondition_failed" }],
    });
    expect(e.inventory().clusters[0]!.rotations).toBe(1);
    expect((await rotate(first.headers.etag as string)).status).toBe(200);
    expect((await rotate("*")).status).toBe(200);
  });

  it("gives every rotation a new ETag, never one seen before, and GET shows the latest", async () => {
    const e = emulator();
    const { cloud } = clients(e);
    const seen = [(await cloud.get(cluster(e.defaultClusterId))).headers.etag];
    for (let i = 0; i < 5; i++) {
      const rotated = await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_rotate`);
      expect(rotated.status).toBe(200);
      expect((await cloud.get(cluster(e.defaultClusterId))).headers.etag).toBe(rotated.headers.etag);
      seen.push(rotated.headers.etag);
    }
    expect(new Set(seen).size).toBe(6);
    // Revoking pending keys is not a rotation: the ETag stays.
    await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_revoke-pending`);
    expect((await cloud.get(cluster(e.defaultClusterId))).headers.etag).toBe(seen.at(-1));
  });

  it("checks If-Match when the rotation is processed: two held rotations with the same ETag → one 200, one 412", async () => {
    const e = emulator();
    const path = `/api/v1${cluster(e.defaultClusterId)}/apikey/_rotate`;
    const etag = (await clients(e).cloud.get(cluster(e.defaultClusterId))).headers.etag as string;
    // Both requests arrive while the ETag is still current; the check must happen after the delay, not on arrival.
    e.faults.inject({ target: "cloud", method: "POST", path, times: 2, fault: { kind: "latency", ms: 200 } });
    const rotate = () =>
      http(`${e.cloudUrl}${path}`, { method: "POST", auth: `ApiKey ${e.credentials.cloudApiKey}`, headers: { "if-match": etag } });
    const results = await Promise.all([rotate(), rotate()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const refused = results.find((r) => r.status === 412)!;
    expect(refused.json).toEqual({
      errors: [{ message: "The If-Match header does not match the current ETag of the resource", code: "root.precondition_failed" }],
    });
    const applied = results.find((r) => r.status === 200)!;
    const inv = e.inventory().clusters[0]!;
    expect(inv).toMatchObject({ rotations: 1, activeKey: applied.json.key, etag: applied.headers.etag });
    expect(inv.etag).not.toBe(etag);
  });

  it("revokes pending keys now with an empty 200", async () => {
    const e = emulator();
    const { cloud } = clients(e);
    const original = e.inventory().clusters[0]!.activeKey!;
    const first = (await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_rotate`)).json.key;
    const second = (await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_rotate`)).json.key;
    expect(e.inventory().clusters[0]!.pendingKeys.map((p) => p.key)).toEqual([original, first]);
    const res = await cloud.post(`${cluster(e.defaultClusterId)}/apikey/_revoke-pending`);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(e.cloudKeyStatus(original)).toBe("revoked");
    expect(e.cloudKeyStatus(first)).toBe("revoked");
    expect(e.cloudKeyStatus(second)).toBe("active");
    expect(e.inventory().clusters[0]).toMatchObject({ pendingKeys: [], revokedKeys: 2, rotations: 2 });
  });

  it("lets a read-only key GET but not rotate or revoke", async () => {
    const e = emulator();
    const { cloudReadOnly } = clients(e);
    expect((await cloudReadOnly.get(cluster(e.defaultClusterId))).status).toBe(200);
    for (const action of ["_rotate", "_revoke-pending"]) {
      const res = await cloudReadOnly.post(`${cluster(e.defaultClusterId)}/apikey/${action}`);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ errors: [{ message: "The API key is not authorized to perform this action", code: "root.unauthorized" }] });
    }
    expect(e.inventory().clusters[0]!.rotations).toBe(0);
  });

  it("adds clusters with fresh ids", async () => {
    const e = emulator();
    const id = e.addCloudCluster("second");
    expect(id).toMatch(/^[a-z0-9]{32}$/);
    expect((await clients(e).cloud.get(cluster(id))).json.name).toBe("second");
    expect(e.inventory().clusters.map((c) => c.id)).toEqual([e.defaultClusterId, id]);
  });
});

describe("Elastic Cloud: per-service keys (apikey/{service}/…)", () => {
  const emulator = useEmulator();
  const service = (id: string, name: string, verb: string) => `${cluster(id)}/apikey/${name}/${verb}`;

  it("rotates a service's key apart from the cluster's, changing the cluster's ETag and honouring If-Match", async () => {
    const e = emulator();
    const id = e.defaultClusterId;
    const before = e.inventory().clusters[0]!;
    const oldEis = before.services.eis!.activeKey!;
    const rotated = await clients(e).cloud.post(service(id, "eis", "_rotate"));
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.json)).toEqual(["key"]);
    const after = e.inventory().clusters[0]!;
    expect(after.activeKey).toBe(before.activeKey);
    expect(after.rotations).toBe(0);
    expect(after.services.eis).toMatchObject({ activeKey: rotated.json.key, rotations: 1, pendingKeys: [{ key: oldEis }] });
    expect(after.etag).not.toBe(before.etag);
    expect(rotated.headers.etag).toBe(after.etag);
    expect(e.cloudKeyStatus(oldEis)).toBe("pending");
    const stale = await http(`${e.cloudUrl}/api/v1${service(id, "eis", "_rotate")}`, {
      method: "POST",
      auth: `ApiKey ${e.credentials.cloudApiKey}`,
      headers: { "if-match": before.etag },
    });
    expect(stale.status).toBe(412);
    expect(e.inventory().clusters[0]!.services.eis!.rotations).toBe(1);
  });

  it("revokes only that service's pending keys", async () => {
    const e = emulator();
    const id = e.defaultClusterId;
    const clusterKey = e.inventory().clusters[0]!.activeKey!;
    await clients(e).cloud.post(`${cluster(id)}/apikey/_rotate`);
    const oldEis = e.inventory().clusters[0]!.services.eis!.activeKey!;
    await clients(e).cloud.post(service(id, "eis", "_rotate"));
    const revoked = await clients(e).cloud.post(service(id, "eis", "_revoke-pending"));
    expect(revoked.status).toBe(200);
    expect(revoked.text).toBe("");
    expect(e.cloudKeyStatus(oldEis)).toBe("revoked");
    expect(e.cloudKeyStatus(clusterKey)).toBe("pending");
  });

  it("answers 404 for an unknown service and 403 for a read-only key, with the errors envelope", async () => {
    const e = emulator();
    const unknown = await clients(e).cloud.post(service(e.defaultClusterId, "nope", "_rotate"));
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].code).toBe("clusters.service_not_found");
    const readOnly = await clients(e).cloudReadOnly.post(service(e.defaultClusterId, "eis", "_rotate"));
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.errors[0].code).toBe("root.unauthorized");
  });
});
