import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { readinessTimeoutMs } from "../remoteAlias";
import { keystoreClient } from "../clients";
import { waitUntilConnected } from "../remoteClusterReadiness/wait";
import type { KeystoreEntryOutputs } from "./outputs";
import { subjectOf } from "./outputs";
import { type KeystoreEntryInputs, keystoreEntryInputsSchema } from "./schema";

/**
 * Replaces the value under the same name. With `verify`, the new value must make `_remote/info` report the alias
 * connected within the timeout; otherwise the previous value is written back (it still works: nothing invalidates
 * the key it belongs to before this update succeeds) and the update fails, so the engine keeps the previous state
 * and deletes nothing — the old key stays live.
 */
export async function update(
  _id: string,
  olds: KeystoreEntryOutputs,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult<KeystoreEntryOutputs>> {
  const subject = subjectOf(news);
  let inputs: KeystoreEntryInputs;
  try {
    inputs = parseInputs(keystoreEntryInputsSchema, news);
    if (inputs.value !== olds.value) await write(inputs, inputs.value);
  } catch (err) {
    throw explainFailure(err, { subject, operation: "update" });
  }
  if (inputs.value !== olds.value && inputs.verify) await verifyOrRestore(inputs, inputs.verify, olds, subject);
  return { outs: withoutUndefined({ ...inputs }) };
}

function write(inputs: KeystoreEntryInputs, value: string) {
  return keystoreClient(inputs.connection).updateKeystore(inputs.deploymentId, inputs.refId, {
    secrets: { [inputs.setting]: { value, as_file: false } },
  });
}

async function verifyOrRestore(
  inputs: KeystoreEntryInputs,
  verify: NonNullable<KeystoreEntryInputs["verify"]>,
  olds: KeystoreEntryOutputs,
  subject: string,
): Promise<void> {
  const timeoutMs = readinessTimeoutMs(verify.readinessTimeout);
  const ready = await waitUntilConnected(verify.alias, inputs.verifyConnection, timeoutMs);
  if (ready.connected) return;
  const failed = `${subject}: update failed: remote cluster "${verify.alias}" did not connect with the new key within ${verify.readinessTimeout ?? "2m"}: ${ready.said}.`;
  try {
    await write(inputs, olds.value);
  } catch (err) {
    throw new Error(
      `${failed} Writing the previous key back into the keystore failed too (${err instanceof Error ? err.message : String(err)}): ` +
        `the keystore may hold the new key, which does not connect. The previous key was NOT invalidated. Fix the connection ` +
        `(proxy address, server name, the remote cluster's remote_cluster port), then run \`pulumi up\` again.`,
    );
  }
  const restored = await waitUntilConnected(verify.alias, inputs.verifyConnection, timeoutMs);
  throw new Error(
    `${failed} The previous key was written back into the keystore${restored.connected ? " and the alias is connected with it again" : `, but the alias is not connected with it either (${restored.said})`}; ` +
      "it was NOT invalidated. Check the remote cluster's remote_cluster server and the alias' proxy_address/server_name, then run `pulumi up` again to retry the rotation.",
  );
}
