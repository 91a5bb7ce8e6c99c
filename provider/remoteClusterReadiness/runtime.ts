import { dynamicProvider } from "../dynamicProvider";
import { create } from "./create";
import { remove } from "./delete";
import { diffRemoteClusterReadiness } from "./diff";
import { read } from "./read";
import { checkRemoteClusterReadiness, type RemoteClusterReadinessOutputs } from "./schema";
import { update } from "./update";

/** The implementation the host loads by name (`pulumi-elastic-keys/runtime/remoteClusterReadiness`). */
export = dynamicProvider<RemoteClusterReadinessOutputs>({
  check: checkRemoteClusterReadiness,
  diff: diffRemoteClusterReadiness,
  create,
  read,
  update,
  delete: remove,
});
