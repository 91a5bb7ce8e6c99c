// An undici Pool at module scope closed over by the methods; inputs validated by hand (no zod).
import * as pulumi from "@pulumi/pulumi";
import { Pool } from "undici";
import type { NaiveKeyArgs, Props } from "./shared";

const client = new Pool(process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:9200", { connections: 8 });

async function es(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<Props> {
  const auth = Buffer.from(`${process.env.ELASTICSEARCH_USERNAME}:${process.env.ELASTICSEARCH_PASSWORD}`).toString("base64");
  const res = await client.request({
    method,
    path,
    headers: { authorization: `Basic ${auth}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} failed with ${res.statusCode}: ${text}`);
  return JSON.parse(text) as Props;
}

function problems(news: Props): { property: string; reason: string }[] {
  const failures: { property: string; reason: string }[] = [];
  if (typeof news.name !== "string" || news.name === "") failures.push({ property: "name", reason: "name must be a non-empty string" });
  const access = news.access as NaiveKeyArgs["access"] | undefined;
  if (!access || typeof access !== "object") failures.push({ property: "access", reason: "access is required" });
  else if ((access.search ?? []).length + (access.replication ?? []).length === 0) {
    failures.push({ property: "access", reason: "grant search or replication" });
  }
  return failures;
}

const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async check(_olds, news) {
    return { inputs: news, failures: problems(news) };
  },
  async diff(_id, olds, news) {
    const replaces = olds.name !== news.name ? ["name"] : [];
    const changed = ["access", "metadata", "expiration"].some((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    return { changes: replaces.length > 0 || changed, replaces };
  },
  async create(inputs) {
    const { name, access, metadata, expiration } = inputs;
    const created = await es("POST", "/_security/cross_cluster/api_key", { name, access, metadata, expiration });
    return { id: String(created.id), outs: { ...inputs, keyId: created.id, apiKey: created.api_key, encoded: created.encoded } };
  },
  async read(id, props) {
    const { api_keys } = (await es("GET", `/_security/api_key?id=${encodeURIComponent(id)}`)) as { api_keys: { invalidated: boolean }[] };
    const key = api_keys[0];
    return key && !key.invalidated ? { id, props } : { id: "" };
  },
  async update(id, _olds, news) {
    await es("PUT", `/_security/cross_cluster/api_key/${encodeURIComponent(id)}`, { access: news.access, metadata: news.metadata });
    return { outs: { ...news, keyId: id } };
  },
  async delete(id) {
    await es("DELETE", "/_security/api_key", { ids: [id] });
  },
};

export class NaivePoolClientKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: NaiveKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, name: args.name ?? name, keyId: undefined, apiKey: undefined, encoded: undefined }, opts);
  }
}
