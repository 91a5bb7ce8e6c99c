import { describe, expect, it } from "vitest";
import { apiKeyAuth, client, clients, esError, SEARCH_ACCESS, useEmulator } from "./helpers";

const PARSER = "cross_cluster_api_key_request_payload";
const PATH = "/_security/cross_cluster/api_key";

describe("POST /_security/cross_cluster/api_key", () => {
  const emulator = useEmulator({ restApiKey: true });
  const create = (body: unknown) => clients(emulator()).elastic.post(PATH, body);

  it("answers id, name, expiration, api_key, encoded — in that order — with Elasticsearch's key shapes", async () => {
    const res = await create({ name: "ccs", access: SEARCH_ACCESS, expiration: "7d", metadata: { team: "search" } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(["id", "name", "expiration", "api_key", "encoded"]);
    expect(res.json.id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(res.json.api_key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.json.encoded).toBe(Buffer.from(`${res.json.id}:${res.json.api_key}`).toString("base64"));
    const stored = emulator().inventory().apiKeys.find((k) => k.id === res.json.id)!;
    expect(res.json.expiration).toBe(stored.creation + 7 * 86_400_000);
    expect(stored).toMatchObject({ type: "cross_cluster", name: "ccs", metadata: { team: "search" }, username: "elastic" });
  });

  it("omits expiration when none is set", async () => {
    const res = await create({ name: "forever", access: SEARCH_ACCESS });
    expect(Object.keys(res.json)).toEqual(["id", "name", "api_key", "encoded"]);
  });

  it("is not idempotent and names are not unique", async () => {
    const first = await create({ name: "same", access: SEARCH_ACCESS });
    const second = await create({ name: "same", access: SEARCH_ACCESS });
    expect(first.json.id).not.toBe(second.json.id);
    expect(emulator().inventory().apiKeys.filter((k) => k.name === "same")).toHaveLength(2);
  });

  describe("name rules (action_request_validation_exception)", () => {
    const invalid = (reasons: string[]) =>
      esError(400, "action_request_validation_exception", `Validation Failed: ${reasons.map((r, i) => `${i + 1}: ${r};`).join("")}`);

    it.each([
      ["", ["api key name is required"]],
      ["x".repeat(257), ["api key name may not be more than 256 characters long"]],
      [" padded", ["api key name may not begin or end with whitespace"]],
      ["padded\t", ["api key name may not begin or end with whitespace"]],
      ["_hidden", ["api key name may not begin with an underscore"]],
      ["_both ", ["api key name may not begin or end with whitespace", "api key name may not begin with an underscore"]],
    ])("rejects %j", async (name, reasons) => {
      const res = await create({ name, access: SEARCH_ACCESS });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(invalid(reasons));
    });

    it("accepts 256 characters", async () => {
      expect((await create({ name: "x".repeat(256), access: SEARCH_ACCESS })).status).toBe(200);
    });

    it("lists metadata keys starting with _ together with name errors", async () => {
      const res = await create({ name: "_k", access: SEARCH_ACCESS, metadata: { _reserved: 1 } });
      expect(res.json).toEqual(invalid(["api key name may not begin with an underscore", "API key metadata keys may not start with [_]"]));
      expect((await create({ name: "k", access: SEARCH_ACCESS, metadata: { nested: { _ok: 1 } } })).status).toBe(200);
    });

    it("requires name and access (illegal_argument_exception)", async () => {
      expect((await create({ access: SEARCH_ACCESS })).json).toEqual(esError(400, "illegal_argument_exception", "Required [name]"));
      expect((await create({})).json).toEqual(esError(400, "illegal_argument_exception", "Required [name, access]"));
    });
  });

  describe("expiration", () => {
    it.each([
      ["10", "failed to parse setting [expiration] with value [10] as a time value: unit is missing or unrecognized"],
      ["1w", "failed to parse setting [expiration] with value [1w] as a time value: unit is missing or unrecognized"],
      ["-5m", "failed to parse setting [expiration] with value [-5m] as a time value: negative durations are not supported"],
      ["1.5h", "failed to parse [1.5h], fractional time values are not supported"],
      ["xd", "failed to parse [xd]"],
    ])("rejects %j", async (expiration, reason) => {
      const res = await create({ name: "k", access: SEARCH_ACCESS, expiration });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(esError(400, "illegal_argument_exception", reason));
    });

    it.each([
      ["1500nanos", 0],
      ["2000micros", 2],
      ["250ms", 250],
      ["30s", 30_000],
      ["5m", 300_000],
      ["5M", 300_000],
      ["2h", 7_200_000],
      ["1D", 86_400_000],
      ["0", 0],
      ["-1", -1],
    ])("accepts %j", async (expiration, ms) => {
      const res = await create({ name: "k", access: SEARCH_ACCESS, expiration });
      expect(res.status).toBe(200);
      const creation = emulator().inventory().apiKeys.find((k) => k.id === res.json.id)!.creation;
      expect(res.json.expiration).toBe(creation + ms);
    });

    it("must be a string", async () => {
      const res = await clients(emulator()).elastic.post(PATH, '{"name":"k","expiration":3600}');
      expect(res.json).toEqual(esError(400, "x_content_parse_exception", `[1:26] [${PARSER}] expiration doesn't support values of type: VALUE_NUMBER`));
    });
  });

  describe("strict body parsing (x_content_parse_exception)", () => {
    it("rejects an unknown top-level field with its position", async () => {
      const res = await create('{"name":"k","foo":1}');
      expect(res.json).toEqual(esError(400, "x_content_parse_exception", `[1:13] [${PARSER}] unknown field [foo]`));
      const multiline = await create('{\n  "name": "k",\n  "bogus": true\n}');
      expect(multiline.json.error.reason).toBe(`[3:3] [${PARSER}] unknown field [bogus]`);
    });

    it("suggests a close field name", async () => {
      const res = await create({ namee: "k", access: SEARCH_ACCESS });
      expect(res.json.error.reason).toBe(`[1:2] [${PARSER}] unknown field [namee] did you mean [name]?`);
    });

    it("rejects null and wrongly typed values", async () => {
      expect((await create('{"name":null}')).json).toEqual(
        esError(400, "x_content_parse_exception", `[1:9] [${PARSER}] name doesn't support values of type: VALUE_NULL`),
      );
      expect((await create('{"name":"k","access":null}')).json.error.reason).toBe(
        `[1:22] [${PARSER}] access doesn't support values of type: VALUE_NULL`,
      );
      expect((await create('{"name":"k","metadata":[]}')).json.error.reason).toBe(
        `[1:24] [${PARSER}] metadata doesn't support values of type: START_ARRAY`,
      );
    });

    it("wraps errors inside access, with the innermost one as root cause", async () => {
      const res = await create('{"name":"k","access":{"serch":[]}}');
      expect(res.json).toEqual({
        error: {
          root_cause: [
            { type: "x_content_parse_exception", reason: "[1:23] [cross_cluster_api_key_request_access] unknown field [serch] did you mean [search]?" },
          ],
          type: "x_content_parse_exception",
          reason: `[1:23] [${PARSER}] failed to parse field [access]`,
          caused_by: {
            type: "x_content_parse_exception",
            reason: "[1:23] [cross_cluster_api_key_request_access] unknown field [serch] did you mean [search]?",
          },
        },
        status: 400,
      });
    });

    it("forbids privileges in access entries", async () => {
      const res = await create('{"name":"k","access":{"search":[{"names":["a"],"privileges":["read"]}]}}');
      const reason = "failed to parse indices privileges for role [cross_cluster]. field [privileges] must not present";
      expect(res.json).toEqual({
        error: {
          root_cause: [{ type: "parse_exception", reason }],
          type: "x_content_parse_exception",
          reason: `[1:61] [${PARSER}] failed to parse field [access]`,
          caused_by: {
            type: "x_content_parse_exception",
            reason: "[1:61] [cross_cluster_api_key_request_access] failed to parse field [search]",
            caused_by: { type: "parse_exception", reason },
          },
        },
        status: 400,
      });
    });

    it.each([
      [{ search: [{ names: ["a"], bogus: 1 }] }, "failed to parse indices privileges for role [cross_cluster]. unexpected field [bogus]"],
      [{ search: [{ query: "{}" }] }, "failed to parse indices privileges for role [cross_cluster]. missing required [names] field"],
      [{ search: [{ names: [] }] }, "failed to parse indices privileges for role [cross_cluster]. [names] cannot be an empty array"],
      [{ search: ["logs"] }, "failed to parse indices privileges for role [cross_cluster]. expected field [search] value to be an array of objects, but found an array element of type [VALUE_STRING]"],
      [{ replication: [{ names: ["a"], field_security: { except: ["x"] } }] }, "failed to parse indices privileges for role [cross_cluster]. field_security requires grant if except is given"],
      [{ search: [{ names: ["a"], allow_restricted_indices: "yes" }] }, "failed to parse indices privileges for role [cross_cluster]. expected field [allow_restricted_indices] value to be a boolean, but found [VALUE_STRING] instead"],
    ])("rejects access %j", async (access, reason) => {
      const res = await create({ name: "k", access });
      expect(res.status).toBe(400);
      expect(res.json.error.root_cause).toEqual([{ type: "parse_exception", reason }]);
      expect(res.json.error.type).toBe("x_content_parse_exception");
    });
  });

  describe("access combination rules (illegal_argument_exception)", () => {
    const rejects = async (access: unknown, reason: string) => {
      const res = await create({ name: "k", access });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(esError(400, "illegal_argument_exception", reason));
    };
    const EMPTY = "must specify non-empty access for either [search] or [replication]";

    it("needs non-empty search or replication", async () => {
      await rejects({}, EMPTY);
      await rejects({ search: [] }, EMPTY);
      await rejects({ replication: [] }, EMPTY);
      await rejects({ search: [], replication: [] }, EMPTY);
    });

    it("refuses document and field level security on replication", async () => {
      const reason = "replication does not support document or field level security";
      await rejects({ replication: [{ names: ["a"], query: { term: { tag: 42 } } }] }, reason);
      await rejects({ replication: [{ names: ["a"], field_security: { grant: ["*"], except: ["private"] } }] }, reason);
      await rejects({ replication: [{ names: ["a"], field_security: { grant: ["public"] } }] }, reason);
      expect((await create({ name: "k", access: { replication: [{ names: ["a"], field_security: { grant: ["*"] } }] } })).status).toBe(200);
    });

    it("refuses DLS/FLS on search when replication is also assigned (8.14+)", async () => {
      const reason = "search does not support document or field level security if replication is assigned";
      await rejects({ search: [{ names: ["a"], query: { term: { tag: 42 } } }], replication: [{ names: ["b"] }] }, reason);
      await rejects({ search: [{ names: ["a"], field_security: { grant: ["*"], except: ["x"] } }], replication: [{ names: ["b"] }] }, reason);
      expect((await create({ name: "k", access: { search: [{ names: ["a"], query: { term: { tag: 42 } } }] } })).status).toBe(200);
    });

    it("checks the body before the name, and expiration before access", async () => {
      const both = await create({ name: "_k", access: {} });
      expect(both.json.error.reason).toBe(EMPTY);
      const expiration = await create({ name: "k", access: {}, expiration: "soon" });
      expect(expiration.json.error.reason).toMatch(/^failed to parse setting \[expiration\]/);
    });
  });

  it("accepts a single object for search and a string for names, and stores query objects as strings", async () => {
    const res = await create({ name: "k", access: { search: { names: "logs", query: { term: { tag: 4.50 } } } } });
    expect(res.status).toBe(200);
    const key = emulator().inventory().apiKeys.find((k) => k.id === res.json.id)!;
    expect(key.access).toEqual({ search: [{ names: ["logs"], query: '{"term":{"tag":4.5}}', allow_restricted_indices: false }] });
  });

  it("refuses callers authenticated with an API key", async () => {
    const e = emulator();
    const res = await client(e.esUrl, apiKeyAuth(e.credentials.restApiKey.encoded)).post(PATH, { name: "k", access: SEARCH_ACCESS });
    expect(res.json).toEqual(
      esError(400, "illegal_argument_exception", "authentication via API key not supported: An API key cannot be used to create a cross-cluster API key"),
    );
  });

  it("accepts a bearer token", async () => {
    expect((await clients(emulator()).bearer.post(PATH, { name: "k", access: SEARCH_ACCESS })).status).toBe(200);
  });
});
