import type * as pulumi from "@pulumi/pulumi";
import type { CloudClient } from "../../sdk";
import { cloudClient } from "../clients";
import { now } from "../clock";
import { explainFailure } from "../errors";
import { flag, parseInputs, subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { rotateKey } from "./rotate";
import { SettleFailure, settle, settleError } from "./settle";
import { storedInputs } from "./state";

/**
 * Rotates the cluster's key (conditionally on its ETag unless `useEtag: false`), then revokes the previous key if
 * asked. The resource id is the cluster id. A failure after the rotation keeps the new key in state.
 */
export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<CloudConnectedClusterApiKeyOutputs>> {
  const subject = subjectOf(news.clusterId);
  let rotated: CloudConnectedClusterApiKeyOutputs;
  let client: CloudClient;
  try {
    const inputs = parseInputs(news);
    client = cloudClient(inputs.connection);
    const key = await rotateKey(client, inputs.clusterId, flag(inputs, "useEtag") === true);
    rotated = { ...storedInputs(inputs), key, rotatedAt: new Date(now()).toISOString(), previousKeyRevoked: false };
  } catch (err) {
    throw explainFailure(err, { subject, operation: "create (rotate)" });
  }
  try {
    const { state } = await settle(client, rotated, true);
    return { id: state.clusterId, outs: state };
  } catch (err) {
    if (err instanceof SettleFailure) throw settleError(err, { subject, operation: "create", rotated: true, providerText: news.__provider });
    throw explainFailure(err, { subject, operation: "create" });
  }
}
