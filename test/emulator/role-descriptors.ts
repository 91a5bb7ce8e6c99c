/**
 * Role descriptors as Elasticsearch parses (RoleDescriptor.parse*) and renders them. Their parse errors are
 * hand-written `parse_exception`s ("failed to parse indices privileges for role [...]. ..."), not x-content ones.
 */
import { EsError, parseException } from "./errors";
import { toCompactJson, toPlain, type JsonNode, type Location } from "./json";

export interface FieldSecurity {
  grant?: string[];
  except?: string[];
}

/** One entry of `indices` (or of a cross-cluster key's `search`/`replication`). */
export interface IndexEntry {
  names: string[];
  privileges: string[];
  field_security?: FieldSecurity;
  /** Document-level security query, always stored as a JSON string. */
  query?: string;
  allow_restricted_indices: boolean;
}

/** A role descriptor in Elasticsearch's output shape and field order. */
export interface RoleDescriptor {
  cluster: string[];
  indices: IndexEntry[];
  applications: unknown[];
  run_as: string[];
  metadata: Record<string, unknown>;
  transient_metadata: { enabled: boolean };
  [extra: string]: unknown;
}

/** XContentUtils.readStringArray, re-wrapped with the role name as RoleDescriptor does. */
function readStringArray(role: string, fieldName: string, node: JsonNode, allowNull: boolean): string[] | null {
  const inner = (reason: string, at: Location): EsError =>
    parseException(`failed to parse role [${role}]`, at, parseException(reason, at));
  if (node.kind === "null") {
    if (allowNull) return null;
    throw inner(`could not parse [${fieldName}] field. expected a string array but found null value instead`, node.at);
  }
  if (node.kind !== "array") {
    throw inner(`could not parse [${fieldName}] field. expected a string array but found [${node.token}] value instead`, node.at);
  }
  return node.items.map((item) => {
    if (item.kind !== "string") {
      throw inner(`could not parse [${fieldName}] field. only string values are allowed but found [${item.token}] value instead`, item.at);
    }
    return item.value;
  });
}

/**
 * One index privileges entry. With `predefinedPrivileges` (cross-cluster access) a `privileges` field is refused and
 * the given privileges are used; otherwise `privileges` is required.
 */
export function parseIndexEntry(role: string, arrayField: string, node: JsonNode, predefinedPrivileges?: readonly string[]): IndexEntry {
  const fail = (message: string, at: Location): never => {
    throw parseException(`failed to parse indices privileges for role [${role}]. ${message}`, at);
  };
  if (node.kind !== "object") {
    return fail(`expected field [${arrayField}] value to be an array of objects, but found an array element of type [${node.token}]`, node.at);
  }
  let names: string[] | undefined;
  let privileges: string[] | undefined;
  let query: string | undefined;
  let grant: string[] | undefined;
  let except: string[] | undefined;
  let allowRestricted = false;
  for (const { name, value } of node.fields) {
    switch (name) {
      case "names":
        if (value.kind === "string") names = [value.value];
        else if (value.kind === "array") {
          names = readStringArray(role, name, value, false) ?? [];
          if (names.length === 0) fail("[names] cannot be an empty array", value.end);
        } else fail(`expected field [names] value to be a string or an array of strings, but found [${value.token}] instead`, value.at);
        break;
      case "allow_restricted_indices":
        if (value.kind !== "boolean") fail(`expected field [${name}] value to be a boolean, but found [${value.token}] instead`, value.at);
        else allowRestricted = value.value;
        break;
      case "query":
        if (value.kind === "object") query = toCompactJson(value);
        else if (value.kind === "string") query = value.value === "" ? undefined : value.value;
        else if (value.kind !== "null") {
          fail(`expected field [query] value to be null, a string, an array, or an object, but found [${value.token}] instead`, value.at);
        }
        break;
      case "field_security":
        ({ grant, except } = parseFieldSecurity(role, value, fail));
        break;
      case "privileges":
        if (predefinedPrivileges) fail("field [privileges] must not present", value.at);
        privileges = readStringArray(role, name, value, true) ?? undefined;
        break;
      default:
        fail(`unexpected field [${name}]`, value.at);
    }
  }
  if (!names) return fail("missing required [names] field", node.end);
  const effective = predefinedPrivileges ? [...predefinedPrivileges] : privileges;
  if (!effective) return fail("missing required [privileges] field", node.end);
  if (except && !grant) fail("field_security requires grant if except is given", node.end);
  const entry: IndexEntry = { names, privileges: effective, allow_restricted_indices: allowRestricted };
  if (grant || except) entry.field_security = { ...(grant && { grant }), ...(except && { except }) };
  if (query !== undefined) entry.query = query;
  return withFieldOrder(entry);
}

function parseFieldSecurity(
  role: string,
  node: JsonNode,
  fail: (message: string, at: Location) => never,
): { grant?: string[]; except?: string[] } {
  if (node.kind !== "object") return fail(`expected START_OBJECT but got ${node.token} in "field_security".`, node.at);
  if (node.fields.length === 0) return fail(`"field_security" must not be empty.`, node.end);
  const out: { grant?: string[]; except?: string[] } = {};
  for (const { name, value } of node.fields) {
    if (name !== "grant" && name !== "except") fail(`"field_security" only accepts options grant and except, but got: ${name}`, value.at);
    const list = readStringArray(role, name, value, true);
    if (list === null) fail(`${name} must not be null.`, value.at);
    else out[name as "grant" | "except"] = list;
  }
  return out;
}

/** Rebuilds an entry in Elasticsearch's output order: names, privileges, field_security, query, allow_restricted_indices. */
function withFieldOrder(entry: IndexEntry): IndexEntry {
  return {
    names: entry.names,
    privileges: entry.privileges,
    ...(entry.field_security && { field_security: entry.field_security }),
    ...(entry.query !== undefined && { query: entry.query }),
    allow_restricted_indices: entry.allow_restricted_indices,
  };
}

/** IndicesPrivileges.isUsingDocumentOrFieldLevelSecurity: a query, or field security other than grant ["*"]. */
export function usesDocumentOrFieldLevelSecurity(entry: IndexEntry): boolean {
  if (entry.query !== undefined) return true;
  const fls = entry.field_security;
  if (!fls) return false;
  if (fls.except && fls.except.length > 0) return true;
  return fls.grant !== undefined && !(fls.grant.length === 1 && fls.grant[0] === "*");
}

export function emptyDescriptor(cluster: string[], indices: IndexEntry[]): RoleDescriptor {
  return { cluster, indices, applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true } };
}

/** `role_descriptors` of a REST API key: a map of role name → descriptor. */
export function parseRoleDescriptors(node: JsonNode): Record<string, RoleDescriptor> {
  const out: Record<string, RoleDescriptor> = {};
  if (node.kind !== "object") return out;
  for (const { name, value } of node.fields) out[name] = parseRoleDescriptor(name, value);
  return out;
}

export function parseRoleDescriptor(role: string, node: JsonNode): RoleDescriptor {
  const fail = (message: string, at: Location): never => {
    throw parseException(`failed to parse role [${role}]. ${message}`, at);
  };
  if (node.kind !== "object") return fail(`expected an object but found [${node.token}] instead`, node.at);
  const descriptor = emptyDescriptor([], []);
  const extras: Record<string, unknown> = {};
  for (const { name, value } of node.fields) {
    switch (name) {
      case "cluster":
        descriptor.cluster = readStringArray(role, name, value, true) ?? [];
        break;
      case "indices":
      case "index":
        if (value.kind !== "array") fail(`expected field [${name}] value to be an array, but found [${value.token}] instead`, value.at);
        else descriptor.indices = value.items.map((item) => parseIndexEntry(role, name, item));
        break;
      case "applications":
      case "application":
        if (value.kind !== "array") fail(`expected field [${name}] value to be an array, but found [${value.token}] instead`, value.at);
        else descriptor.applications = toPlain(value) as unknown[];
        break;
      case "run_as":
        descriptor.run_as = readStringArray(role, name, value, true) ?? [];
        break;
      case "metadata":
        if (value.kind !== "object") fail(`expected field [metadata] value to be an object, but found [${value.token}] instead`, value.at);
        else descriptor.metadata = toPlain(value) as Record<string, unknown>;
        break;
      case "transient_metadata":
        break;
      case "global":
      case "remote_indices":
      case "remote_cluster":
      case "restriction":
      case "description":
        extras[name] = toPlain(value);
        break;
      default:
        fail(`unexpected field [${name}]`, value.at);
    }
  }
  return { ...descriptor, ...extras };
}
