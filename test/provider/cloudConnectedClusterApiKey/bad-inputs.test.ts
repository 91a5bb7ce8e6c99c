import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudConnectedClusterApiKey, type CloudConnectedClusterApiKeyArgs } from "../../../provider";
import { expectRejectedAtPreview, itRejectsEachAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";
import { cluster, resources } from "./helpers";

/** Each row: inputs the provider or Elastic Cloud would refuse, and the property preview must name. */
const cases: Array<[string, Record<string, unknown>, string]> = [
  ["cluster id with upper-case letters", { clusterId: "ABCDEF0123456789abcdef0123456789" }, "clusterId"],
  ["cluster id too short", { clusterId: "abc123" }, "clusterId"],
  ["cluster id too long", { clusterId: "a".repeat(33) }, "clusterId"],
  ["cluster id with a dash (a deployment id, not a cluster id)", { clusterId: "0123456789abcdef-0123456789abcde" }, "clusterId"],
  ["cluster id that is not a string", { clusterId: 42 }, "clusterId"],
  ["trigger value that is not a string", { triggers: { release: 2 } }, "triggers.release"],
  ["triggers that are not a map", { triggers: ["a"] }, "triggers"],
  ["rotateAfter that is not a duration", { rotateAfter: "monthly" }, "rotateAfter"],
  ["rotateAfter of zero", { rotateAfter: "0d" }, "rotateAfter"],
  ["revokePreviousKey that is not a boolean", { revokePreviousKey: "yes" }, "revokePreviousKey"],
  ["useEtag that is not a boolean", { useEtag: 1 }, "useEtag"],
  ["unknown top-level input", { revokePrevious: true }, "revokePrevious"],
  ["cloudEndpoint without scheme", { connection: { cloudEndpoint: "api.elastic-cloud.com" } }, "connection.cloudEndpoint"],
  // More bad cluster ids
  ["cluster id of 31 characters", { clusterId: "a".repeat(31) }, "clusterId"],
  ["cluster id with an underscore", { clusterId: "0123456789abcdef_123456789abcdef" }, "clusterId"],
  ["cluster id with a trailing newline", { clusterId: "0123456789abcdef0123456789abcdef\n" }, "clusterId"],
  ["cluster id padded with spaces", { clusterId: " 0123456789abcdef0123456789abcdef " }, "clusterId"],
  ["cluster id with a non-ASCII letter", { clusterId: "0123456789abcdef0123456789abcdé" }, "clusterId"],
  ["empty cluster id", { clusterId: "" }, "clusterId"],
  ["cluster id missing", { clusterId: undefined }, "clusterId"],
  // Wrong types
  ["trigger value that is an object", { triggers: { release: { v: 1 } } }, "triggers.release"],
  ["rotateAfter that is a number", { rotateAfter: 30 }, "rotateAfter"],
  ["negative rotateAfter", { rotateAfter: "-1d" }, "rotateAfter"],
  ["revokeOnDelete that is a string", { revokeOnDelete: "true" }, "revokeOnDelete"],
  // Connection values
  ["cloudEndpoint with the ftp:// scheme", { connection: { cloudEndpoint: "ftp://api.elastic-cloud.com" } }, "connection.cloudEndpoint"],
  ["cloudEndpoint with credentials in it", { connection: { cloudEndpoint: "https://ops:pass@api.elastic-cloud.com" } }, "connection.cloudEndpoint"],
  ["cloudEndpoint with a query string", { connection: { cloudEndpoint: "https://api.elastic-cloud.com?region=us-east-1" } }, "connection.cloudEndpoint"],
  ["cloudEndpoint ending in /api/v1 (the client adds it)", { connection: { cloudEndpoint: "https://api.elastic-cloud.com/api/v1" } }, "connection.cloudEndpoint"],
  ["cloudApiKey with its ApiKey prefix", { connection: { cloudApiKey: "ApiKey abc123" } }, "connection.cloudApiKey"],
  ["cloudApiKey with a trailing newline", { connection: { cloudApiKey: "abc123\n" } }, "connection.cloudApiKey"],
  ["misspelt connection setting", { connection: { cloudApikey: "abc123" } }, "connection.cloudApikey"],
  // Services: only those Elastic Cloud names (sdk/schemas/cloud.ts), spelt as its API spells them
  ["a service Elastic Cloud does not name", { service: "autoops" }, "service"],
  ["a service in upper case", { service: "EIS" }, "service"],
  ["a service spelt out instead of its path segment", { service: "elastic-inference-service" }, "service"],
  ["an empty service", { service: "" }, "service"],
  ["a service that is not a string", { service: 1 }, "service"],
  ["services given as a list", { service: ["eis"] }, "service"],
];

/**
 * Every row on a cluster of its own: keys of one cluster declared together are grouped (siblings.ts), and a group's
 * watcher waits for its siblings' outputs — which a refused sibling never has.
 */
const clusterOf = (name: string) => `${name.replace(/\D/g, "")}`.padStart(32, "c");

describe("CloudConnectedClusterApiKey rejects bad inputs at preview, naming the property, with zero requests", () => {
  let stack: TestStack;
  let current: Record<string, unknown> = {};
  beforeAll(async () => {
    stack = await startTestStack(() => {
      const valid: CloudConnectedClusterApiKeyArgs = { clusterId: stack.emulator.defaultClusterId };
      new CloudConnectedClusterApiKey("bad", { ...valid, ...current } as CloudConnectedClusterApiKeyArgs);
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  itRejectsEachAtPreview(
    () => stack,
    cases.map(([title, override, property]) => [
      title,
      (name: string) =>
        new CloudConnectedClusterApiKey(name, { clusterId: clusterOf(name), ...override } as CloudConnectedClusterApiKeyArgs),
      { property },
    ]),
  );

  it("an unknown service is refused with the services Elastic Cloud names and how to ask for another", async () => {
    current = { service: "autoops" };
    const preview = await expectRejectedAtPreview(stack, { property: "service" });
    const message = preview.errors.find((e) => e.property === "service")?.message ?? "";
    expect(message).toContain('service must be one of "eis", or left out for the cluster\'s own key');
    expect(message).toContain("ask for it to be supported");
    expect(message).toContain("sdk/schemas/cloud.ts");
  });

  it("up refuses a bad cluster id the same way, before any request", async () => {
    current = { clusterId: "not-a-cluster-id" };
    stack.emulator.resetStats();
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.errors.map((e) => e.property)).toContain("clusterId");
    expect(up.report).toContain("^[a-z0-9]{32}$");
    expect(stack.emulator.stats().requests.total).toBe(0);
    expect(await resources(stack)).toHaveLength(0);
  });

  it("a cluster that does not exist passes preview but fails up with a clear message and rotates nothing", async () => {
    current = { clusterId: "0".repeat(32) };
    expect((await stack.engine.preview()).ok).toBe(true);
    const up = await stack.engine.up();
    expect(up.ok).toBe(false);
    expect(up.report).toContain(`no Cloud Connected cluster "${"0".repeat(32)}" exists`);
    expect(cluster(stack.emulator).rotations).toBe(0);
    expect(await resources(stack)).toHaveLength(0);
  });

  it("a valid configuration passes preview with zero requests (the table is not failing for another reason)", async () => {
    current = {};
    stack.emulator.resetStats();
    const preview = await stack.engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(stack.emulator.stats().requests.total).toBe(0);
  });
});
