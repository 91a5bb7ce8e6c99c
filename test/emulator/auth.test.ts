import { describe, expect, it } from "vitest";
import { apiKeyAuth, basic, client, clients, createCrossClusterKey, http, useEmulator } from "./helpers";
import { startEmulator } from "./index";

const WWW = ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', "ApiKey"];

function unauthorized(reason: string, extra: Record<string, string> = {}): unknown {
  const cause = { type: "security_exception", reason, ...extra, header: { "WWW-Authenticate": WWW } };
  return { error: { root_cause: [cause], ...cause }, status: 401 };
}

describe("authentication", () => {
  const emulator = useEmulator({ restApiKey: true });

  it("answers 401 with WWW-Authenticate when credentials are missing, quoting the URI with its query", async () => {
    const res = await clients(emulator()).anonymous.get("/_security/api_key?id=abc");
    expect(res.status).toBe(401);
    expect(res.json).toEqual(unauthorized("missing authentication credentials for REST request [/_security/api_key?id=abc]"));
    expect(res.headers["www-authenticate"]).toEqual(WWW);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.headers["x-elastic-product"]).toBe("Elasticsearch");
  });

  it("rejects a wrong password and an unknown user with the user named", async () => {
    const e = emulator();
    const wrong = await client(e.esUrl, basic({ username: "elastic", password: "nope" })).get("/_security/_authenticate");
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual(unauthorized("unable to authenticate user [elastic] for REST request [/_security/_authenticate]"));
    const unknown = await client(e.esUrl, basic({ username: "mallory", password: "x" })).get("/");
    expect(unknown.json.error.reason).toBe("unable to authenticate user [mallory] for REST request [/]");
  });

  it("authenticates Basic, Bearer and ApiKey (schemes case-insensitive)", async () => {
    const e = emulator();
    const c = clients(e);
    const realm = await c.elastic.get("/_security/_authenticate");
    expect(realm.status).toBe(200);
    expect(realm.json).toEqual({
      username: "elastic",
      roles: ["superuser"],
      full_name: null,
      email: null,
      metadata: { _reserved: true },
      enabled: true,
      authentication_realm: { name: "reserved", type: "reserved" },
      lookup_realm: { name: "reserved", type: "reserved" },
      authentication_type: "realm",
    });
    expect((await c.bearer.get("/_security/_authenticate")).json.authentication_type).toBe("token");
    const viaKey = await c.restKey.get("/_security/_authenticate");
    expect(viaKey.json).toMatchObject({
      username: "elastic",
      authentication_type: "api_key",
      api_key: { id: e.credentials.restApiKey.id, name: "emulator-rest-key" },
    });
    const lower = await client(e.esUrl, `apikey ${e.credentials.restApiKey.encoded}`).get("/_security/_authenticate");
    expect(lower.status).toBe(200);
    const upper = await client(e.esUrl, basic(e.credentials.superuser).replace("Basic", "BASIC")).get("/");
    expect(upper.status).toBe(200);
    expect((await client(e.esUrl, `bearer ${e.credentials.bearerToken}`).get("/")).status).toBe(200);
  });

  it("rejects a wrong bearer token and unknown or wrong API keys", async () => {
    const e = emulator();
    const badToken = await client(e.esUrl, "Bearer not-a-token").get("/");
    expect(badToken.json).toEqual(
      unauthorized("unable to authenticate with provided credentials and anonymous access is not allowed for this request"),
    );
    const unknownKey = await client(e.esUrl, apiKeyAuth(Buffer.from("nosuchid:secret").toString("base64"))).get("/");
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.json.error.additional_unsuccessful_credentials).toBe("API key: unable to find apikey with id [nosuchid]");
    const wrongSecret = await client(e.esUrl, apiKeyAuth(Buffer.from(`${e.credentials.restApiKey.id}:wrong`).toString("base64"))).get("/");
    expect(wrongSecret.json.error.additional_unsuccessful_credentials).toBe(
      `API key: invalid credentials for API key [${e.credentials.restApiKey.id}]`,
    );
  });

  it("refuses invalidated and expired REST keys", async () => {
    const e = emulator();
    const c = clients(e);
    const created = await c.elastic.post("/_security/api_key", { name: "short", expiration: "1h" });
    const short = client(e.esUrl, apiKeyAuth(created.json.encoded));
    expect((await short.get("/_security/_authenticate")).status).toBe(200);
    e.clock.advance(60 * 60 * 1000 + 1);
    const expired = await short.get("/_security/_authenticate");
    expect(expired.json).toEqual(
      unauthorized("unable to authenticate with provided credentials and anonymous access is not allowed for this request", {
        additional_unsuccessful_credentials: "API key: api key is expired",
      }),
    );

    await c.elastic.delete("/_security/api_key", { ids: [e.credentials.restApiKey.id] });
    const invalidated = await c.restKey.get("/_security/_authenticate");
    expect(invalidated.status).toBe(401);
    expect(invalidated.json.error.additional_unsuccessful_credentials).toBe(
      `API key: api key [${e.credentials.restApiKey.id}] has been invalidated`,
    );
  });

  it("answers 401 to a cross-cluster key on the REST interface", async () => {
    const e = emulator();
    const key = await createCrossClusterKey(e);
    const res = await client(e.esUrl, apiKeyAuth(key.encoded)).get("/_security/_authenticate");
    expect(res.status).toBe(401);
    expect(res.json).toEqual(
      unauthorized(`authentication expected API key type of [rest], but API key [${key.id}] has type [cross_cluster]`),
    );
  });

  it("gives the viewer 403 on every security and connector call", async () => {
    const e = emulator();
    const { viewer } = clients(e);
    const calls: Array<[string, string, unknown, string]> = [
      ["POST", "/_security/cross_cluster/api_key", { name: "k", access: { search: [{ names: ["a"] }] } }, "cluster:admin/xpack/security/cross_cluster/api_key/create"],
      ["PUT", "/_security/cross_cluster/api_key/abc", { metadata: {} }, "cluster:admin/xpack/security/cross_cluster/api_key/update"],
      ["GET", "/_security/api_key", undefined, "cluster:admin/xpack/security/api_key/get"],
      ["POST", "/_security/_query/api_key", {}, "cluster:admin/xpack/security/api_key/query"],
      ["DELETE", "/_security/api_key", { ids: ["abc"] }, "cluster:admin/xpack/security/api_key/invalidate"],
      ["POST", "/_security/api_key", { name: "k" }, "cluster:admin/xpack/security/api_key/create"],
      ["PUT", "/_connector/c1", { index_name: "search-c1" }, "cluster:admin/xpack/connector/put"],
      ["GET", "/_connector/c1", undefined, "cluster:admin/xpack/connector/get"],
      ["PUT", "/_connector/c1/_api_key_id", { api_key_id: "x" }, "cluster:admin/xpack/connector/update_api_key_id"],
      ["POST", "/_connector/_secret", { value: "connector-secret-the-viewer-may-not-post" }, "cluster:admin/xpack/connector/secret/post"],
      ["GET", "/_connector/_secret/abc", undefined, "cluster:admin/xpack/connector/secret/get"],
      ["DELETE", "/_connector/_secret/abc", undefined, "cluster:admin/xpack/connector/secret/delete"],
    ];
    for (const [method, path, body, action] of calls) {
      const res = await viewer.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.type).toBe("security_exception");
      expect(res.json.error.reason).toMatch(new RegExp(`^action \\[${action.replace(/\//g, "\\/")}\\] is unauthorized for user \\[viewer\\] with declared roles \\[viewer\\] \\(all resolved\\), this action is granted by the cluster privileges \\[`));
    }
    expect((await viewer.get("/_security/_authenticate")).status).toBe(200);
    expect((await viewer.get("/")).status).toBe(200);
  });

  it("names the missing privileges in the key admin's 403 for a cross-cluster create", async () => {
    const res = await clients(emulator()).keyAdmin.post("/_security/cross_cluster/api_key", { name: "k", access: { search: [{ names: ["a"] }] } });
    expect(res.status).toBe(403);
    expect(res.json.error.reason).toBe(
      "action [cluster:admin/xpack/security/cross_cluster/api_key/create] is unauthorized for user [key_admin] with declared roles [key_admin] (all resolved), this action is granted by the cluster privileges [manage_security,all]",
    );
  });

  it("parses before it authorizes: a bad body from the viewer is a 400, not a 403", async () => {
    const res = await clients(emulator()).viewer.post("/_security/cross_cluster/api_key", { name: "k", acces: {} });
    expect(res.status).toBe(400);
    expect(res.json.error.type).toBe("x_content_parse_exception");
  });

  it("uses fixed credentials when given", async () => {
    const fixed = await startEmulator({
      credentials: { superuser: { username: "elastic", password: "changeme" }, cloudApiKey: "fixed-cloud-key" },
    });
    try {
      expect(fixed.credentials.superuser.password).toBe("changeme");
      const res = await http(`${fixed.esUrl}/`, { auth: basic({ username: "elastic", password: "changeme" }) });
      expect(res.status).toBe(200);
      const cloud = await http(`${fixed.cloudUrl}/api/v1/cloud-connected/clusters/${fixed.defaultClusterId}`, { auth: "ApiKey fixed-cloud-key" });
      expect(cloud.status).toBe(200);
    } finally {
      await fixed.close();
    }
  });
});
