import { describe, expect, it } from "vitest";
import { basic, client, clients, createCrossClusterKey, esError, useEmulator } from "./helpers";
import type { Emulator } from "./index";

const keystorePath = (e: Emulator) => `/deployments/${e.local.deploymentId}/elasticsearch/${e.local.refId}/keystore`;
const local = (e: Emulator, user = e.credentials.superuser) => client(e.local.esUrl, basic(user));
const PROXY = { "cluster.remote.prod.mode": "proxy", "cluster.remote.prod.proxy_address": "prod.es.example:9443", "cluster.remote.prod.server_name": "prod.es.example" };

async function setCredentials(e: Emulator, value: string | null) {
  const secret = value === null ? null : { value, as_file: false };
  return clients(e).cloud.call("PATCH", keystorePath(e), { secrets: { "cluster.remote.prod.credentials": secret } });
}

describe("Elastic Cloud: deployment keystore", () => {
  const emulator = useEmulator();

  it("PATCH adds, replaces and (with null) removes entries; neither PATCH nor GET ever returns a value", async () => {
    const e = emulator();
    const set = await setCredentials(e, "c2VjcmV0");
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ secrets: { "cluster.remote.prod.credentials": { as_file: false } } });
    expect(set.text).not.toContain("c2VjcmV0");
    const other = await clients(e).cloud.call("PATCH", keystorePath(e), { secrets: { "s3.client.default.access_key": { value: "AKIAIOSFODNN7EXAMPLE" } } });
    expect(Object.keys(other.json.secrets).sort()).toEqual(["cluster.remote.prod.credentials", "s3.client.default.access_key"]);
    const got = await clients(e).cloudReadOnly.get(keystorePath(e));
    expect(got.status).toBe(200);
    expect(got.text).not.toContain("c2VjcmV0");
    expect((await setCredentials(e, null)).json).toEqual({ secrets: { "s3.client.default.access_key": { as_file: false } } });
    expect(e.local.keystore()).toEqual(["s3.client.default.access_key"]);
    expect(e.issuedSecrets()).toContain("c2VjcmV0");
  });

  it("refuses the read-only key (403), unknown deployments and resources (404) and bodies without secrets (400)", async () => {
    const e = emulator();
    const readOnly = await clients(e).cloudReadOnly.call("PATCH", keystorePath(e), { secrets: {} });
    expect(readOnly.status).toBe(403);
    const noDeployment = await clients(e).cloud.get(`/deployments/${"0".repeat(32)}/elasticsearch/main-elasticsearch/keystore`);
    expect(noDeployment.status).toBe(404);
    expect(noDeployment.json.errors[0].code).toBe("deployments.deployment_not_found");
    const noResource = await clients(e).cloud.get(`/deployments/${e.local.deploymentId}/elasticsearch/other/keystore`);
    expect(noResource.json.errors[0].code).toBe("deployments.deployment_resource_not_found");
    const bad = await clients(e).cloud.call("PATCH", keystorePath(e), { other: 1 });
    expect(bad.status).toBe(400);
    expect((await clients(e).cloudAnonymous.get(keystorePath(e))).status).toBe(401);
    // The Cloud Connected routes on the same listener are untouched.
    expect((await clients(e).cloud.get(`/cloud-connected/clusters/${e.defaultClusterId}`)).status).toBe(200);
  });
});

describe("the local cluster: _cluster/settings and _remote/info", () => {
  const emulator = useEmulator();

  it("stores remote settings (flat or nested), renders them nested or flat, and null resets them", async () => {
    const e = emulator();
    const put = await local(e).put("/_cluster/settings", { persistent: PROXY });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      acknowledged: true,
      persistent: { cluster: { remote: { prod: { mode: "proxy", proxy_address: "prod.es.example:9443", server_name: "prod.es.example" } } } },
      transient: {},
    });
    expect((await local(e).get("/_cluster/settings?flat_settings=true")).json).toEqual({ persistent: PROXY, transient: {} });
    const reset = { "cluster.remote.prod.mode": null, "cluster.remote.prod.proxy_address": null, "cluster.remote.prod.server_name": null };
    expect((await local(e).put("/_cluster/settings", { persistent: reset })).status).toBe(200);
    expect((await local(e).get("/_cluster/settings")).json).toEqual({ persistent: {}, transient: {} });
  });

  it("refuses unknown settings, proxy settings without proxy mode, empty updates and users without manage", async () => {
    const e = emulator();
    const unknown = await local(e).put("/_cluster/settings", { persistent: { "cluster.remote.prod.nope": "x" } });
    expect(unknown.json).toEqual(esError(400, "illegal_argument_exception", "persistent setting [cluster.remote.prod.nope], not recognized"));
    const noMode = await local(e).put("/_cluster/settings", { persistent: { "cluster.remote.prod.proxy_address": "a:1" } });
    expect(noMode.status).toBe(400);
    expect(noMode.json.error.reason).toContain('[required=PROXY, configured=SNIFF]');
    expect((await local(e).put("/_cluster/settings", { persistent: {} })).status).toBe(400);
    expect((await local(e, e.credentials.noPrivileges).put("/_cluster/settings", { persistent: PROXY })).status).toBe(403);
    expect((await local(e, e.credentials.noPrivileges).get("/_remote/info")).status).toBe(200);
  });

  it("connects an alias only with its proxy settings and the encoded of a live cross-cluster key in the keystore", async () => {
    const e = emulator();
    expect((await local(e).get("/_remote/info")).json).toEqual({});
    await local(e).put("/_cluster/settings", { persistent: PROXY });
    const info = async () => (await local(e).get("/_remote/info")).json.prod;
    expect(await info()).toEqual({
      connected: false,
      mode: "proxy",
      proxy_address: "prod.es.example:9443",
      server_name: "prod.es.example",
      num_proxy_sockets_connected: 0,
      max_proxy_socket_connections: 18,
      initial_connect_timeout: "30s",
      skip_unavailable: false,
    });
    await setCredentials(e, "bm90LWEta2V5");
    expect(await info()).toMatchObject({ connected: false, cluster_credentials: "::es_redacted::" });
    const first = await createCrossClusterKey(e);
    await setCredentials(e, first.encoded);
    expect(await info()).toMatchObject({ connected: true, num_proxy_sockets_connected: 18 });
    expect((await local(e).get("/_remote/info")).text).not.toContain(first.encoded);
    // Invalidating the key in use breaks the connection; expiry does too.
    await clients(e).elastic.delete("/_security/api_key", { ids: [first.id] });
    expect(e.local.connected("prod")).toBe(false);
    const second = await createCrossClusterKey(e, { expiration: "1d" });
    await setCredentials(e, second.encoded);
    expect(e.local.connected("prod")).toBe(true);
    e.clock.advance(86_400_001);
    expect(e.local.connected("prod")).toBe(false);
    // The local cluster's requests are in its own log, not the remote one's.
    expect(e.local.requests().map((r) => r.route)).toContain("GET /_remote/info");
    expect(e.requests().map((r) => r.route)).not.toContain("GET /_remote/info");
  });
});
