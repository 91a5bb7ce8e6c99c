// 1. Serialized provider size: the bytes of `__provider` each resource stores (inputs and outputs, so twice per
// resource in state), for every resource of the package as a user installs it (dist/, compiled by tsc), next to
// naive providers written the usual way (bench/naive/, compiled by tsx as the program would be). The program runs
// under the SDK's runtime mocks through the test engine's runProgram, so the real closure serializer produces the
// text exactly as in a `pulumi up`.
import type { Registration } from "../test/engine/program";
import { capture } from "./capture";
import type { EmulatorProcess } from "./emulator";
import { benchStack, installedPackage } from "./stack";
import { kb, pass, type Row, type SectionResult } from "./types";

const GOAL_BYTES = 2048;

export interface SizeEntry {
  resource: string;
  type?: string;
  bytes?: number;
  /** Why the closure serializer refused (naive variants). */
  error?: string;
  /** Naive variants that serialize: whether `up` of one key through the real host works with the stored text. */
  works?: { ok: boolean; detail?: string };
  note?: string;
}

export interface ProviderSizeData {
  goalBytes: number;
  ours: SizeEntry[];
  naive: SizeEntry[];
}

function providerBytes(reg: Registration): number | undefined {
  const text = reg.inputs.__provider;
  return typeof text === "string" ? Buffer.byteLength(text, "utf8") : undefined;
}

/** The serializer's capture chain in one line: "provider → inputsSchema → 'bound safeParse': [native code]". */
function serializerError(message: string): string {
  const captured = [...message.matchAll(/variable '([^']+)'/g)].map((m) => m[1]);
  const culprit = [...message.matchAll(/function '([^']+)'/g)].map((m) => m[1]).at(-1);
  if (captured.length === 0) return message.split("\n")[0] ?? message;
  const native = message.includes("[native code]") ? " ([native code])" : "";
  return `captures ${captured.join(" → ")}${culprit ? ` → '${culprit}'` : ""}${native}`;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 140 ? `${line.slice(0, 137)}...` : line;
}

async function ours(): Promise<SizeEntry[]> {
  // The installed package, by name: what a user's program loads (the thin provider's text as tsc emits it).
  const pkg = installedPackage();
  const access = { search: [{ names: ["logs-*"] }] };
  const { registrations, errors } = await capture(() => {
    new pkg.CrossClusterApiKey("cross-cluster", { access });
    new pkg.ApiKey("api-key", { roleDescriptors: {} });
    new pkg.ConnectorSecret("connector-secret", { value: "s3cr3t-value" });
    new pkg.ConnectorApiKeyBinding("binding", { connectorId: "my-connector", apiKeyId: "abcdefghijklmnopqrst" });
    new pkg.CloudConnectedClusterApiKey("cloud-key", { clusterId: "a".repeat(32) });
    new pkg.ConnectorApiKey("component", { connectorId: "my-connector", indexName: "search-docs", managed: true });
  });
  if (errors.length > 0) throw new Error(`our resources failed to register: ${errors.join("; ")}`);
  const entries: SizeEntry[] = [];
  for (const reg of registrations) {
    if (reg.type === "pulumi:pulumi:Stack") continue;
    const bytes = providerBytes(reg);
    const shortType = reg.type.replace(/^pulumi-nodejs:dynamic\/elastic:/, "");
    if (!reg.custom) {
      entries.push({ resource: `${shortType.replace(/^.*:/, "")} (component)`, type: reg.type, note: "no __provider of its own: its children are the resources above" });
      continue;
    }
    // One line per resource class; the component's children repeat the classes above with the same text.
    if (entries.some((e) => e.type === reg.type)) continue;
    entries.push({ resource: shortType, type: reg.type, ...(bytes !== undefined && { bytes }) });
  }
  // Resources with a provider first, the component after them.
  return [...entries.filter((e) => e.bytes !== undefined), ...entries.filter((e) => e.bytes === undefined)];
}

async function naive(emulator: EmulatorProcess): Promise<SizeEntry[]> {
  const variants: { resource: string; load: () => (name: string) => void }[] = [
    {
      resource: "naive: zod schemas + undici Pool (the usual way)",
      load: () => {
        const { NaiveZodAndPoolKey } = require("./naive/zodAndPool") as typeof import("./naive/zodAndPool");
        return (name) => void new NaiveZodAndPoolKey(name, { access: { search: [{ names: ["logs-*"] }] } });
      },
    },
    {
      resource: "naive: zod schemas, undici through its module",
      load: () => {
        const { NaiveZodSchemasKey } = require("./naive/zodSchemas") as typeof import("./naive/zodSchemas");
        return (name) => void new NaiveZodSchemasKey(name, { access: { search: [{ names: ["logs-*"] }] } });
      },
    },
    {
      resource: "naive: undici Pool, hand-written checks",
      load: () => {
        const { NaivePoolClientKey } = require("./naive/poolClient") as typeof import("./naive/poolClient");
        return (name) => void new NaivePoolClientKey(name, { access: { search: [{ names: ["logs-*"] }] } });
      },
    },
    {
      resource: "naive: @elastic/elasticsearch Client + zod",
      load: () => {
        const { NaiveOfficialClientKey } = require("./naive/officialClient") as typeof import("./naive/officialClient");
        return (name) => void new NaiveOfficialClientKey(name, { access: { search: [{ names: ["logs-*"] }] } });
      },
    },
    {
      resource: "naive: no instances (zod/undici via modules)",
      load: () => {
        const { NaiveModulesOnlyKey } = require("./naive/modulesOnly") as typeof import("./naive/modulesOnly");
        return (name) => void new NaiveModulesOnlyKey(name, { access: { search: [{ names: ["logs-*"] }] } });
      },
    },
  ];
  const entries: SizeEntry[] = [];
  for (const v of variants) {
    const make = v.load();
    const { registrations, errors } = await capture(() => make("naive-key"));
    const reg = registrations.find((r) => r.custom);
    const bytes = reg ? providerBytes(reg) : undefined;
    if (bytes === undefined || errors.length > 0) {
      entries.push({ resource: v.resource, error: serializerError(errors[0] ?? "no registration and no error") });
      continue;
    }
    entries.push({ resource: v.resource, ...(reg && { type: reg.type }), bytes, works: await worksThroughHost(emulator, () => make("naive-key")) });
  }
  return entries;
}

/**
 * A serialized text is only a reference if it also runs: `up` of one key through the real host (credentials from
 * the environment, as the naive providers read them), then `destroy`.
 */
async function worksThroughHost(emulator: EmulatorProcess, program: () => void): Promise<{ ok: boolean; detail?: string }> {
  const { username, password } = emulator.credentials.superuser;
  const stack = benchStack(emulator, program, {
    stack: "naive",
    env: { ELASTICSEARCH_URL: emulator.esUrl, ELASTICSEARCH_USERNAME: username, ELASTICSEARCH_PASSWORD: password },
  });
  try {
    const up = await stack.engine.up();
    if (!up.ok) return { ok: false, detail: short(up.errors.map((e) => e.message).join("; ")) };
    const destroy = await stack.engine.destroy();
    return destroy.ok ? { ok: true } : { ok: false, detail: `destroy: ${short(destroy.errors.map((e) => e.message).join("; "))}` };
  } finally {
    stack.close();
  }
}

export async function measureProviderSize(emulator: EmulatorProcess): Promise<SectionResult<ProviderSizeData>> {
  const data: ProviderSizeData = { goalBytes: GOAL_BYTES, ours: await ours(), naive: await naive(emulator) };
  const rows: Row[] = [];
  const section = "1. __provider size";
  for (const e of data.ours) {
    if (e.bytes === undefined) {
      rows.push({ section, metric: e.resource, value: "—", verdict: "INFO", ...(e.note && { note: e.note }) });
      continue;
    }
    rows.push({
      section,
      metric: e.resource,
      value: kb(e.bytes),
      goal: "≤ 2 KB",
      verdict: pass(e.bytes <= GOAL_BYTES),
      note:
        `${GOAL_BYTES - e.bytes} B under 2 KB = ${GOAL_BYTES} B` +
        (e.bytes > 2000 ? ` (${e.bytes - 2000} B over, if 2 KB meant 2000 B)` : "") +
        `; ×2 in state = ${e.bytes * 2} B`,
    });
  }
  const serializable = data.naive.filter((e) => e.bytes !== undefined);
  const largest = serializable.reduce<SizeEntry | undefined>((a, b) => (a && (a.bytes ?? 0) >= (b.bytes ?? 0) ? a : b), undefined);
  for (const e of data.naive) {
    const notes: string[] = [];
    if (e.error) notes.push(e.error);
    if (e === largest) notes.push("largest naive variant that serializes");
    if (e.works) notes.push(e.works.ok ? "up + destroy through the host work" : `but the stored text fails in the host: ${e.works.detail ?? "?"}`);
    rows.push({
      section,
      metric: `reference — ${e.resource}`,
      value: e.bytes !== undefined ? kb(e.bytes) : "fails to serialize",
      verdict: "INFO",
      note: notes.join("; "),
    });
  }
  return { rows, data };
}
