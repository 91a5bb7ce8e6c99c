// The read step: a program reading an existing resource (`Resource.get`, the `id` resource option, i.e. a
// ReadResource request), as the engine's step generator and ReadStep run it (R: pkg/resource/deploy/
// step_generator.go GenerateReadSteps, step.go ReadStep.Apply, step_executor.go, source_eval.go ReadResource):
// - the URN must be unique among the program's resources, and the id non-empty ("Expected an ID for <urn>");
// - the step runs in preview too (Read changes nothing); only an unknown id (a preview) skips the provider, and the
//   program then gets no outputs (unknowns);
// - no Check, no Diff: Read gets the id and the properties the program sent, as both `properties` and `inputs`; an
//   answer without properties fails with "resource '<id>' does not exist" (the dynamic host always answers with
//   properties, at least `__provider`, so a dynamic provider must throw itself for an object that does not exist);
//   an id in the answer replaces the program's;
// - the resource is stored `external`, the program's properties as its inputs and Read's as its outputs, secret
//   where the input of the same key is, then `additionalSecretOutputs`; the program gets them with secrets kept;
// - an old resource with the URN that Pulumi manages and whose id differs is replaced by the read
//   (`read-replacement`): it becomes pending-delete and is deleted at the end of the update, with the removed
//   resources. With the same id it is relinquished: a plain read, nothing deleted. An old read is simply read again
//   (another id is a new read).
// Read resources are never deleted: removed from the program or destroyed, they are discarded (see deletes.ts), and
// `refresh` reads them again, judging drift by their outputs only (see refresh.ts).
import type { Deployment } from "./deployment";
import { ProviderError } from "./grpc";
import type { ReadRegistration } from "./program";
import { annotateSecrets, markSecret, UNKNOWN, unwrapMap, type PropertyMap } from "./rpc-values";
import type { ResourceState } from "./state";
import type { Step } from "./types";

/** Runs the read step for a ReadResource request; never throws (errors are recorded on the deployment). */
export async function readResource(d: Deployment, req: ReadRegistration): Promise<{ outputs: PropertyMap }> {
  if (d.failed) return { outputs: {} }; // no new step after a failure
  const who = `${req.type} resource '${req.name}'`;
  if (req.id === "") {
    d.error({ urn: req.urn, resource: req.name, message: `Expected an ID for ${req.urn}` });
    return { outputs: {} };
  }
  const old = d.live(req.urn);
  const replacing = old !== undefined && !old.external && old.id !== req.id;
  const step: Step = { urn: req.urn, type: req.type, name: req.name, op: replacing ? "read-replacement" : "read", diffs: [], replaceReasons: [] };
  try {
    // An unknown id (preview): no Read, no outputs.
    const res = req.id === UNKNOWN ? undefined : await d.execute(() => read(d, req));
    d.log(`> ${req.type} ${req.name}: read ${req.id}${replacing ? " (replacing the managed resource, which is deleted at the end)" : ""}`);
    d.step(step);
    if (!res) return { outputs: {} };
    const next: ResourceState = {
      urn: req.urn,
      type: req.type,
      name: req.name,
      custom: true,
      external: true,
      id: res.id || req.id,
      inputs: req.inputs,
      outputs: markSecret(annotateSecrets(res.properties, req.inputs), req.additionalSecretOutputs),
      dependencies: req.dependencies,
      propertyDependencies: {},
      options: { additionalSecretOutputs: req.additionalSecretOutputs, replaceOnChanges: [], ignoreChanges: [], retainOnDelete: false, protect: false },
    };
    if (req.parent) next.parent = req.parent;
    if (replacing) {
      old.delete = true;
      d.replaced.add(old);
    }
    if (!d.preview) {
      d.setLive(next);
      await d.persist();
    }
    return { outputs: next.outputs };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    d.step({ ...step, error: message });
    d.error({ urn: req.urn, resource: req.name, message: `${who}: ${e instanceof ProviderError ? `read failed: ${message}` : message}` });
    return { outputs: {} };
  }
}

/** The provider's Read with what the program sent (secrets unwrapped: the host does not accept them). */
async function read(d: Deployment, req: ReadRegistration): Promise<{ id: string; properties: PropertyMap }> {
  const client = await d.provider();
  const properties = unwrapMap(req.inputs);
  const res = await client.read({ urn: req.urn, name: req.name, type: req.type, id: req.id, properties, inputs: properties });
  if (!res.hasProperties) throw new Error(`resource '${req.id}' does not exist`);
  return { id: res.id, properties: res.properties };
}
