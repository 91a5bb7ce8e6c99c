// Deleting resources: removed from the program, old copies replaced create-before-delete, or everything on destroy.
// The engine deletes dependents before what they depend on (dependencies, property dependencies, parent).
import type { Deployment } from "./deployment";
import { unwrapMap } from "./rpc-values";
import type { ResourceState } from "./state";

function dependsOn(r: ResourceState): Set<string> {
  const urns = new Set(r.dependencies);
  for (const deps of Object.values(r.propertyDependencies)) for (const u of deps) urns.add(u);
  if (r.parent) urns.add(r.parent);
  return urns;
}

/** Dependents first. Among resources free to go, the one latest in the state goes first (reverse creation order). */
export function deletionOrder(resources: readonly ResourceState[]): ResourceState[] {
  const remaining = [...resources];
  const order: ResourceState[] = [];
  while (remaining.length > 0) {
    let pick = -1;
    for (let i = remaining.length - 1; i >= 0 && pick < 0; i--) {
      const urn = remaining[i]!.urn;
      const hasDependent = remaining.some((other, j) => j !== i && other.urn !== urn && dependsOn(other).has(urn));
      if (!hasDependent) pick = i;
    }
    // A cycle cannot come from a program; should state hold one anyway, fall back to reverse state order.
    if (pick < 0) pick = remaining.length - 1;
    order.push(remaining.splice(pick, 1)[0]!);
  }
  return order;
}

/**
 * Deletes one resource (Delete on the host unless retainOnDelete; components have nothing to delete) and drops it
 * from the state. Throws on failure, leaving the resource in the state. In preview nothing is called. Protection is
 * the caller's check: a replacement is judged by the program's current options, a removal by the state's.
 */
export async function deleteResource(d: Deployment, r: ResourceState): Promise<void> {
  if (!d.preview) {
    if (r.custom && !r.options.retainOnDelete) {
      const client = await d.provider();
      await client.delete({
        urn: r.urn,
        name: r.name,
        type: r.type,
        id: r.id ?? "",
        properties: unwrapMap(r.outputs),
        oldInputs: unwrapMap(r.inputs),
      });
    } else if (r.options.retainOnDelete) {
      d.log(`  ${r.type} ${r.name}: retained (retainOnDelete), not deleted`);
    }
  }
  d.remove(r);
  await d.persist();
}

/**
 * Deletes `resources` in dependency order, one at a time, stopping at the first failure. Old copies replaced in
 * this operation are part of their "replace" step and get no step of their own (leftovers of an earlier failed
 * update do).
 */
export async function deleteAll(d: Deployment, resources: readonly ResourceState[]): Promise<void> {
  for (const r of deletionOrder(resources)) {
    if (d.failed) return;
    const step = d.replaced.has(r)
      ? undefined
      : { urn: r.urn, type: r.type, name: r.name, op: "delete" as const, diffs: [], replaceReasons: [] };
    d.log(`- ${r.type} ${r.name}: delete${r.delete ? " (replaced)" : ""}`);
    try {
      if (r.options.protect && !d.replaced.has(r)) {
        throw new Error("unable to delete the resource: it is marked for protection (remove the protect option first)");
      }
      await deleteResource(d, r);
      if (step) d.step(step);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (step) d.step({ ...step, error: message });
      d.error({ urn: r.urn, resource: r.name, message: `${r.type} resource '${r.name}': delete failed: ${message}` });
    }
  }
}
