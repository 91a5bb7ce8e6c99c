import type { RoleDescriptor } from "../../sdk";

/**
 * The privileges a connector's API key needs, as Elastic's connector documentation gives them ("Create an API key"
 * for self-managed and Elastic-managed connectors): the `monitor` and `manage_connector` cluster privileges, and
 * `all` on
 * - the connector's content index (`indexName`),
 * - its document-level-security ACL index (`.search-acl-filter-<indexName>`),
 * - the connectors' own system indices (`.elastic-connectors*`).
 * One role, named `<connectorId>-connector-role`. Nothing broader: the key can write no other index.
 */
export function connectorRoleDescriptors(connectorId: string, indexName: string): Record<string, RoleDescriptor> {
  return {
    [`${connectorId}-connector-role`]: {
      cluster: ["monitor", "manage_connector"],
      indices: [
        {
          names: [indexName, `.search-acl-filter-${indexName}`, ".elastic-connectors*"],
          privileges: ["all"],
          allow_restricted_indices: false,
        },
      ],
    },
  };
}
