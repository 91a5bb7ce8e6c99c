// How the engine renders a property value in a message: Go's `%v` of resource.PropertyValue (R: sdk/go/common/
// resource/properties.go String): `{abc}`, `{5}`, `{<nil>}`, `{[{a} {b}]}`, `{map[k:{v}]}`, an unknown as
// `output<string>{}`, and a secret as `{&{{plaintext}}}` — in clear: the engine does not mask it.
import { isObject, isSecret, UNKNOWN, type Wire } from "./rpc-values";

export function goString(v: Wire | undefined): string {
  if (v === UNKNOWN) return "output<string>{}";
  return `{${goValue(v)}}`;
}

function goValue(v: Wire | undefined): string {
  if (v === undefined || v === null) return "<nil>";
  if (isSecret(v)) return `&{${goString(v.value)}}`;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(" ")}]`;
  if (isObject(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${k}:${goString(v[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  return String(v);
}
