/**
 * What an operator runs when the LOCAL cluster is self-managed: its keystore is a file on every node, which no API
 * can write, so RemoteClusterAccess cannot do this step. Text only: the key itself is never part of it — it is read
 * from the secret stack output `encodedOutput` at the moment the command runs.
 */
export function selfManagedKeystoreSteps(alias: string, encodedOutput: string): string {
  return [
    `# On EVERY node of the local cluster (the key is read from the secret stack output, never typed or echoed):`,
    `pulumi stack output ${encodedOutput} --show-secrets | bin/elasticsearch-keystore add --stdin --force cluster.remote.${alias}.credentials`,
    `# Then once, on the local cluster (reloads the keystore on all nodes without a restart):`,
    `POST _nodes/reload_secure_settings`,
    `# Check: GET _remote/info must show "${alias}": { "connected": true }. Only then invalidate the previous key.`,
  ].join("\n");
}
