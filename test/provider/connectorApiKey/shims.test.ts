import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../support/stack";

// The compiled thin provider, exactly as a user's program loads it (not the test runner's transform of it).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a build output, loaded by path on purpose
const { thinProvider } = require(path.join(REPO_ROOT, "dist/provider/thinProvider.js")) as typeof import("../../../provider/thinProvider");

describe("the pieces' __provider is the thin shim", () => {
  it.each(["apiKey", "connectorSecret", "connectorApiKeyBinding"])("%s: ≤ 2 KB, names its runtime, which loads as a provider", async (id) => {
    const runtime = `pulumi-elastic-keys/runtime/${id}`;
    const provider = thinProvider(runtime);
    const { text } = await pulumi.runtime.serializeFunction(() => provider);
    expect(text.length).toBeLessThanOrEqual(2048);
    expect(text).toContain(runtime);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the host loads it exactly like this
    const loaded = require(runtime) as Record<string, unknown>;
    for (const verb of ["configure", "check", "diff", "create", "read", "update", "delete"]) expect(typeof loaded[verb]).toBe("function");
  });
});
