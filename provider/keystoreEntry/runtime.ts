import { dynamicProvider } from "../dynamicProvider";
import { create } from "./create";
import { remove } from "./delete";
import { diffKeystoreEntry } from "./diff";
import type { KeystoreEntryOutputs } from "./outputs";
import { read } from "./read";
import { checkKeystoreEntry } from "./schema";
import { update } from "./update";

/** The implementation the host loads by name (`pulumi-elastic-keys/runtime/keystoreEntry`). */
export = dynamicProvider<KeystoreEntryOutputs>({
  check: checkKeystoreEntry,
  diff: diffKeystoreEntry,
  create,
  read,
  update,
  delete: remove,
});
