import { dynamicProvider } from "../dynamicProvider";
import { create } from "./create";
import { remove } from "./delete";
import { diffRemoteClusterSettings } from "./diff";
import type { RemoteClusterSettingsOutputs } from "./outputs";
import { read } from "./read";
import { checkRemoteClusterSettings } from "./schema";
import { update } from "./update";

/** The implementation the host loads by name (`pulumi-elastic-keys/runtime/remoteClusterSettings`). */
export = dynamicProvider<RemoteClusterSettingsOutputs>({
  check: checkRemoteClusterSettings,
  diff: diffRemoteClusterSettings,
  create,
  read,
  update,
  delete: remove,
});
