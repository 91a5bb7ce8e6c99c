import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  type ApiKeyInfo,
  apiKeyNameSchema,
  clusterIdSchema,
  createCrossClusterApiKeyRequestSchema,
  type CreateCrossClusterApiKeyRequest,
  crossClusterAccessSchema,
  durationSchema,
  formatIssuePath,
  getApiKeysResponseSchema,
  invalidateApiKeysRequestSchema,
  loneSurrogateAt,
  MAX_FIELD_JSON_BYTES,
  MAX_TERM_BYTES,
  metadataSchema,
  parseDurationMs,
  updateConnectorApiKeyIdRequestSchema,
  type UpdateCrossClusterApiKeyRequest,
  updateCrossClusterApiKeyRequestSchema,
} from "../../sdk";

/** `path: message` of every issue, the way the provider turns them into CheckFailures. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
}

describe("apiKeyNameSchema", () => {
  it("accepts ordinary names", () => {
    expect(issues(apiKeyNameSchema, "replication-key")).toEqual([]);
    expect(issues(apiKeyNameSchema, "a".repeat(256))).toEqual([]);
  });
  it("uses Elasticsearch's messages", () => {
    expect(issues(apiKeyNameSchema, undefined)).toEqual([": api key name is required"]);
    expect(issues(apiKeyNameSchema, "")).toEqual([": api key name is required"]);
    expect(issues(apiKeyNameSchema, "   ")).toEqual([": api key name is required"]);
    expect(issues(apiKeyNameSchema, "a".repeat(257))).toEqual([": api key name may not be more than 256 characters long"]);
    expect(issues(apiKeyNameSchema, " key")).toEqual([": api key name may not begin or end with whitespace"]);
    expect(issues(apiKeyNameSchema, "key\t")).toEqual([": api key name may not begin or end with whitespace"]);
    expect(issues(apiKeyNameSchema, "_key")).toEqual([": api key name may not begin with an underscore"]);
    expect(issues(apiKeyNameSchema, 42)).toEqual([": api key name must be a string"]);
    expect(issues(apiKeyNameSchema, "key-\uDC00")[0]).toMatch(/^: api key name contains a lone UTF-16 surrogate \(U\+DC00 at position 4\)/);
  });
  it("reports every rule that fails, as Elasticsearch does", () => {
    expect(issues(apiKeyNameSchema, `_${"a".repeat(256)} `)).toEqual([
      ": api key name may not be more than 256 characters long",
      ": api key name may not begin or end with whitespace",
      ": api key name may not begin with an underscore",
    ]);
  });
});

describe("durationSchema and parseDurationMs", () => {
  it.each([
    ["0", 0],
    ["-1", -1],
    ["1d", 86_400_000],
    ["30D", 30 * 86_400_000],
    ["12h", 12 * 3_600_000],
    ["5m", 300_000],
    ["90s", 90_000],
    ["250ms", 250],
    ["2000micros", 2],
    ["3000000nanos", 3],
  ])("%s is %d ms", (s, ms) => {
    expect(durationSchema.safeParse(s).success).toBe(true);
    expect(parseDurationMs(s)).toBe(ms);
  });
  it("uses Elasticsearch's messages for negative and fractional values", () => {
    expect(issues(durationSchema, "-2d")).toEqual([
      ": failed to parse setting [expiration] with value [-2d] as a time value: negative durations are not supported",
    ]);
    expect(issues(durationSchema, "1.5h")).toEqual([": failed to parse [1.5h], fractional time values are not supported"]);
    expect(parseDurationMs("-2d")).toBeUndefined();
    expect(parseDurationMs("1.5h")).toBeUndefined();
  });
  it("refuses expirations over 100 years (36500d), which overflow what Elasticsearch and JavaScript dates can hold long before the syntax does", () => {
    expect(issues(durationSchema, "36500d")).toEqual([]);
    expect(issues(durationSchema, "36501d")).toEqual([": expiration [36501d] is longer than 36500d (100 years); omit expiration for a key that should never expire"]);
    expect(issues(durationSchema, "99999999999999999999d")).toHaveLength(1);
  });
  it.each(["", "1", "1w", "d", "1 d", " 1d", "1y"])("%j is refused", (s) => {
    expect(parseDurationMs(s)).toBeUndefined();
    expect(issues(durationSchema, s)).toEqual([
      `: failed to parse setting [expiration] with value [${s}] as a time value: unit is missing or unrecognized`,
    ]);
  });
});

describe("metadataSchema", () => {
  it("accepts any values under ordinary keys", () => {
    expect(issues(metadataSchema, { team: "search", nested: { _ok: true }, n: 1 })).toEqual([]);
  });
  it("refuses reserved top-level keys, pointing at the key", () => {
    expect(issues(metadataSchema, { _reserved: 1, fine: 2 })).toEqual(["_reserved: API key metadata keys may not start with [_]"]);
  });
  it("must be an object", () => {
    expect(issues(metadataSchema, ["a"])).toEqual([": metadata must be an object"]);
  });

  // Elasticsearch indexes metadata in a `flattened` field (metadata_flattened): its limits fail the request.
  const nested = (keys: number): Record<string, unknown> => (keys === 1 ? { k: "v" } : { k: nested(keys - 1) });
  it("nests objects at most 20 keys deep (the flattened field's depth_limit), arrays not counting", () => {
    expect(issues(metadataSchema, nested(20))).toEqual([]);
    expect(issues(metadataSchema, { list: [[nested(19)]] })).toEqual([]);
    const refused = issues(metadataSchema, nested(21));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(new RegExp(`^k${"\\.k".repeat(19)}: The provided \\[flattened\\] field \\[metadata_flattened\\] exceeds the maximum depth limit of \\[20\\]`));
  });
  it("keeps each keyed value (dotted key, NUL, value) within Lucene's 32766-byte term limit", () => {
    const fits = { ab: { c: "x".repeat(MAX_TERM_BYTES - "ab.c".length - 1) } };
    expect(issues(metadataSchema, fits)).toEqual([]);
    expect(issues(metadataSchema, { ab: { c: `${fits.ab.c}x` } })[0]).toMatch(/^ab\.c: Flattened field \[metadata_flattened\] contains one immense field/);
    // Bytes, not characters: "é" is two (1 + 1 + 32764 fits exactly).
    expect(issues(metadataSchema, { k: "é".repeat(16_382) })).toEqual([]);
    expect(issues(metadataSchema, { k: "é".repeat(16_383) })).not.toEqual([]);
  });
  it("refuses NUL in keys, the flattened field's separator", () => {
    expect(issues(metadataSchema, { team: { "a\u0000b": 1 } })[0]).toMatch(/^team\.a\u0000b: Keys in \[flattened\] fields cannot contain the reserved character/);
  });
  it("refuses text with no UTF-8 form: values at their path, keys at their object", () => {
    expect(issues(metadataSchema, { owner: "team-\uD83D" })[0]).toMatch(/^owner: this metadata value contains a lone UTF-16 surrogate \(U\+D83D at position 5\)/);
    expect(issues(metadataSchema, { tags: ["ok", "\uDC00"] })[0]).toMatch(/^tags\[1\]: /);
    expect(issues(metadataSchema, { nested: { "k\uDC00": 1 } })[0]).toMatch(/^nested: a key of this metadata object contains a lone UTF-16 surrogate/);
    expect(issues(metadataSchema, { emoji: "\uD83D\uDE00" })).toEqual([]);
  });
  it("is at most 1 MiB of JSON", () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`part${i}`, "x".repeat(30_000)]));
    expect(issues(metadataSchema, big)).toEqual([expect.stringMatching(/^: metadata is \d+ bytes as JSON, more than the limit of 1048576 \(1 MiB\)/)]);
    expect(MAX_FIELD_JSON_BYTES).toBe(1_048_576);
  });
});

describe("loneSurrogateAt", () => {
  it("finds halves of surrogate pairs, not whole pairs", () => {
    expect(loneSurrogateAt("plain")).toBe(-1);
    expect(loneSurrogateAt("smile \uD83D\uDE00")).toBe(-1);
    expect(loneSurrogateAt("cut \uD83D")).toBe(4);
    expect(loneSurrogateAt("a\uD83Db")).toBe(1);
    expect(loneSurrogateAt("\uDE00 tail")).toBe(0);
    expect(loneSurrogateAt("\uDE00\uD83D")).toBe(0);
  });
});

describe("crossClusterAccessSchema", () => {
  it("accepts search, replication, and both without DLS/FLS", () => {
    expect(issues(crossClusterAccessSchema, { search: [{ names: "logs-*" }] })).toEqual([]);
    expect(issues(crossClusterAccessSchema, { replication: [{ names: ["a", "b"] }] })).toEqual([]);
    expect(
      issues(crossClusterAccessSchema, {
        search: [{ names: ["logs-*"], allow_restricted_indices: false }],
        replication: [{ names: "archive-*" }],
      }),
    ).toEqual([]);
    expect(
      issues(crossClusterAccessSchema, {
        search: [{ names: "a", query: { term: { x: 1 } }, field_security: { grant: ["*"], except: ["secret"] } }],
      }),
    ).toEqual([]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a", query: '{"match_all":{}}' }] })).toEqual([]);
  });
  it("requires non-empty access", () => {
    const msg = ": must specify non-empty access for either [search] or [replication]";
    expect(issues(crossClusterAccessSchema, {})).toEqual([msg]);
    expect(issues(crossClusterAccessSchema, { search: [], replication: [] })).toEqual([msg]);
  });
  it("refuses DLS/FLS on replication entries", () => {
    expect(issues(crossClusterAccessSchema, { replication: [{ names: "a", query: { match_all: {} } }] })).toEqual([
      "replication[0].query: replication does not support document or field level security",
    ]);
    expect(issues(crossClusterAccessSchema, { replication: [{ names: "a" }, { names: "b", field_security: { grant: ["x"] } }] })).toEqual([
      "replication[1].field_security: replication does not support document or field level security",
    ]);
  });
  it("like Elasticsearch, does not count grant [*] or a blank query as DLS/FLS", () => {
    expect(issues(crossClusterAccessSchema, { replication: [{ names: "a", field_security: { grant: ["*"] }, query: "" }] })).toEqual([]);
    expect(
      issues(crossClusterAccessSchema, { search: [{ names: "a", field_security: { grant: ["*"] } }], replication: [{ names: "b" }] }),
    ).toEqual([]);
  });
  it("refuses DLS/FLS on search when replication is assigned (8.14+)", () => {
    expect(
      issues(crossClusterAccessSchema, {
        search: [{ names: "a" }, { names: "b", query: { match_all: {} }, field_security: { grant: ["f"] } }],
        replication: [{ names: "c" }],
      }),
    ).toEqual([
      "search[1].query: search does not support document or field level security if replication is assigned",
      "search[1].field_security: search does not support document or field level security if replication is assigned",
    ]);
  });
  it("checks entries with paths to the offending field", () => {
    const E = "failed to parse indices privileges for role [cross_cluster].";
    expect(issues(crossClusterAccessSchema, { search: [{ names: 3 }] })).toEqual([
      `search[0].names: ${E} expected field [names] value to be a string or an array of strings`,
    ]);
    expect(issues(crossClusterAccessSchema, { search: [{}] })).toEqual([`search[0].names: ${E} missing required [names] field`]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: [] }] })).toEqual([`search[0].names: ${E} [names] cannot be an empty array`]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a", privileges: ["read"] }] })).toEqual([
      `search[0]: ${E} field [privileges] must not present`,
    ]);
    expect(issues(crossClusterAccessSchema, { replication: [{ names: "a", other: 1 }] })).toEqual([`replication[0]: ${E} unexpected field [other]`]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a", field_security: { except: ["x"] } }] })).toEqual([
      `search[0].field_security.except: ${E} field_security requires grant if except is given`,
    ]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a", field_security: {} }] })).toEqual([
      'search[0].field_security: "field_security" must not be empty.',
    ]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a", field_security: { grant: "x" } }] })).toEqual([
      `search[0].field_security.grant: ${E} could not parse [grant] field. expected a string array`,
    ]);
    expect(issues(crossClusterAccessSchema, { search: [{ names: "a" }], other: [] })).toEqual([
      ": [cross_cluster_api_key_request_access] unknown field [other]",
    ]);
  });
  it("refuses text with no UTF-8 form and more than 1 MiB of JSON", () => {
    expect(issues(crossClusterAccessSchema, { search: [{ names: ["a", "b\uDC00"] }] })[0]).toMatch(/^search\[0\]\.names\[1\]: this access value contains a lone UTF-16 surrogate/);
    const names = Array.from({ length: 100_000 }, (_, i) => `logs-${i}-*`);
    expect(issues(crossClusterAccessSchema, { replication: [{ names }] })).toEqual([expect.stringMatching(/^: access is \d+ bytes as JSON, more than the limit/)]);
  });
});

describe("request schemas", () => {
  it("create is strict and requires name and access", () => {
    expect(issues(createCrossClusterApiKeyRequestSchema, { name: "k", access: { search: [{ names: "*" }] }, expiration: "1d" })).toEqual([]);
    expect(issues(createCrossClusterApiKeyRequestSchema, { name: "k", access: { search: [{ names: "*" }] }, role_descriptors: {} })).toEqual([
      ": [cross_cluster_api_key_request_payload] unknown field [role_descriptors]",
    ]);
    expect(issues(createCrossClusterApiKeyRequestSchema, { access: { search: [{ names: "*" }] } })).toEqual(["name: api key name is required"]);
  });
  it("update needs access or metadata and cannot rename", () => {
    expect(issues(updateCrossClusterApiKeyRequestSchema, { metadata: {} })).toEqual([]);
    expect(issues(updateCrossClusterApiKeyRequestSchema, { expiration: "1d" })).toEqual([
      ": must update either [access] or [metadata] for cross-cluster API keys",
    ]);
    expect(issues(updateCrossClusterApiKeyRequestSchema, { name: "x", metadata: {} })).toEqual([
      ": [update_cross_cluster_api_key_request_payload] unknown field [name]",
    ]);
  });
  it("certificate_identity (Stack 9.3): a string at create; a string or null at update, where it alone is enough", () => {
    const access = { search: [{ names: "*" }] };
    expect(issues(createCrossClusterApiKeyRequestSchema, { name: "k", access, certificate_identity: "CN=remote-.*,O=Example" })).toEqual([]);
    expect(issues(createCrossClusterApiKeyRequestSchema, { name: "k", access, certificate_identity: null })).toEqual([
      "certificate_identity: certificate_identity must be a string",
    ]);
    expect(issues(updateCrossClusterApiKeyRequestSchema, { certificate_identity: "CN=remote" })).toEqual([]);
    expect(issues(updateCrossClusterApiKeyRequestSchema, { certificate_identity: null })).toEqual([]);
    expect(issues(updateCrossClusterApiKeyRequestSchema, { certificate_identity: 7 })).toEqual([
      "certificate_identity: certificate_identity must be a string",
    ]);
    expectTypeOf<UpdateCrossClusterApiKeyRequest["certificate_identity"]>().toEqualTypeOf<string | null | undefined>();
  });
  it("invalidate refuses empty and blank ids", () => {
    expect(issues(invalidateApiKeysRequestSchema, { ids: [] })).toEqual(["ids: Field [ids] cannot be an empty array"]);
    expect(issues(invalidateApiKeysRequestSchema, { ids: ["a", " "] })).toEqual([
      "ids[1]: Field [ids] must not contain blank id, but got blank id at index position: [1]",
    ]);
  });
  it("connector api key id accepts strings and nulls only", () => {
    expect(issues(updateConnectorApiKeyIdRequestSchema, { api_key_id: null, api_key_secret_id: "" })).toEqual([]);
    expect(issues(updateConnectorApiKeyIdRequestSchema, { api_key_id: 1 })).not.toEqual([]);
    expect(issues(updateConnectorApiKeyIdRequestSchema, { other: "x" })).toEqual([
      ": [connector_update_api_key_id_request] unknown field [other]",
    ]);
  });
});

describe("clusterIdSchema", () => {
  it("accepts 32 lowercase alphanumerics only", () => {
    expect(clusterIdSchema.safeParse("0123456789abcdef0123456789abcdef").success).toBe(true);
    for (const bad of ["", "0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcde", "../../../etc/passwd0123456789abc"])
      expect(clusterIdSchema.safeParse(bad).success).toBe(false);
  });
});

describe("formatIssuePath", () => {
  it("renders paths as users read them", () => {
    expect(formatIssuePath(["search", 0, "names"])).toBe("search[0].names");
    expect(formatIssuePath([0, "a"], "access")).toBe("access[0].a");
    expect(formatIssuePath([])).toBe("");
  });
});

describe("types come from the schemas", () => {
  it("infers request and response types", () => {
    expectTypeOf<CreateCrossClusterApiKeyRequest["name"]>().toEqualTypeOf<string>();
    expectTypeOf<CreateCrossClusterApiKeyRequest["expiration"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ApiKeyInfo["type"]>().toEqualTypeOf<"rest" | "cross_cluster">();
    expectTypeOf<ApiKeyInfo["expiration"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("response schemas", () => {
  const key = {
    id: "VuaCfGcBCdbkQm-e5aOx",
    name: "remote",
    type: "cross_cluster",
    creation: 1,
    invalidated: false,
    username: "elastic",
    realm: "reserved",
    metadata: {},
    access: { search: [{ names: ["logs-*"], allow_restricted_indices: false }] },
  };

  it("accept certificate_identity from Stack 9.3+ clusters, and its absence (or null) from older ones", () => {
    const parsed = getApiKeysResponseSchema.parse({ api_keys: [{ ...key, certificate_identity: "CN=remote,O=Example" }, key, { ...key, certificate_identity: null }] });
    expect(parsed.api_keys.map((k) => k.certificate_identity)).toEqual(["CN=remote,O=Example", undefined, null]);
    expectTypeOf<ApiKeyInfo["certificate_identity"]>().toEqualTypeOf<string | null | undefined>();
    expect(issues(getApiKeysResponseSchema, { api_keys: [{ ...key, certificate_identity: 7 }] })).toEqual([
      "api_keys[0].certificate_identity: Invalid input: expected string, received number",
    ]);
  });
});
