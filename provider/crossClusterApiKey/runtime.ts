import type * as pulumi from "@pulumi/pulumi";
import { now } from "../clock";
import { rememberStackConfig } from "../credentials";
import { create } from "./create";
import { remove } from "./delete";
import { diffCrossClusterApiKey } from "./diff";
import type { CrossClusterApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { checkInputs } from "./schema";
import { update } from "./update";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/crossClusterApiKey`).
 * Check sends no request; everything else talks to Elasticsearch through the sdk.
 */
const provider: pulumi.dynamic.ResourceProvider<Record<string, unknown>, CrossClusterApiKeyOutputs> = {
  async configure(req) {
    rememberStackConfig(req.config);
  },
  async check(_olds, news) {
    return { inputs: news, failures: checkInputs(news) };
  },
  async diff(_id, olds, news) {
    return diffCrossClusterApiKey(olds, news, now());
  },
  create,
  read: (id, props) => read(id, props as CrossClusterApiKeyOutputs),
  update,
  delete: remove,
};

// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = provider;
