import type * as pulumi from "@pulumi/pulumi";
import { now } from "../clock";
import { rememberStackConfig } from "../credentials";
import { checkAgainst } from "../inputs";
import { create } from "./create";
import { remove } from "./delete";
import { diffApiKey } from "./diff";
import type { ApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { apiKeyInputsSchema } from "./schema";
import { update } from "./update";

/** The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/apiKey`). */
const provider: pulumi.dynamic.ResourceProvider<Record<string, unknown>, ApiKeyOutputs> = {
  async configure(req) {
    rememberStackConfig(req.config);
  },
  async check(_olds, news) {
    return { inputs: news, failures: checkAgainst(apiKeyInputsSchema, news) };
  },
  async diff(_id, olds, news) {
    return diffApiKey(olds, news, now());
  },
  create,
  read: (id, props) => read(id, props as ApiKeyOutputs),
  update,
  delete: remove,
};

// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = provider;
