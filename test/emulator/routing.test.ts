import { describe, expect, it } from "vitest";
import { basic, clients, esError, http, useEmulator } from "./helpers";

describe("Elasticsearch routing and request handling", () => {
  const emulator = useEmulator();

  it("serves the cluster banner", async () => {
    const res = await clients(emulator()).elastic.get("/");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: expect.any(String),
      cluster_name: "emulator",
      cluster_uuid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      version: { number: "8.15.0" },
      tagline: "You Know, for Search",
    });
    expect(res.headers["x-elastic-product"]).toBe("Elasticsearch");
    const head = await http(`${emulator().esUrl}/`, { method: "HEAD", auth: basic(emulator().credentials.superuser) });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("answers 400 'no handler found' for unknown paths, before authentication", async () => {
    const res = await clients(emulator()).anonymous.get("/_nothing/here?x=1");
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: "no handler found for uri [/_nothing/here?x=1] and method [GET]" });
  });

  it("answers 405 with the allowed methods for a known path", async () => {
    const res = await clients(emulator()).elastic.call("PATCH", "/_security/api_key");
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ error: "Incorrect HTTP method for uri [/_security/api_key] and method [PATCH], allowed: [GET, POST, PUT, DELETE]", status: 405 });
    expect(res.headers.allow).toBe("GET,POST,PUT,DELETE");
  });

  it("ignores trailing slashes", async () => {
    expect((await clients(emulator()).elastic.get("/_security/api_key/")).status).toBe(200);
  });

  it("requires a JSON Content-Type for bodies (406)", async () => {
    const e = emulator();
    const url = `${e.esUrl}/_security/api_key`;
    const auth = basic(e.credentials.superuser);
    const missing = await http(url, { method: "POST", auth, body: '{"name":"k"}', headers: { "content-type": "" } });
    expect(missing.status).toBe(406);
    expect(missing.json).toEqual({ error: "Content-Type header is missing", status: 406 });
    const text = await http(url, { method: "POST", auth, body: '{"name":"k"}', headers: { "content-type": "text/plain" } });
    expect(text.json).toEqual({ error: "Content-Type header [text/plain] is not supported", status: 406 });
    const charset = await http(url, { method: "POST", auth, body: '{"name":"k"}', headers: { "content-type": "application/json; charset=UTF-8" } });
    expect(charset.status).toBe(200);
    const compat = await http(url, { method: "POST", auth, body: '{"name":"k"}', headers: { "content-type": "application/vnd.elasticsearch+json; compatible-with=8" } });
    expect(compat.status).toBe(200);
  });

  it("refuses unrecognized URL parameters", async () => {
    const { elastic } = clients(emulator());
    expect((await elastic.get("/_security/api_key?idd=x")).json).toEqual(
      esError(400, "illegal_argument_exception", "request [/_security/api_key] contains unrecognized parameter: [idd] -> did you mean [id]?"),
    );
    expect((await elastic.get("/_security/api_key?a=1&b=2")).json.error.reason).toBe(
      "request [/_security/api_key] contains unrecognized parameters: [a], [b]",
    );
    expect((await elastic.get("/_security/api_key?pretty&active_only=true")).status).toBe(200);
    expect((await elastic.get("/_security/api_key?active_only=maybe")).json.error.reason).toBe(
      "Failed to parse value [maybe] as only [true] or [false] are allowed.",
    );
  });

  it("reports JSON syntax errors and duplicate fields as x_content_parse_exception", async () => {
    const { elastic } = clients(emulator());
    const syntax = await elastic.post("/_security/api_key", '{"name": }');
    expect(syntax.json).toEqual(
      esError(400, "x_content_parse_exception", "[1:10] Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
    );
    const duplicate = await elastic.post("/_security/api_key", '{"name":"a","name":"b"}');
    expect(duplicate.json.error.reason).toBe("[1:13] Duplicate field 'name'");
    const notObject = await elastic.post("/_security/api_key", "[1]");
    expect(notObject.json.error.reason).toBe("[1:1] [api_key_request] Expected START_OBJECT but was: START_ARRAY");
    const truncated = await elastic.post("/_security/api_key", '{"name":"a"');
    expect(truncated.json.error.reason).toMatch(/^\[1:12\] Unexpected end-of-input: expected close marker for Object/);
  });

  it("ignores content after the first JSON value, as Elasticsearch does", async () => {
    const res = await clients(emulator()).elastic.post("/_security/cross_cluster/api_key", '{"name":"k","access":{}}}');
    expect(res.json.error.reason).toBe("must specify non-empty access for either [search] or [replication]");
  });

  it("decodes path parameters", async () => {
    const { elastic } = clients(emulator());
    await elastic.put("/_connector/with%20space", { index_name: "search-x" });
    expect((await elastic.get("/_connector/with%20space")).json.id).toBe("with space");
  });
});
