import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { FAST_RETRY, rejectionOf } from "./helpers";

let emulator: Emulator;
let cloud: CloudClient;

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, retry: FAST_RETRY });
});
afterAll(async () => {
  await cloud.close();
  await emulator.close();
});

const clusterState = (id: string) => emulator.inventory().clusters.find((c) => c.id === id);

describe("CloudClient", () => {
  it("getCluster returns the cluster and its ETag", async () => {
    const got = await cloud.getCluster(emulator.defaultClusterId);
    expect(got?.cluster.id).toBe(emulator.defaultClusterId);
    expect(typeof got?.cluster.name).toBe("string");
    expect(got?.etag).toBe(clusterState(emulator.defaultClusterId)?.etag);
  });

  it("getCluster of an unknown id → undefined", async () => {
    expect(await cloud.getCluster("ffffffffffffffffffffffffffffffff")).toBeUndefined();
  });

  it("rotate (with If-Match) → new key, old one pending; stale ETag → 412; revoke pending", async () => {
    const id = emulator.defaultClusterId;
    const before = await cloud.getCluster(id);
    const { key } = await cloud.rotateClusterApiKey(id, { ifMatch: before?.etag });
    expect(key).toBeTruthy();
    expect(clusterState(id)?.activeKey).toBe(key);
    expect(clusterState(id)?.pendingKeys.length).toBeGreaterThan(0);

    // The ETag changed with the rotation: the old one is stale now.
    const stale = await rejectionOf(cloud.rotateClusterApiKey(id, { ifMatch: before?.etag }));
    expect(stale).toMatchObject({ code: "ELASTIC_CLOUD_API", status: 412 });
    expect(clusterState(id)?.activeKey).toBe(key);

    const { key: second } = await cloud.rotateClusterApiKey(id);
    expect(second).not.toBe(key);

    await cloud.revokePendingClusterApiKeys(id);
    expect(clusterState(id)?.pendingKeys).toEqual([]);
    await cloud.revokePendingClusterApiKeys(id); // idempotent
  });

  it("works on added clusters and refuses read-only keys", async () => {
    const id = emulator.addCloudCluster("second");
    expect((await cloud.getCluster(id))?.cluster.id).toBe(id);
    const readOnly = new CloudClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudReadOnlyApiKey });
    expect((await readOnly.getCluster(id))?.cluster.id).toBe(id);
    const err = await rejectionOf(readOnly.rotateClusterApiKey(id));
    expect(err).toMatchObject({ code: "ELASTIC_CLOUD_API", status: 403 });
    await readOnly.close();
  });
});
