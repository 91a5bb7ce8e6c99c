import type * as pulumi from "@pulumi/pulumi";
import { now } from "../clock";
import { rememberStackConfig } from "../credentials";
import { create } from "./create";
import { remove } from "./delete";
import { diffCloudConnectedClusterApiKey } from "./diff";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { checkInputs } from "./schema";
import { update } from "./update";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/cloudConnectedClusterApiKey`).
 * Check and diff send no request; everything else talks to the Elastic Cloud API through the sdk.
 */
const provider: pulumi.dynamic.ResourceProvider<Record<string, unknown>, CloudConnectedClusterApiKeyOutputs> = {
  async configure(req) {
    rememberStackConfig(req.config);
  },
  async check(_olds, news) {
    return { inputs: news, failures: checkInputs(news) };
  },
  async diff(_id, olds, news) {
    return diffCloudConnectedClusterApiKey(olds, news, now());
  },
  create,
  read: (id, props) => read(id, props as CloudConnectedClusterApiKeyOutputs),
  update,
  delete: remove,
};

// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
export = provider;
