import type * as pulumi from "@pulumi/pulumi";
import type { CloudClient } from "../../sdk";
import { cloudClient } from "../clients";
import { now } from "../clock";
import { explainFailure } from "../errors";
import { withClusterLock } from "./clusterLock";
import { flag, parseInputs, subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { lostRotation } from "./lostRotation";
import { RotationOutcomeUnknown, rotateKey } from "./rotate";
import type { CloudConnectedClusterApiKeyInputs } from "./schema";
import { SettleFailure, settle, settleError } from "./settle";
import { storedInputs } from "./state";
import { resourceId } from "./target";

/**
 * Rotates the cluster's key (conditionally on its ETag unless `useEtag: false`), then revokes the previous key if
 * asked. The resource id is the cluster id (`<clusterId>/<service>` for a service's key). A failure after the
 * rotation keeps the new key in state. Holds the cluster's lock throughout (clusterLock.ts).
 */
export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CloudConnectedClusterApiKeyOutputs>> {
  const clusterId = typeof news.clusterId === "string" ? news.clusterId : "";
  return withClusterLock(clusterId, () => createLocked(news));
}

async function createLocked(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CloudConnectedClusterApiKeyOutputs>> {
  const subject = subjectOf(news.clusterId, news.service);
  let rotated: CloudConnectedClusterApiKeyOutputs;
  let client: CloudClient;
  let inputs: CloudConnectedClusterApiKeyInputs | undefined;
  try {
    inputs = parseInputs(news);
    client = cloudClient(inputs.connection);
    const key = await rotateKey(client, inputs, flag(inputs, "useEtag") === true);
    rotated = { ...storedInputs(inputs), key, rotatedAt: new Date(now()).toISOString(), previousKeyRevoked: false };
  } catch (err) {
    if (err instanceof RotationOutcomeUnknown && inputs) {
      // No key is known, so none is stored; the next up's update rotates (lostRotation.ts).
      const kept = { ...storedInputs(inputs), previousKeyRevoked: false };
      throw lostRotation(err, { subject, operation: "create (rotate)", kept, at: new Date(now()).toISOString(), providerText: news.__provider });
    }
    throw explainFailure(err, { subject, operation: "create (rotate)" });
  }
  try {
    const { state } = await settle(client, rotated, true);
    return { id: resourceId(state), outs: state };
  } catch (err) {
    if (err instanceof SettleFailure) throw settleError(err, { subject, operation: "create", rotated: true, providerText: news.__provider });
    throw explainFailure(err, { subject, operation: "create" });
  }
}
