// The official client (@elastic/elasticsearch) and zod schemas at module scope, closed over by the methods.
import { Client } from "@elastic/elasticsearch";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { NaiveKeyArgs, Props } from "./shared";

const entry = z.object({ names: z.array(z.string().min(1)).min(1) });
const inputsSchema = z.object({
  name: z.string().min(1),
  access: z.object({ search: z.array(entry).optional(), replication: z.array(entry).optional() }),
  metadata: z.record(z.string(), z.unknown()).optional(),
  expiration: z.string().optional(),
});

const client = new Client({
  node: process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:9200",
  auth: { username: process.env.ELASTICSEARCH_USERNAME ?? "elastic", password: process.env.ELASTICSEARCH_PASSWORD ?? "" },
});

const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async check(_olds, news) {
    const parsed = inputsSchema.safeParse(news);
    if (parsed.success) return { inputs: news };
    return { inputs: news, failures: parsed.error.issues.map((i) => ({ property: String(i.path[0] ?? ""), reason: i.message })) };
  },
  async diff(_id, olds, news) {
    const replaces = olds.name !== news.name ? ["name"] : [];
    const changed = ["access", "metadata", "expiration"].some((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return { changes: replaces.length > 0 || changed, replaces };
  },
  async create(inputs) {
    const args = inputsSchema.parse(inputs);
    const created = await client.security.createCrossClusterApiKey(args);
    return { id: created.id, outs: { ...args, keyId: created.id, apiKey: created.api_key, encoded: created.encoded } };
  },
  async read(id, props) {
    const { api_keys } = await client.security.getApiKey({ id });
    const key = api_keys[0];
    return key && !key.invalidated ? { id, props } : { id: "" };
  },
  async update(id, _olds, news) {
    const args = inputsSchema.parse(news);
    await client.security.updateCrossClusterApiKey({ id, access: args.access, metadata: args.metadata });
    return { outs: { ...news, keyId: id } };
  },
  async delete(id) {
    await client.security.invalidateApiKey({ ids: [id] });
  },
};

export class NaiveOfficialClientKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: NaiveKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, name: args.name ?? name, keyId: undefined, apiKey: undefined, encoded: undefined }, opts);
  }
}
