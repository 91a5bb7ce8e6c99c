import { dynamicProvider } from "../dynamicProvider";
import { checkAgainst } from "../inputs";
import { create } from "./create";
import { remove } from "./delete";
import { diffBinding } from "./diff";
import type { BindingOutputs } from "./outputs";
import { read } from "./read";
import { bindingInputsSchema } from "./schema";
import { update } from "./update";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/connectorApiKeyBinding`).
 * Check sends no request; create and update verify the connector, key and secret before binding.
 */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = dynamicProvider<BindingOutputs>({
  check: (news) => checkAgainst(bindingInputsSchema, news),
  diff: diffBinding,
  create,
  read,
  update,
  delete: remove,
});
