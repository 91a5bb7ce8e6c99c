import type { ConnectionInput } from "../connection";

/**
 * Which connectors a binding of the running deployment declares. A `pulumi up` runs one provider host for the
 * whole deployment, and the engine deletes removed resources only after the program's steps, so by the time a
 * binding's delete runs, every binding still in the program has been diffed, created or updated here.
 *
 * That tells a rename apart from a removal: renaming a binding (or moving it into a component) gives it a new
 * URN, so the engine creates the "new" binding — the connector already bound as declared — and then deletes the
 * "old" one. Without this the delete would unbind the connector the new binding has just claimed, leaving it
 * unbound while the state says it is bound. With it, the delete leaves the connector to the binding that claims it.
 */
type Source = "diff" | "create" | "update";

const claims = new Map<string, { source: Source; apiKeyId: unknown }>();

/** Same connector id on the same cluster (as far as the connection input tells). */
function claimKey(connectorId: string, connection: ConnectionInput | undefined): string {
  return JSON.stringify([connection?.endpoints ?? null, connectorId]);
}

/** Records that a binding in the program declares this connector. */
export function claim(source: Source, connectorId: unknown, apiKeyId: unknown, connection: ConnectionInput | undefined): void {
  if (typeof connectorId !== "string") return;
  claims.set(claimKey(connectorId, connection), { source, apiKeyId });
}

/**
 * Diff of a binding that stays on its connector. A create of this connector earlier in the same deployment was
 * another resource's (a create never precedes its own resource's diff), and so is an earlier diff that binds
 * another key (a resource's own diffs — the refresh phase of `up --refresh` diffs too — declare the same key):
 * two resources claim the connector.
 */
export function claimInDiff(connectorId: string, apiKeyId: unknown, connection: ConnectionInput | undefined): void {
  const earlier = claims.get(claimKey(connectorId, connection));
  if (earlier && (earlier.source === "create" || earlier.apiKeyId !== apiKeyId)) throw twoClaims(connectorId, earlier.apiKeyId);
  claim("diff", connectorId, apiKeyId, connection);
}

/** The error when two bindings of one deployment claim a connector. */
function twoClaims(connectorId: string, apiKeyId: unknown): Error {
  return new Error(
    `another ConnectorApiKeyBinding of this deployment also binds connector ${JSON.stringify(connectorId)}` +
      (typeof apiKeyId === "string" ? ` (to API key ${JSON.stringify(apiKeyId)})` : "") +
      ". Two resources must not manage one connector: each would rebind it at every `up`, and destroying one would unbind " +
      "the other's key. Keep one binding per connector (renaming or moving a binding is fine: the connector stays bound)",
  );
}

/**
 * Before a create writes: another binding of this deployment already claims the connector. Two resources managing
 * one connector undo each other at every `up`, and one's destroy unbinds the other's key, so this is refused.
 * (A create never follows a diff that claimed for the same resource; an update always follows its own diff, so it
 * cannot tell another resource's claim apart and does not look.)
 */
export function refuseRivalClaim(connectorId: string, connection: ConnectionInput | undefined): void {
  const rival = claims.get(claimKey(connectorId, connection));
  if (rival) throw twoClaims(connectorId, rival.apiKeyId);
}

/**
 * A create takes its claim before anything is awaited, so that whichever of two bindings of one connector comes
 * second — a create or a diff — sees the first one's claim and fails, whatever order the engine runs them in.
 * Returns the release for a create that then fails.
 */
export function claimForCreate(connectorId: string, apiKeyId: unknown, connection: ConnectionInput | undefined): () => void {
  refuseRivalClaim(connectorId, connection);
  const key = claimKey(connectorId, connection);
  const mine = { source: "create" as const, apiKeyId };
  claims.set(key, mine);
  return () => {
    if (claims.get(key) === mine) claims.delete(key);
  };
}

/** At delete: whether another binding of this deployment claims the connector (a rename or a move). */
export function claimedByAnother(connectorId: string, connection: ConnectionInput | undefined): boolean {
  return claims.has(claimKey(connectorId, connection));
}
