import { dynamicProvider } from "../dynamicProvider";
import { checkAgainst } from "../inputs";
import { create } from "./create";
import { remove } from "./delete";
import { diffConnectorSecret } from "./diff";
import type { ConnectorSecretOutputs } from "./outputs";
import { read } from "./read";
import { connectorSecretInputsSchema } from "./schema";
import { update } from "./update";

/** The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/connectorSecret`). */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = dynamicProvider<ConnectorSecretOutputs>({
  check: (news) => checkAgainst(connectorSecretInputsSchema, news),
  diff: diffConnectorSecret,
  create,
  read,
  update,
  delete: remove,
});
