import * as pulumi from "@pulumi/pulumi";

/**
 * Program side: how the keys of one cluster that a stack manages (its own key, a service's key) share the cluster's
 * single ETag without mistaking each other's rotations for changes made outside Pulumi.
 *
 * Every rotation of any key changes the cluster's one ETag, and the ETag says nothing about which key changed. A
 * resource that compared the ETag only with the one its own last change left would report its sibling's rotation
 * as drift. A dynamic provider cannot look at another resource's state, and siblings cannot depend on each other
 * both ways, so one of them watches the ETag for all: the first key of the cluster declared in the program (the
 * "watcher") takes the other keys' `etag` outputs as an input (`siblingEtags`) — which also makes Pulumi run it after
 * them — and refresh counts an ETag as changed outside Pulumi only when it is neither the watcher's own nor one its
 * siblings left. The others get `etagWatchedBy` (the watcher's name) and leave drift to it. When a sibling rotates,
 * the watcher gets an update that only stores the new `siblingEtags` (no request, no rotation).
 *
 * Keys are grouped by `clusterId` when it is a plain string, among the resources declared in the same synchronous
 * block of the program (the group closes on the next turn of the event loop). A key whose `clusterId` is an Output,
 * or declared later, watches for itself; the per-cluster lock in the provider (clusterLock.ts) still keeps its
 * rotations from conflicting with a sibling's.
 */
interface Group {
  watcher: string;
  members: Array<pulumi.Output<string | undefined>>;
}

/**
 * Open groups per program run. Automation API programs of several stacks can run at once in one process (each with
 * its own monitor, in its own async context): keys of the same cluster in two stacks must never form one group.
 */
const openByRun = new WeakMap<object, Map<string, Group>>();
const OUTSIDE_A_RUN = {};

function openGroups(): Map<string, Group> {
  const run: object = pulumi.runtime.getMonitor() ?? OUTSIDE_A_RUN;
  let groups = openByRun.get(run);
  if (groups === undefined) openByRun.set(run, (groups = new Map()));
  return groups;
}

export interface SiblingInputs {
  siblingEtags?: Promise<pulumi.Output<string[]> | undefined>;
  etagWatchedBy?: string;
  /** Adds the new resource's `etag` to its watcher's group (a no-op for a watcher). */
  join(etag: pulumi.Output<string | undefined>): void;
}

export function siblingInputs(name: string, clusterId: pulumi.Input<string>): SiblingInputs {
  if (typeof clusterId !== "string") return { join: () => undefined };
  const open = openGroups();
  const group = open.get(clusterId);
  if (group !== undefined) return { etagWatchedBy: group.watcher, join: (etag) => void group.members.push(etag) };
  const mine: Group = { watcher: name, members: [] };
  open.set(clusterId, mine);
  const siblingEtags = new Promise<pulumi.Output<string[]> | undefined>((resolve) => {
    setImmediate(() => {
      open.delete(clusterId);
      const etags = mine.members;
      resolve(etags.length === 0 ? undefined : pulumi.all(etags).apply((list) => list.filter((e): e is string => typeof e === "string")));
    });
  });
  return { siblingEtags, join: () => undefined };
}
