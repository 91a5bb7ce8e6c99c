import type * as pulumi from "@pulumi/pulumi";
import { explainFailure } from "../errors";
import { withoutUndefined } from "../json";
import { remoteClustersClient } from "../clients";
import { type RemoteClusterSettingsOutputs, subjectOf } from "./outputs";

/** Refresh: gone when the alias has no proxy address any more; otherwise what the cluster holds, as drift. */
export async function read(id: string, props: RemoteClusterSettingsOutputs): Promise<pulumi.dynamic.ReadResult<RemoteClusterSettingsOutputs>> {
  try {
    const { persistent } = await remoteClustersClient(props.connection).getClusterSettings();
    const setting = (name: string) => persistent[`cluster.remote.${props.alias}.${name}`];
    const proxyAddress = setting("proxy_address");
    if (setting("mode") !== "proxy" || typeof proxyAddress !== "string") return { id: "" };
    const serverName = setting("server_name");
    const skip = setting("skip_unavailable");
    const outs: RemoteClusterSettingsOutputs = withoutUndefined({
      ...props,
      proxyAddress,
      serverName: typeof serverName === "string" ? serverName : undefined,
      skipUnavailable: skip === undefined ? undefined : String(skip) === "true",
    });
    const { __provider, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as RemoteClusterSettingsOutputs };
  } catch (err) {
    throw explainFailure(err, { subject: subjectOf(props.alias), operation: "refresh" });
  }
}
