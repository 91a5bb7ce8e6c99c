import type * as pulumi from "@pulumi/pulumi";
import type { CloudClient } from "../../sdk";
import { cloudClient } from "../clients";
import { now } from "../clock";
import { explainFailure, ResourceInitError } from "../errors";
import { withoutUndefined } from "../json";
import { plan } from "./diff";
import { withClusterLock } from "./clusterLock";
import { flag, parseInputs, subjectOf } from "./inputs";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { lostRotation, reportChangedOutsidePulumi, reportLostRotation } from "./lostRotation";
import { RotationOutcomeUnknown, rotateKey } from "./rotate";
import { SettleFailure, settle, settleError } from "./settle";
import { storedInputs } from "./state";

type Outputs = CloudConnectedClusterApiKeyOutputs;

/**
 * Does what {@link plan} says — the same rules preview showed: rotates again when `triggers` changed or
 * `rotateAfter` has elapsed (new `key`, `rotatedAt` = now, `previousKeyRevoked` false until revoked), revokes the
 * pending key when `revokePreviousKey` asks for it, and otherwise only stores the new inputs. After a partial
 * failure the engine calls update with unchanged inputs: the plan is then empty and only the unfinished steps run.
 * Holds the cluster's lock throughout (clusterLock.ts).
 */
export async function update(_id: string, olds: Outputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
  return withClusterLock(olds.clusterId, () => updateLocked(olds, news));
}

async function updateLocked(olds: Outputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
  const subject = subjectOf(news.clusterId, news.service);
  let next: Outputs;
  let rotated = false;
  let client: CloudClient;
  // Names the step in the error: a rotation conflict should read as one, not as a generic update failure.
  let operation = "update";
  try {
    const inputs = parseInputs(news);
    if (inputs.clusterId !== olds.clusterId || inputs.service !== olds.service)
      throw new Error("clusterId and service cannot change in place (diff replaces the resource)");
    client = cloudClient(inputs.connection);
    const nowMs = now();
    reportChangedOutsidePulumi(subject, olds);
    const kept = { key: olds.key, rotatedAt: olds.rotatedAt, previousKeyRevoked: olds.previousKeyRevoked, etag: olds.etag };
    next = withoutUndefined({ ...kept, ...storedInputs(inputs) });
    if (plan(olds, inputs, nowMs).rotate.length > 0) {
      operation = "update (rotate)";
      reportLostRotation(subject, olds);
      const key = await rotateKey(client, inputs, flag(inputs, "useEtag") === true).catch((err: unknown) => {
        // The old state stays, with the note that this rotation may have happened.
        if (err instanceof RotationOutcomeUnknown)
          throw lostRotation(err, { subject, operation, kept: olds, at: new Date(nowMs).toISOString(), providerText: news.__provider });
        throw err;
      });
      next = { ...next, key, rotatedAt: new Date(nowMs).toISOString(), previousKeyRevoked: false };
      rotated = true;
    }
  } catch (err) {
    if (err instanceof ResourceInitError) throw err;
    throw explainFailure(err, { subject, operation });
  }
  try {
    const { state } = await settle(client, next, rotated);
    return { outs: state };
  } catch (err) {
    if (err instanceof SettleFailure) throw settleError(err, { subject, operation: "update", rotated, providerText: news.__provider });
    throw explainFailure(err, { subject, operation: "update" });
  }
}
