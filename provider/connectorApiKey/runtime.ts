import { dynamicProvider } from "../dynamicProvider";
import { checkAgainst } from "../inputs";
import { connectorTargetInputsSchema, type ConnectorTargetOutputs } from "./targetSchema";
import { create, diff, read, remove, update } from "./targetVerbs";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/connectorApiKey`): the
 * {@link ConnectorTarget} piece of the component. Check refuses an index pattern at preview; create and update
 * verify the connector exists.
 */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = dynamicProvider<ConnectorTargetOutputs>({
  check: (news) => checkAgainst(connectorTargetInputsSchema, news),
  diff,
  create,
  read,
  update,
  delete: remove,
});
