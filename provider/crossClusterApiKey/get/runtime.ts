import type * as pulumi from "@pulumi/pulumi";
import { rememberStackConfig } from "../../credentials";
import { readExistingKey } from "./read";

const readOnly = (verb: string) => async (): Promise<never> => {
  throw new Error(`CrossClusterApiKey.get reads an existing key and never ${verb}s it (this call should not happen: the engine never ${verb}s a resource it read)`);
};

/**
 * The provider of keys read with `CrossClusterApiKey.get` (`pulumi-elastic-keys/runtime/crossClusterApiKey/get`).
 * A provider of its own, chosen by the resource class: which provider serves a resource is fixed in its state by the
 * program, so a managed key's refresh can never reach this read, nor a read key the managed provider's delete
 * (which invalidates). Only Read is ever called: the engine neither checks, diffs, creates, updates nor deletes a
 * resource it read.
 */
// `export =` so that `require(...)` in the thin provider returns the provider itself.
export = {
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    rememberStackConfig(req.config);
  },
  check: readOnly("check"),
  diff: readOnly("diff"),
  create: readOnly("create"),
  update: readOnly("update"),
  delete: readOnly("delete"),
  read: (id: string, props: Record<string, unknown>) => readExistingKey(id, props),
} satisfies pulumi.dynamic.ResourceProvider;
