import { afterAll, beforeAll, describe, it } from "vitest";
import { RemoteClusterAccess } from "../../../provider";
import { expectRejectedAtPreview } from "../../support/preview";
import { startTestStack, type TestStack } from "../../support/stack";
import { accessArgs } from "./helpers";

type Overrides = Parameters<typeof accessArgs>[1] & { alias?: unknown };

/**
 * One preview per row: the children check one after the other (the keystore entry waits for the key's outputs, the
 * settings for the keystore entry), and the engine starts no new step after a refusal, so rows cannot share one.
 */
const rows: Array<[string, Overrides, string]> = [
  ["alias with a dot (it would split the settings path)", { alias: "prod.eu" }, "verify.alias"],
  ["deployment id that is a deployment name", { local: { deploymentId: "my-deployment" } }, "deploymentId"],
  ["proxyAddress with a scheme", { local: { proxyAddress: "https://prod.example.com:9443" } }, "proxyAddress"],
  ["readinessTimeout that is not a duration", { local: { readinessTimeout: "soon" } }, "verify.readinessTimeout"],
  ["local endpoint without a scheme", { local: { connection: { endpoints: ["local.example.com:9200"] } } }, "verifyConnection.endpoints"],
  ["rotateAfter not shorter than expiration", { remote: { rotateAfter: "90d", expiration: "90d" } }, "rotateAfter"],
];

describe("RemoteClusterAccess rejects bad inputs at preview, naming the child's property, with zero requests", () => {
  let stack: TestStack;
  let overrides: Overrides = {};
  beforeAll(async () => {
    stack = await startTestStack(() => {
      const args = accessArgs(stack.emulator, overrides);
      // why the cast: rows feed values of the wrong shape on purpose.
      new RemoteClusterAccess("bad", { ...args, ...(overrides.alias !== undefined && { alias: overrides.alias as string }) });
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(rows)("%s", async (_title, row, property) => {
    overrides = row;
    await expectRejectedAtPreview(stack, { property });
  });
});
