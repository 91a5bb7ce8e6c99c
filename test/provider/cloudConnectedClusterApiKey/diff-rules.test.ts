import { describe, expect, it } from "vitest";
import { diffCloudConnectedClusterApiKey, plan } from "../../../provider/cloudConnectedClusterApiKey/diff";
import type { CloudConnectedClusterApiKeyOutputs } from "../../../provider/cloudConnectedClusterApiKey/outputs";
import { checkInputs } from "../../../provider/cloudConnectedClusterApiKey/schema";
import { UNKNOWN } from "../../../provider/unknowns";

/**
 * The replace/rotate rules with values the engine tests cannot easily produce: preview unknowns (an input computed
 * from another resource's output) and equivalent spellings. Everything else is covered through the real host.
 */
const CLUSTER = "0123456789abcdef0123456789abcdef";
const NOW = Date.parse("2026-06-01T00:00:00Z");
const olds: CloudConnectedClusterApiKeyOutputs = {
  clusterId: CLUSTER,
  key: "not-a-real-key",
  rotatedAt: new Date(NOW - 10 * 86_400_000).toISOString(),
  previousKeyRevoked: false,
  etag: '"e1"',
  triggers: { release: "1" },
};
const same = { clusterId: CLUSTER, triggers: { release: "1" } };

describe("CloudConnectedClusterApiKey diff rules", () => {
  it("no change, and defaults written out explicitly, are no change", () => {
    expect(diffCloudConnectedClusterApiKey(olds, same, NOW).changes).toBe(false);
    expect(diffCloudConnectedClusterApiKey(olds, { ...same, revokePreviousKey: false, useEtag: true, revokeOnDelete: false }, NOW).changes).toBe(false);
    expect(diffCloudConnectedClusterApiKey({ ...olds, triggers: undefined }, { clusterId: CLUSTER, triggers: {} }, NOW).changes).toBe(false);
  });

  it("an unknown clusterId replaces; unknown triggers may rotate; an unknown rotateAfter is an update", () => {
    expect(diffCloudConnectedClusterApiKey(olds, { ...same, clusterId: UNKNOWN }, NOW).replaces).toEqual(["clusterId"]);
    expect(plan(olds, { ...same, triggers: UNKNOWN }, NOW).rotate).toEqual(["triggers"]);
    expect(plan(olds, { ...same, triggers: { release: UNKNOWN } }, NOW).rotate).toEqual(["triggers"]);
    const p = plan(olds, { ...same, rotateAfter: UNKNOWN }, NOW);
    expect(p.rotate).toEqual([]);
    expect(p.stored).toEqual(["rotateAfter"]);
  });

  it("rotateAfter counts from rotatedAt", () => {
    expect(plan(olds, { ...same, rotateAfter: "11d" }, NOW).rotate).toEqual([]);
    expect(plan(olds, { ...same, rotateAfter: "10d" }, NOW).rotate).toEqual(["rotateAfter"]);
  });

  it("revokePreviousKey: on with a pending previous key revokes now; when rotating anyway it is part of the rotation", () => {
    expect(plan(olds, { ...same, revokePreviousKey: true }, NOW)).toMatchObject({ rotate: [], revokeNow: true });
    expect(plan({ ...olds, previousKeyRevoked: true }, { ...same, revokePreviousKey: true }, NOW).revokeNow).toBe(false);
    expect(plan(olds, { clusterId: CLUSTER, triggers: { release: "2" }, revokePreviousKey: true }, NOW)).toMatchObject({ rotate: ["triggers"], revokeNow: false });
  });

  it("check accepts unknowns (checked again at up) and sends no request", () => {
    expect(checkInputs({ clusterId: UNKNOWN, triggers: UNKNOWN, revokePreviousKey: UNKNOWN, connection: { cloudEndpoint: UNKNOWN } })).toEqual([]);
    expect(checkInputs({ clusterId: "nope" })).toEqual([{ property: "clusterId", reason: expect.stringContaining("^[a-z0-9]{32}$") }]);
  });
});
