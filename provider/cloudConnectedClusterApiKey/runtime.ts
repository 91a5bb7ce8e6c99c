import { now } from "../clock";
import { dynamicProvider } from "../dynamicProvider";
import { create } from "./create";
import { remove } from "./delete";
import { diffCloudConnectedClusterApiKey } from "./diff";
import type { CloudConnectedClusterApiKeyOutputs } from "./outputs";
import { read } from "./read";
import { checkInputs } from "./schema";
import { withRotationSchedule } from "./schedule";
import { update } from "./update";

/**
 * The implementation the dynamic-provider host loads by name (`pulumi-elastic-keys/runtime/cloudConnectedClusterApiKey`).
 * Check and diff send no request; everything else talks to the Elastic Cloud API through the sdk.
 */
// `export =` so that `require(...)` in the thin provider returns the provider itself (fewer bytes in state).
const provider = dynamicProvider<CloudConnectedClusterApiKeyOutputs>({
  check: checkInputs,
  diff: diffCloudConnectedClusterApiKey,
  create,
  read,
  update,
  delete: remove,
});

// Check also adds the computed schedule inputs (schedule.ts), so a due rotation shows in preview.
export = {
  ...provider,
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { inputs: withRotationSchedule(olds, news, now()), failures: checkInputs(news) };
  },
} satisfies typeof provider;
