import { dynamicProvider } from "../dynamicProvider";
import { reservedMetadataProblems } from "../createMarked";
import { expiryWarningFailures, withExpiryWarning } from "../expiryWarning";
import { checkAgainst } from "../inputs";
import { create } from "./create";
import { remove } from "./delete";
import { diffApiKey } from "./diff";
import type { ApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { apiKeyInputsSchema } from "./schema";
import { update } from "./update";

/** The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/apiKey`). */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = dynamicProvider<ApiKeyOutputs>({
  check: (news) => [...checkAgainst(apiKeyInputsSchema, news), ...reservedMetadataProblems(news.metadata), ...expiryWarningFailures(news)],
  diff: withExpiryWarning("ApiKey", diffApiKey),
  create,
  read,
  update,
  delete: remove,
});
