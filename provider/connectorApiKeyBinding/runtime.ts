import type * as pulumi from "@pulumi/pulumi";
import { rememberStackConfig } from "../credentials";
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
const provider: pulumi.dynamic.ResourceProvider<Record<string, unknown>, BindingOutputs> = {
  async configure(req) {
    rememberStackConfig(req.config);
  },
  async check(_olds, news) {
    return { inputs: news, failures: checkAgainst(bindingInputsSchema, news) };
  },
  async diff(_id, olds, news) {
    return diffBinding(olds, news);
  },
  create,
  read: (id, props) => read(id, props as BindingOutputs),
  update,
  delete: remove,
};

// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = provider;
