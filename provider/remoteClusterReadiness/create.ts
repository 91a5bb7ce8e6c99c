import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { parseInputs } from "../inputs";
import { withoutUndefined } from "../json";
import { DEFAULT_READINESS_TIMEOUT, readinessTimeoutMs } from "../remoteAlias";
import { type RemoteClusterReadinessOutputs, remoteClusterReadinessInputsSchema, subjectOf } from "./schema";
import { waitUntilConnected } from "./wait";

/** Waits (bounded) for `_remote/info` to report the alias connected; fails naming the alias and what it said. */
export async function verify(news: Record<string, unknown>, operation: string): Promise<RemoteClusterReadinessOutputs> {
  const subject = subjectOf(news.alias);
  let inputs;
  try {
    inputs = parseInputs(remoteClusterReadinessInputsSchema, news);
  } catch (err) {
    throw explainFailure(err, { subject, operation });
  }
  const timeout = inputs.readinessTimeout ?? DEFAULT_READINESS_TIMEOUT;
  const ready = await waitUntilConnected(inputs.alias, inputs.connection, readinessTimeoutMs(timeout));
  if (!ready.connected) {
    throw new Error(
      `${subject}: ${operation} failed: remote cluster "${inputs.alias}" is not connected after ${timeout}: ${ready.said}. ` +
        `Check the alias' proxyAddress and serverName, that the remote cluster's remote cluster server (port 9443) accepts ` +
        `connections from this cluster, and that the keystore entry cluster.remote.${inputs.alias}.credentials holds the key; ` +
        "then run `pulumi up` again. No key was invalidated.",
    );
  }
  return withoutUndefined({ ...inputs, mode: ready.info.mode, proxyAddress: ready.info.proxy_address });
}

export async function create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<RemoteClusterReadinessOutputs>> {
  const outs = await verify(news, "create");
  return { id: outs.alias, outs };
}
