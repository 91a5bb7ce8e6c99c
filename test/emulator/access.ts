/**
 * The `access` of a cross-cluster API key: parsing (CrossClusterApiKeyRoleDescriptorBuilder.PARSER), the
 * combination rules (its build()), the derived `cross_cluster` role descriptor, and the `access` view of GET.
 */
import { illegalArgument } from "./errors";
import { emptyDescriptor, parseIndexEntry, usesDocumentOrFieldLevelSecurity, type IndexEntry, type RoleDescriptor } from "./role-descriptors";
import { field, ObjectParser } from "./xcontent";

const ROLE = "cross_cluster";
const SEARCH_INDEX_PRIVILEGES = ["read", "read_cross_cluster", "view_index_metadata"] as const;
const REPLICATION_INDEX_PRIVILEGES = ["cross_cluster_replication", "cross_cluster_replication_internal"] as const;

export interface CrossClusterAccess {
  search: IndexEntry[];
  replication: IndexEntry[];
}

const ACCESS_PARSER = new ObjectParser("cross_cluster_api_key_request_access", {
  search: field.objectArray((node) => parseIndexEntry(ROLE, "search", node, SEARCH_INDEX_PRIVILEGES)),
  replication: field.objectArray((node) => parseIndexEntry(ROLE, "replication", node, REPLICATION_INDEX_PRIVILEGES)),
});

/** The `access` body field; building (and its combination rules) happens later, in {@link buildAccess}. */
export const accessField = field.object(ACCESS_PARSER);

export type ParsedAccess = ReturnType<typeof ACCESS_PARSER.parse>;

/** The combination rules, in Elasticsearch's order; this project follows 8.14+ for DLS/FLS with replication. */
export function buildAccess(parsed: ParsedAccess): CrossClusterAccess {
  const search = parsed.search ?? [];
  const replication = parsed.replication ?? [];
  if (search.length === 0 && replication.length === 0) {
    throw illegalArgument("must specify non-empty access for either [search] or [replication]");
  }
  if (search.length > 0 && replication.length > 0 && search.some(usesDocumentOrFieldLevelSecurity)) {
    throw illegalArgument("search does not support document or field level security if replication is assigned");
  }
  if (replication.some(usesDocumentOrFieldLevelSecurity)) {
    throw illegalArgument("replication does not support document or field level security");
  }
  return { search, replication };
}

function clusterPrivileges(access: CrossClusterAccess): string[] {
  const privileges: string[] = [];
  if (access.search.length > 0) privileges.push("cross_cluster_search", "monitor_enrich");
  if (access.replication.length > 0) privileges.push("cross_cluster_replication");
  return privileges;
}

/** The derived `role_descriptors` of a cross-cluster key, search entries first. */
export function crossClusterRoleDescriptors(access: CrossClusterAccess): Record<string, RoleDescriptor> {
  return { [ROLE]: emptyDescriptor(clusterPrivileges(access), [...access.search, ...access.replication]) };
}

/** GET's `access`: entries without `privileges`, empty lists omitted. */
export function accessView(access: CrossClusterAccess): Record<string, unknown> {
  const strip = (entries: IndexEntry[]): unknown[] => entries.map(({ privileges: _privileges, ...rest }) => rest);
  return {
    ...(access.search.length > 0 && { search: strip(access.search) }),
    ...(access.replication.length > 0 && { replication: strip(access.replication) }),
  };
}

export function sameAccess(a: CrossClusterAccess, b: CrossClusterAccess): boolean {
  // Entries are built in a fixed field order, so their JSON is canonical.
  return JSON.stringify(a) === JSON.stringify(b);
}
