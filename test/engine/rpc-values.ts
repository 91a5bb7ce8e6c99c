// Property values in the engine's "wire form": what travels in the protobuf Structs between the SDK, the engine and
// the provider host. JSON, plus two encodings from @pulumi/pulumi/runtime/rpc: a secret is
// { [specialSigKey]: specialSecretSig, value }, an unknown (preview only) is the string unknownValue.
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };
export type PropertyMap = Record<string, Wire>;

export const SIG_KEY = rpc.specialSigKey;
export const SECRET_SIG = rpc.specialSecretSig;
export const UNKNOWN = rpc.unknownValue;
/** Inputs and outputs of every dynamic resource carry the serialized provider under this key. */
export const PROVIDER_KEY = "__provider";

export type WireObject = { [key: string]: Wire };

export function isObject(v: Wire | undefined): v is WireObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: Wire | undefined): v is WireObject {
  return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(v: Wire): Wire {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

const RESOURCE_SIG = rpc.specialResourceSig;

/**
 * Replaces resource references by what the engine hands a provider that does not accept them (the dynamic host):
 * a custom resource's id (unknown while it has none), a component's URN.
 */
export function downgradeReferences(v: Wire): Wire {
  if (isObject(v) && v[SIG_KEY] === RESOURCE_SIG) {
    if (v.id === undefined) return v.urn ?? null;
    return v.id === "" ? UNKNOWN : v.id;
  }
  if (Array.isArray(v)) return v.map(downgradeReferences);
  if (isObject(v)) return mapValues(v, downgradeReferences);
  return v;
}

/** Removes every secret wrapper, at any depth (the host answers Configure with acceptSecrets=false). */
export function unwrap(v: Wire): Wire {
  if (isSecret(v)) return unwrap(v.value ?? null);
  if (Array.isArray(v)) return v.map(unwrap);
  if (isObject(v)) return mapValues(v, unwrap);
  return v;
}

export function unwrapMap(m: PropertyMap): PropertyMap {
  return mapValues(m, unwrap);
}

export function containsSecret(v: Wire | undefined): boolean {
  if (v === undefined) return false;
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

/**
 * Copies secretness from `ins` onto `outs` like the engine's annotateSecrets (pkg/resource/plugin): when both
 * values under a key are objects it recurses, otherwise the out value becomes secret if the in value contains a
 * secret. This is how "an output is secret when the input under the same key was secret" is implemented.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = {};
  for (const [k, out] of Object.entries(outs)) {
    const inp = ins[k];
    if (isObject(out) && !isSecret(out) && isObject(inp) && !isSecret(inp)) {
      result[k] = annotateSecrets(out, inp);
    } else if (containsSecret(inp)) {
      result[k] = makeSecret(out);
    } else {
      result[k] = out;
    }
  }
  return result;
}

/** Marks the named top-level keys secret (additionalSecretOutputs). */
export function markSecret(m: PropertyMap, keys: readonly string[]): PropertyMap {
  const result: PropertyMap = { ...m };
  for (const k of keys) {
    const v = result[k];
    if (v !== undefined) result[k] = makeSecret(v);
  }
  return result;
}

/** Top-level keys whose value is or contains a secret. */
export function secretKeys(m: PropertyMap): string[] {
  return Object.keys(m).filter((k) => containsSecret(m[k]));
}

export function deepEqual(a: Wire | undefined, b: Wire | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Every string inside a secret, at any depth: what must never be printed. */
export function secretStrings(v: Wire | undefined, inSecret = false, into: Set<string> = new Set()): Set<string> {
  if (v === undefined || v === null) return into;
  if (isSecret(v)) return secretStrings(v.value, true, into);
  if (typeof v === "string") {
    if (inSecret) into.add(v);
  } else if (typeof v === "number" || typeof v === "boolean") {
    if (inSecret) into.add(String(v));
  } else if (Array.isArray(v)) {
    for (const x of v) secretStrings(x, inSecret, into);
  } else if (isObject(v)) {
    for (const x of Object.values(v as WireObject)) secretStrings(x, inSecret, into);
  }
  return into;
}

function mapValues(o: WireObject, f: (v: Wire) => Wire): WireObject {
  const result: WireObject = {};
  for (const [k, v] of Object.entries(o)) result[k] = f(v);
  return result;
}

/** Struct → wire form. */
export function fromStruct(s: Struct | undefined): PropertyMap {
  // toJavaScript() is typed as a loose JSON map; Struct can only carry JSON, so it is wire form.
  return s ? (s.toJavaScript() as PropertyMap) : {};
}

/** Wire form → Struct. Struct cannot carry `undefined`, so absent values are dropped as JSON would. */
export function toStruct(m: PropertyMap): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(m)) as Parameters<typeof Struct.fromJavaScript>[0]);
}
