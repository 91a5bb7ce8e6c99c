// Deleting resources: removed from the program, old copies replaced create-before-delete, or everything on destroy.
// The engine deletes dependents before what they depend on (dependencies, property dependencies, parent). A read
// resource (`external`) is discarded: dropped from the state in the same order, its provider never called.
import type { Deployment } from "./deployment";
import { unwrapMap } from "./rpc-values";
import type { ResourceState } from "./state";

function dependsOn(r: ResourceState): Set<string> {
  const urns = new Set(r.dependencies);
  for (const deps of Object.values(r.propertyDependencies)) for (const u of deps) urns.add(u);
  if (r.parent) urns.add(r.parent);
  return urns;
}

/**
 * Deletes one resource (Delete on the host unless retainOnDelete; components have nothing to delete) and drops it
 * from the state. Throws on failure, leaving the resource in the state. In preview nothing is called. Protection is
 * the caller's check: a replacement is judged by the program's current options, a removal by the state's.
 */
export async function deleteResource(d: Deployment, r: ResourceState): Promise<void> {
  if (!d.preview) {
    if (r.external) {
      // Read, not managed: Pulumi does not own its lifecycle (R: step.go DeleteStep.Apply).
      d.log(`  ${r.type} ${r.name}: read, not managed: discarded from the state, not deleted`);
    } else if (r.custom && !r.options.retainOnDelete) {
      const client = await d.provider();
      await d.execute(() =>
        client.delete({
          urn: r.urn,
          name: r.name,
          type: r.type,
          id: r.id ?? "",
          properties: unwrapMap(r.outputs),
          oldInputs: unwrapMap(r.inputs),
        }),
      );
    } else if (r.options.retainOnDelete) {
      d.log(`  ${r.type} ${r.name}: retained (retainOnDelete), not deleted`);
    }
  }
  d.remove(r);
  await d.persist();
}

/**
 * Deletes `resources` dependents first, like the engine's step executor: every resource none of whose dependents is
 * still to be deleted starts at once (independent deletions run in parallel), and each completed deletion may free
 * the resources it depended on. After the first failure no new deletion starts (running ones finish), except that
 * a protected resource's refusal does not stop the others (the engine continues past it and fails at the end). Old copies
 * replaced in this operation are part of their "replace" step and get no step of their own (leftovers of an earlier
 * failed update do).
 */
export async function deleteAll(d: Deployment, resources: readonly ResourceState[]): Promise<void> {
  const pending = [...resources];
  // Resources (of this list) with this URN: a dependency names a URN, which an old copy and its replacement share.
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of pending) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  // For each resource, how many of its dependents are still to be deleted, and whom it blocks in turn.
  const blockers = new Map<ResourceState, number>(pending.map((r) => [r, 0]));
  const blocks = new Map<ResourceState, ResourceState[]>();
  for (const r of pending) {
    const targets = [...dependsOn(r)].filter((urn) => urn !== r.urn).flatMap((urn) => byUrn.get(urn) ?? []);
    blocks.set(r, targets);
    for (const t of targets) blockers.set(t, (blockers.get(t) ?? 0) + 1);
  }
  const running = new Set<Promise<void>>();
  // What a resource that could not be deleted depends on must stay (transitively).
  const skipDependencies = (r: ResourceState): void => {
    for (const t of blocks.get(r) ?? []) {
      const i = pending.indexOf(t);
      if (i < 0) continue;
      pending.splice(i, 1);
      skipDependencies(t);
    }
  };
  const start = (r: ResourceState): void => {
    pending.splice(pending.indexOf(r), 1);
    const done = deleteOne(d, r).then((ok) => {
      running.delete(done);
      if (ok) for (const t of blocks.get(r) ?? []) blockers.set(t, (blockers.get(t) ?? 1) - 1);
      else skipDependencies(r);
    });
    running.add(done);
  };
  while (pending.length > 0 && !d.failed) {
    // Among those free to go, the latest in the state starts first (reverse creation order).
    const free = pending.filter((r) => blockers.get(r) === 0).reverse();
    if (free.length === 0 && running.size === 0) {
      // A cycle cannot come from a program; should state hold one anyway, fall back to reverse state order.
      start(pending[pending.length - 1]!);
      continue;
    }
    for (const r of free) start(r);
    if (running.size > 0) await Promise.race(running);
  }
  await Promise.all(running);
}

/** One deletion as a step; false when it failed (the error is recorded on the deployment). */
async function deleteOne(d: Deployment, r: ResourceState): Promise<boolean> {
  const step = d.replaced.has(r)
    ? undefined
    : { urn: r.urn, type: r.type, name: r.name, op: r.external ? ("discard" as const) : ("delete" as const), diffs: [], replaceReasons: [] };
  d.log(`${r.external ? "<" : "-"} ${r.type} ${r.name}: ${r.external ? "discard" : "delete"}${r.delete ? " (replaced)" : ""}`);
  if (r.options.protect && !d.replaced.has(r)) {
    const message = "unable to delete the resource: it is marked for protection (remove the protect option first)";
    if (step) d.step({ ...step, error: message });
    d.error({ urn: r.urn, resource: r.name, message: `${r.type} resource '${r.name}': delete failed: ${message}` }, { stop: false });
    return false;
  }
  try {
    await deleteResource(d, r);
    if (step) d.step(step);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (step) d.step({ ...step, error: message });
    d.error({ urn: r.urn, resource: r.name, message: `${r.type} resource '${r.name}': delete failed: ${message}` });
    return false;
  }
}
