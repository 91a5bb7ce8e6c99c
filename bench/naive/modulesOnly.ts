// No instance captured: zod and undici are used through their modules inside the methods (the serializer emits
// `require("zod")` / `require("undici")` for them); the local helpers are serialized by value.
import * as pulumi from "@pulumi/pulumi";
import { request } from "undici";
import { z } from "zod";
import type { NaiveKeyArgs, Props } from "./shared";

function schemas() {
  const entry = z.object({ names: z.array(z.string().min(1)).min(1) });
  return {
    inputs: z.object({
      name: z.string().min(1),
      access: z.object({ search: z.array(entry).optional(), replication: z.array(entry).optional() }),
      metadata: z.record(z.string(), z.unknown()).optional(),
      expiration: z.string().optional(),
    }),
    created: z.object({ id: z.string(), name: z.string(), api_key: z.string(), encoded: z.string(), expiration: z.number().optional() }),
    keys: z.object({ api_keys: z.array(z.object({ id: z.string(), invalidated: z.boolean(), expiration: z.number().optional() })) }),
  };
}

async function es(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<unknown> {
  const endpoint = process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:9200";
  const auth = Buffer.from(`${process.env.ELASTICSEARCH_USERNAME}:${process.env.ELASTICSEARCH_PASSWORD}`).toString("base64");
  const res = await request(`${endpoint}${path}`, {
    method,
    headers: { authorization: `Basic ${auth}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} failed with ${res.statusCode}: ${text}`);
  return JSON.parse(text) as unknown;
}

const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async check(_olds, news) {
    const parsed = schemas().inputs.safeParse(news);
    if (parsed.success) return { inputs: news };
    return { inputs: news, failures: parsed.error.issues.map((i) => ({ property: String(i.path[0] ?? ""), reason: i.message })) };
  },
  async diff(_id, olds, news) {
    const replaces = olds.name !== news.name ? ["name"] : [];
    const changed = ["access", "metadata", "expiration"].some((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return { changes: replaces.length > 0 || changed, replaces };
  },
  async create(inputs) {
    const s = schemas();
    const args = s.inputs.parse(inputs);
    const created = s.created.parse(await es("POST", "/_security/cross_cluster/api_key", args));
    return { id: created.id, outs: { ...args, keyId: created.id, apiKey: created.api_key, encoded: created.encoded } };
  },
  async read(id, props) {
    const { api_keys } = schemas().keys.parse(await es("GET", `/_security/api_key?id=${encodeURIComponent(id)}`));
    const key = api_keys[0];
    return key && !key.invalidated ? { id, props } : { id: "" };
  },
  async update(id, _olds, news) {
    const args = schemas().inputs.parse(news);
    await es("PUT", `/_security/cross_cluster/api_key/${encodeURIComponent(id)}`, { access: args.access, metadata: args.metadata });
    return { outs: { ...news, keyId: id } };
  },
  async delete(id) {
    await es("DELETE", "/_security/api_key", { ids: [id] });
  },
};

export class NaiveModulesOnlyKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: NaiveKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, name: args.name ?? name, keyId: undefined, apiKey: undefined, encoded: undefined }, opts);
  }
}
