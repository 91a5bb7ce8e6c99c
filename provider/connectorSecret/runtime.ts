import type * as pulumi from "@pulumi/pulumi";
import { rememberStackConfig } from "../credentials";
import { checkAgainst } from "../inputs";
import { create } from "./create";
import { remove } from "./delete";
import { diffConnectorSecret } from "./diff";
import type { ConnectorSecretOutputs } from "./outputs";
import { read } from "./read";
import { connectorSecretInputsSchema } from "./schema";
import { update } from "./update";

/** The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/connectorSecret`). */
const provider: pulumi.dynamic.ResourceProvider<Record<string, unknown>, ConnectorSecretOutputs> = {
  async configure(req) {
    rememberStackConfig(req.config);
  },
  async check(_olds, news) {
    return { inputs: news, failures: checkAgainst(connectorSecretInputsSchema, news) };
  },
  async diff(_id, olds, news) {
    return diffConnectorSecret(olds, news);
  },
  create,
  read: (id, props) => read(id, props as ConnectorSecretOutputs),
  update,
  delete: remove,
};

// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = provider;
