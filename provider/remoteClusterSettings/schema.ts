import { z } from "zod";
import { type CheckFailure, toCheckFailures } from "../checkFailures";
import { connectionSchema } from "../connection";
import { aliasSchema, connectionFailuresAt } from "../remoteAlias";

const hostPort = /^[^\s:/]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;

export const remoteClusterSettingsInputsSchema = z.strictObject({
  alias: aliasSchema,
  proxyAddress: z
    .string({ error: "proxyAddress must be a string" })
    .regex(hostPort, 'proxyAddress must be host:port of the remote cluster\'s remote cluster server, e.g. "prod.es.example.com:9443" (no scheme)'),
  serverName: z.string({ error: "serverName must be a string" }).min(1, "serverName must not be empty; omit it to use none").optional(),
  skipUnavailable: z.boolean({ error: "skipUnavailable must be true or false" }).optional(),
  connection: connectionSchema.optional(),
  __provider: z.string().optional(),
});

export type RemoteClusterSettingsInputs = z.infer<typeof remoteClusterSettingsInputsSchema>;

export function checkRemoteClusterSettings(news: Record<string, unknown>): CheckFailure[] {
  const parsed = remoteClusterSettingsInputsSchema.safeParse(news);
  if (!parsed.success) return toCheckFailures(parsed.error.issues, news);
  return connectionFailuresAt(news.connection, parsed.data.connection, "elasticsearch");
}

/** The persistent settings for the alias in proxy mode; `null` resets the optional ones that are not given. */
export function settingsFor(inputs: Pick<RemoteClusterSettingsInputs, "alias" | "proxyAddress" | "serverName" | "skipUnavailable">) {
  const prefix = `cluster.remote.${inputs.alias}`;
  return {
    [`${prefix}.mode`]: "proxy",
    [`${prefix}.proxy_address`]: inputs.proxyAddress,
    [`${prefix}.server_name`]: inputs.serverName ?? null,
    [`${prefix}.skip_unavailable`]: inputs.skipUnavailable ?? null,
  };
}

/** Every setting of the alias reset (`null`): how the alias is removed. */
export function resetFor(alias: string): Record<string, null> {
  return Object.fromEntries(["mode", "proxy_address", "server_name", "skip_unavailable"].map((s) => [`cluster.remote.${alias}.${s}`, null]));
}
