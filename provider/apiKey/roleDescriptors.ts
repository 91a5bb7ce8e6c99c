import { canonicalJson } from "../json";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/** One `indices` / `remote_indices` entry in one form: `names`/`clusters` as lists, defaults dropped, query as JSON text. */
function normalizeIndexEntry(entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  const out: Json = {};
  for (const [field, value] of Object.entries(entry)) {
    if ((field === "names" || field === "clusters") && typeof value === "string") out[field] = [value];
    else if (field === "allow_restricted_indices" && value === false) continue;
    else if (field === "query") out[field] = queryText(value);
    else if (field === "field_security" && isObject(value)) out[field] = withoutEmpty(value);
    else if (!isEmpty(value)) out[field] = value;
  }
  return out;
}

function queryText(query: unknown): unknown {
  if (typeof query !== "string") return canonicalJson(query);
  try {
    return canonicalJson(JSON.parse(query));
  } catch {
    return query;
  }
}

function withoutEmpty(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)));
}

/**
 * Role descriptors in the one form Elasticsearch gives them meaning in, so that equivalent declarations compare
 * equal: `names: "x"` is `["x"]`, `index` is `indices`, explicit defaults (`allow_restricted_indices: false`, empty
 * lists and objects such as `cluster: []`, `metadata: {}`, `transient_metadata: { enabled: true }`) are dropped, and a
 * query compares as canonical JSON. Anything else — privileges and their order included — is compared as written.
 */
export function normalizeRoleDescriptors(descriptors: unknown): unknown {
  if (!isObject(descriptors)) return descriptors;
  return Object.fromEntries(
    Object.entries(descriptors).map(([role, descriptor]) => {
      if (!isObject(descriptor)) return [role, descriptor];
      const out: Json = {};
      for (const [rawField, value] of Object.entries(descriptor)) {
        const field = rawField === "index" ? "indices" : rawField;
        if (field === "transient_metadata" && isObject(value) && value.enabled === true && Object.keys(value).length === 1) continue;
        if (isEmpty(value)) continue;
        out[field] = (field === "indices" || field === "remote_indices") && Array.isArray(value) ? value.map(normalizeIndexEntry) : value;
      }
      return [role, out];
    }),
  );
}
