import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudApiError, DeploymentKeystoreClient, ElasticsearchClient, InvalidOptionsError, RemoteClustersClient } from "../../sdk";
import { type Emulator, startEmulator } from "../emulator";
import { expectNoSecrets, FAST_RETRY, rejectionOf } from "./helpers";

let emulator: Emulator;
let keystore: DeploymentKeystoreClient;
let local: RemoteClustersClient;
let remote: ElasticsearchClient;

beforeAll(async () => {
  emulator = await startEmulator();
  keystore = new DeploymentKeystoreClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudApiKey, retry: FAST_RETRY });
  const auth = { type: "basic", ...emulator.credentials.superuser } as const;
  local = new RemoteClustersClient({ endpoints: [emulator.local.esUrl], auth, retry: FAST_RETRY });
  remote = new ElasticsearchClient({ endpoints: [emulator.esUrl], auth, retry: FAST_RETRY });
});
afterAll(async () => {
  await Promise.all([keystore.close(), local.close(), remote.close()]);
  await emulator.close();
});

const ENTRY = "cluster.remote.prod.credentials";

describe("DeploymentKeystoreClient", () => {
  it("writes, lists (names only) and removes an entry", async () => {
    const { deploymentId, refId } = emulator.local;
    const written = await keystore.updateKeystore(deploymentId, refId, { secrets: { [ENTRY]: { value: "dGhpcy1pcy1hLWtleQ==", as_file: false } } });
    expect(written).toEqual({ secrets: { [ENTRY]: { as_file: false } } });
    expect(await keystore.getKeystore(deploymentId, refId)).toEqual({ secrets: { [ENTRY]: { as_file: false } } });
    expect(await keystore.updateKeystore(deploymentId, refId, { secrets: { [ENTRY]: null } })).toEqual({ secrets: {} });
  });

  it("answers undefined for a missing deployment, a CloudApiError without the value for refusals, and checks ids before any I/O", async () => {
    expect(await keystore.getKeystore("0".repeat(32), "main-elasticsearch")).toBeUndefined();
    const readOnly = new DeploymentKeystoreClient({ endpoint: emulator.cloudUrl, apiKey: emulator.credentials.cloudReadOnlyApiKey, retry: FAST_RETRY });
    const err = await rejectionOf(readOnly.updateKeystore(emulator.local.deploymentId, "main-elasticsearch", { secrets: { [ENTRY]: { value: "c2VjcmV0LXZhbHVlLTEyMw==" } } }));
    await readOnly.close();
    expect(err).toBeInstanceOf(CloudApiError);
    expect(err.status).toBe(403);
    expectNoSecrets(err, ["c2VjcmV0LXZhbHVlLTEyMw=="]);
    expect(await rejectionOf(keystore.getKeystore("Not-An-Id", "x"))).toBeInstanceOf(InvalidOptionsError);
  });
});

describe("RemoteClustersClient", () => {
  it("puts and gets flat remote settings, and reports connection state per alias", async () => {
    const settings = { "cluster.remote.prod.mode": "proxy", "cluster.remote.prod.proxy_address": "prod.example:9443" };
    expect(await local.putClusterSettings({ persistent: settings })).toEqual({ acknowledged: true, persistent: settings, transient: {} });
    expect((await local.getClusterSettings()).persistent).toEqual(settings);
    expect((await local.remoteInfo()).prod).toMatchObject({ connected: false, mode: "proxy", proxy_address: "prod.example:9443" });
    const key = await remote.createCrossClusterApiKey({ name: "sdk-remote", access: { search: [{ names: ["logs-*"] }] } });
    await keystore.updateKeystore(emulator.local.deploymentId, emulator.local.refId, { secrets: { [ENTRY]: { value: key.encoded } } });
    expect((await local.remoteInfo()).prod?.connected).toBe(true);
    await local.putClusterSettings({ persistent: { "cluster.remote.prod.mode": null, "cluster.remote.prod.proxy_address": null } });
    expect(await local.remoteInfo()).toEqual({});
  });
});
