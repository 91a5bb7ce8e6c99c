// Refresh: Read every custom resource (pending-deletes included) from the provider, as the engine's RefreshStep
// does (R: pkg/resource/deploy/step.go RefreshStep.Apply/ResultOp). An empty id means the object is gone: it is
// dropped from the state and the others' dependencies on it are removed. Otherwise the returned properties replace
// the outputs and returned inputs replace the stored inputs. Whether the resource drifted is the PROVIDER's call:
// Diff with the arguments swapped (olds = the refreshed outputs, news = the old inputs, oldInputs = the refreshed
// inputs); the step is an update only if it reports changes, the properties shown are those whose inputs changed.
// An ErrorResourceInitFailed does not fail the refresh: it is a warning and the init errors are kept.
// Secretness survives: a refreshed value is secret where the old one or the input of the same key was, and
// additionalSecretOutputs marks outputs. The program is not run (like `pulumi refresh`). A read resource (`external`,
// see reads.ts) is read the same way, but its drift is judged by its outputs alone, without a Diff.
import type { Deployment } from "./deployment";
import { isDefaultProvider } from "./deployment";
import { changedKeys, propertyDiffs } from "./display";
import { ProviderError } from "./grpc";
import { annotateSecrets, deepEqual, markSecret, PROVIDER_KEY, unwrapMap, type PropertyMap } from "./rpc-values";
import type { ResourceState } from "./state";
import type { Step } from "./types";

export async function refreshAll(d: Deployment): Promise<void> {
  // Every Read is a step of its own, run by the executor's workers; a failure does not cancel the others.
  const reads = d.resources.filter((r) => r.custom && !isDefaultProvider(r)).map(async (r) => {
    const step: Step = { urn: r.urn, type: r.type, name: r.name, op: "read", diffs: [], replaceReasons: [] };
    try {
      await d.execute(() => refreshOne(d, r, step));
      d.step(step);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      d.step({ ...step, error: message });
      d.error({ urn: r.urn, resource: r.name, message: `${r.type} resource '${r.name}': refresh failed: ${message}` });
    }
  });
  await Promise.all(reads);
}

async function refreshOne(d: Deployment, r: ResourceState, step: Step): Promise<void> {
  const client = await d.provider();
  const ref = { urn: r.urn, name: r.name, type: r.type };
  let res: { id: string; properties: PropertyMap; inputs?: PropertyMap };
  let initErrors: string[] | undefined;
  try {
    res = await client.read({ ...ref, id: r.id ?? "", properties: unwrapMap(r.outputs), inputs: unwrapMap(r.inputs) });
  } catch (e) {
    if (!(e instanceof ProviderError && e.initFailure)) throw e;
    const { id, properties, reasons } = e.initFailure;
    res = { id, properties };
    initErrors = reasons;
    d.log(`warning: ${r.type} resource '${r.name}': Refreshed resource is in an unhealthy state:\n* ${reasons.join("\n* ")}`);
  }
  if (!res.id) {
    step.op = "refresh-gone";
    d.log(`- ${r.type} ${r.name}: gone (deleted out of band), dropped from the state`);
    d.remove(r);
    repairDependencies(d, r.urn);
    await d.persist();
    return;
  }
  const outputs = markSecret(secretLike(res.properties, r.outputs, r.inputs), r.options.additionalSecretOutputs);
  const inputs = res.inputs ? secretLike(res.inputs, r.inputs, r.inputs) : r.inputs;

  if (r.external) {
    // A read resource: no Diff, only its outputs are compared (R: step.go RefreshStep.ResultOp, "External").
    if (!deepEqual(outputs, r.outputs)) {
      step.op = "refresh-drift";
      step.diffs = propertyDiffs(withoutProvider(r.outputs), withoutProvider(outputs));
    }
  } else {
    const diff = await client.diff({ ...ref, id: res.id, olds: unwrapMap(outputs), news: unwrapMap(r.inputs), oldInputs: unwrapMap(inputs), ignoreChanges: r.options.ignoreChanges });
    const changed = diff.changes === "some" || (diff.changes === "unknown" && changedKeys(inputs, r.inputs, true).length > 0);
    if (changed) {
      step.op = "refresh-drift";
      step.diffs = propertyDiffs(withoutProvider(r.inputs), withoutProvider(inputs));
    }
  }
  if (step.op === "refresh-drift") {
    d.log(`~ ${r.type} ${r.name}: drift${step.diffs.length > 0 ? ` in ${step.diffs.map((x) => x.property).join(", ")}` : ""}`);
  }
  const next: ResourceState = { ...r, id: res.id, inputs, outputs };
  if (initErrors) next.initErrors = initErrors;
  else delete next.initErrors;
  const i = d.resources.indexOf(r);
  if (i >= 0) d.resources[i] = next;
  await d.persist();
}

/** The engine's state rebuild after a refresh deleted a resource: nothing may depend on it any more. */
function repairDependencies(d: Deployment, gone: string): void {
  if (d.resources.some((r) => r.urn === gone)) return; // another copy (e.g. a pending-delete) still has the URN
  // In place: other reads of this refresh hold these objects.
  for (const r of d.resources) {
    r.dependencies = r.dependencies.filter((u) => u !== gone);
    for (const [k, urns] of Object.entries(r.propertyDependencies)) r.propertyDependencies[k] = urns.filter((u) => u !== gone);
  }
}

function secretLike(next: PropertyMap, old: PropertyMap, inputs: PropertyMap): PropertyMap {
  return annotateSecrets(annotateSecrets(next, old), inputs);
}

function withoutProvider(m: PropertyMap): PropertyMap {
  const { [PROVIDER_KEY]: _provider, ...rest } = m;
  return rest;
}
