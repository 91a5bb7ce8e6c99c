import { dynamicProvider } from "../dynamicProvider";
import { create } from "./create";
import { remove } from "./delete";
import { diffCrossClusterApiKey } from "./diff";
import { withExpiryWarning } from "../expiryWarning";
import type { CrossClusterApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { checkInputs } from "./schema";
import { update } from "./update";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/crossClusterApiKey`).
 * Check sends no request; everything else talks to Elasticsearch through the sdk.
 */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = dynamicProvider<CrossClusterApiKeyOutputs>({
  check: checkInputs,
  diff: withExpiryWarning("CrossClusterApiKey", diffCrossClusterApiKey),
  create,
  read,
  update,
  delete: remove,
});
