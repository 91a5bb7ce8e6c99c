// Refresh: Read every custom resource from the provider. An empty id means the object is gone (dropped from the
// state); otherwise the returned properties replace the outputs and returned inputs replace the stored inputs.
// Secretness survives: a refreshed output is secret where the old output, the input of the same key or
// additionalSecretOutputs says so. The program is not run (like `pulumi refresh`).
import type { Deployment } from "./deployment";
import { propertyDiffs } from "./display";
import { annotateSecrets, markSecret, PROVIDER_KEY, unwrapMap, type PropertyMap } from "./rpc-values";
import type { ResourceState } from "./state";
import type { Step } from "./types";

export async function refreshAll(d: Deployment): Promise<void> {
  // Every Read starts at once, as the engine's step executor runs them (independent steps in parallel); a failure
  // does not cancel the reads already running.
  const reads = d.resources.filter((r) => r.custom && !r.delete).map(async (r) => {
    const step: Step = { urn: r.urn, type: r.type, name: r.name, op: "read", diffs: [], replaceReasons: [] };
    try {
      await refreshOne(d, r, step);
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
  const res = await client.read({
    urn: r.urn,
    name: r.name,
    type: r.type,
    id: r.id ?? "",
    properties: unwrapMap(r.outputs),
    inputs: unwrapMap(r.inputs),
  });
  if (!res.id) {
    step.op = "refresh-gone";
    d.log(`- ${r.type} ${r.name}: gone (deleted out of band), dropped from the state`);
    d.remove(r);
    await d.persist();
    return;
  }
  const outputs = secretLike(res.properties, r.outputs, r.inputs, r.options.additionalSecretOutputs);
  const inputs = res.inputs ? secretLike(res.inputs, r.inputs, r.inputs, r.options.additionalSecretOutputs) : r.inputs;
  d.redactor.addWire(outputs);
  d.redactor.addWire(inputs);
  step.diffs = propertyDiffs(withoutProvider(r.outputs), withoutProvider(outputs));
  if (step.diffs.length > 0 || res.id !== r.id) {
    step.op = "refresh-drift";
    d.log(`~ ${r.type} ${r.name}: drift in ${step.diffs.map((x) => x.property).join(", ") || "id"}`);
  }
  d.setLive({ ...r, id: res.id, inputs, outputs });
  await d.persist();
}

function secretLike(next: PropertyMap, old: PropertyMap, inputs: PropertyMap, additional: string[]): PropertyMap {
  return markSecret(annotateSecrets(annotateSecrets(next, old), inputs), additional);
}

function withoutProvider(m: PropertyMap): PropertyMap {
  const { [PROVIDER_KEY]: _provider, ...rest } = m;
  return rest;
}
