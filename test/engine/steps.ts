// The step for one registered resource, as the engine's step generator and executor run it during preview and
// update: Check → Diff → Create / Update / Replace (or nothing). Semantics mirrored from the engine (see
// ../shared/pulumi-dynamic-notes.md and README.md):
// - Check olds are the old inputs (or {}); failures abort the resource, naming the property.
// - Diff gets the OLD OUTPUTS as olds; only changes/replaces/deleteBeforeReplace come back. With changes unknown
//   the engine diffs the inputs itself (__provider included) and only then applies replaceOnChanges; with
//   changes: true, replaceOnChanges is ignored.
// - A resource whose last create/update failed to initialize is always updated.
// - deleteBeforeReplace on the resource overrides the provider; the default is create-before-delete, the old copy
//   being deleted at the end of the update.
// - Preview never calls Create/Update: the checked inputs are the provisional outputs, other outputs unknown.
// - Secrets are unwrapped before every call; outputs are secret where the input under the same key was, plus
//   additionalSecretOutputs.
import { ProviderError } from "./grpc";
import { changedKeys, propertyDiffs } from "./display";
import type { Deployment } from "./deployment";
import type { Registration } from "./program";
import { deleteResource } from "./deletes";
import {
  annotateSecrets,
  isObject,
  markSecret,
  PROVIDER_KEY,
  UNKNOWN,
  unwrapMap,
  type PropertyMap,
  type Wire,
} from "./rpc-values";
import type { ResourceState } from "./state";
import type { Step } from "./types";

export interface StepResult {
  id?: string;
  outputs: PropertyMap;
  /** The step failed or was skipped: the SDK should treat missing outputs as unknown. */
  failed?: boolean;
}

/** A check failure: reported per property. */
class CheckFailed extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(failures.map((f) => `property ${f.property} has a problem: ${f.reason}`).join("; "));
  }
}

/** Runs the step for a registration; never throws (errors are recorded on the deployment). */
export async function registerResource(d: Deployment, reg: Registration): Promise<StepResult> {
  d.redactor.addWire(reg.inputs);
  if (d.failed) return skipped(reg); // no new step after a failure
  const step: Step = { urn: reg.urn, type: reg.type, name: reg.name, op: "same", diffs: [], replaceReasons: [] };
  try {
    const result = reg.custom ? await customStep(d, reg, step) : await componentStep(d, reg, step);
    d.step(step);
    d.redactor.addWire(result.outputs);
    return result;
  } catch (e) {
    step.error = e instanceof Error ? e.message : String(e);
    d.step(step);
    recordError(d, reg, step, e);
    return skipped(reg);
  }
}

/** RegisterResourceOutputs: components and the stack (whose outputs are the stack outputs). */
export function registerOutputs(d: Deployment, urn: string, outputs: PropertyMap): void {
  const r = d.live(urn);
  // After a failure the real program would have crashed before registering outputs: keep the previous ones (they
  // would hold the unknowns of the skipped resources).
  if (!r || d.failed) return;
  d.redactor.addWire(outputs);
  d.setLive({ ...r, outputs });
  void d.persist().catch((e: unknown) => d.error({ urn, message: `writing state: ${String(e)}` }));
}

function skipped(reg: Registration): StepResult {
  return { outputs: Object.fromEntries(Object.keys(reg.inputs).map((k) => [k, UNKNOWN])), failed: true };
}

function recordError(d: Deployment, reg: Registration, step: Step, e: unknown): void {
  const who = `${reg.type} resource '${reg.name}'`;
  if (e instanceof CheckFailed) {
    for (const f of e.failures) {
      d.error({ urn: reg.urn, resource: reg.name, property: f.property, message: `${who}: property ${f.property} has a problem: ${f.reason}` });
    }
  } else if (e instanceof ProviderError) {
    const reasons = e.initFailure ? ` (resource initialization failed: ${e.initFailure.reasons.join("; ")})` : "";
    d.error({ urn: reg.urn, resource: reg.name, message: `${who}: ${step.op} failed: ${e.message}${reasons}` });
  } else {
    d.error({ urn: reg.urn, resource: reg.name, message: `${who}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

async function componentStep(d: Deployment, reg: Registration, step: Step): Promise<StepResult> {
  const old = d.live(reg.urn);
  step.op = !old ? "create" : changedKeys(old.inputs, reg.inputs).length === 0 ? "same" : "update";
  step.diffs = propertyDiffs(old?.inputs ?? {}, reg.inputs);
  d.setLive({ ...stateOf(reg), inputs: reg.inputs, outputs: old?.outputs ?? {} });
  await d.persist();
  return { outputs: reg.inputs };
}

async function customStep(d: Deployment, reg: Registration, step: Step): Promise<StepResult> {
  const old = d.live(reg.urn);
  const client = await d.provider();
  const ref = { urn: reg.urn, name: reg.name, type: reg.type };
  step.op = old ? "update" : "create"; // what a failing Check is reported as

  const news = old ? applyIgnoreChanges(reg.inputs, old.inputs, reg.options.ignoreChanges) : reg.inputs;
  const checked = await client.check({ ...ref, olds: unwrapMap(old?.inputs ?? {}), news: unwrapMap(news) });
  if (checked.failures.length > 0) throw new CheckFailed(checked.failures);
  // Secret inputs stay secret; additionalSecretOutputs also covers an input of the same name (stricter than needed
  // perhaps, but key material must never reach the state file in clear).
  const inputs = markSecret(annotateSecrets(checked.inputs, news), reg.options.additionalSecretOutputs);
  d.redactor.addWire(inputs);
  step.diffs = propertyDiffs(old?.inputs ?? {}, inputs);

  if (!old) {
    step.op = "create";
    d.log(`+ ${reg.type} ${reg.name}: create`);
    if (d.preview) return { outputs: finalOutputs(reg, inputs, inputs) };
    const created = await create(d, reg, inputs);
    return { id: created.id, outputs: created.outputs };
  }

  const diff = await client.diff({
    ...ref,
    id: old.id ?? "",
    olds: unwrapMap(old.outputs),
    news: unwrapMap(inputs),
    oldInputs: unwrapMap(old.inputs),
    ignoreChanges: reg.options.ignoreChanges,
  });
  let changes = diff.changes;
  let replaces = diff.replaces;
  if (changes === "unknown") {
    const changed = changedKeys(old.inputs, inputs, true);
    changes = changed.length > 0 ? "some" : "none";
    replaces = changed.filter((k) => reg.options.replaceOnChanges.some((p) => p === "*" || p === k || p.split(/[.[]/)[0] === k));
  }
  if (changes === "none" && (old.initErrors?.length ?? 0) > 0) changes = "some";

  if (changes === "none") {
    step.op = "same";
    step.diffs = [];
    const next: ResourceState = { ...stateOf(reg), id: old.id, inputs, outputs: markSecret(old.outputs, reg.options.additionalSecretOutputs) };
    if (!d.preview) {
      d.setLive(next);
      await d.persist();
    }
    return { id: old.id, outputs: next.outputs };
  }

  if (replaces.length === 0) {
    step.op = "update";
    d.log(`~ ${reg.type} ${reg.name}: update [${step.diffs.map((x) => x.property).join(", ")}]`);
    if (d.preview) return { id: old.id, outputs: finalOutputs(reg, inputs, withUnknowns(inputs, old.outputs)) };
    return update(d, reg, old, inputs);
  }

  step.op = "replace";
  step.replaceReasons = replaces;
  const deleteBeforeReplace = reg.options.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  d.log(`+- ${reg.type} ${reg.name}: replace (${deleteBeforeReplace ? "delete before replace" : "create before delete"}) because of ${replaces.join(", ")}`);
  if (reg.options.protect) {
    throw new Error("unable to replace the resource: it is marked for protection (remove the protect option first)");
  }
  if (d.preview) return { outputs: finalOutputs(reg, inputs, withUnknowns(inputs, old.outputs)) };
  if (deleteBeforeReplace) {
    await deleteResource(d, old);
    return create(d, reg, inputs);
  }
  return create(d, reg, inputs, old);
}

/** Create; with `replacing`, the old copy becomes pending-delete once the new one exists (create-before-delete). */
async function create(d: Deployment, reg: Registration, inputs: PropertyMap, replacing?: ResourceState): Promise<StepResult> {
  const client = await d.provider();
  const ref = { urn: reg.urn, name: reg.name, type: reg.type };
  const put = async (next: ResourceState) => {
    if (replacing) {
      replacing.delete = true;
      d.replaced.add(replacing);
    }
    d.setLive(next);
    await d.persist();
  };
  try {
    const res = await client.create({ ...ref, properties: unwrapMap(inputs), preview: false });
    if (!res.id) throw new Error("the provider returned an empty id");
    const outputs = finalOutputs(reg, inputs, res.properties);
    d.redactor.addWire(outputs);
    await put({ ...stateOf(reg), id: res.id, inputs, outputs });
    return { id: res.id, outputs };
  } catch (e) {
    // Created but not initialized: the resource exists, so it is kept (with what the provider reported).
    if (e instanceof ProviderError && e.initFailure) {
      const outputs = finalOutputs(reg, inputs, e.initFailure.properties);
      d.redactor.addWire(outputs);
      await put({ ...stateOf(reg), id: e.initFailure.id, inputs, outputs, initErrors: e.initFailure.reasons });
    }
    throw e;
  }
}

async function update(d: Deployment, reg: Registration, old: ResourceState, inputs: PropertyMap): Promise<StepResult> {
  const client = await d.provider();
  const id = old.id ?? "";
  try {
    const res = await client.update({
      urn: reg.urn,
      name: reg.name,
      type: reg.type,
      id,
      olds: unwrapMap(old.outputs),
      news: unwrapMap(inputs),
      oldInputs: unwrapMap(old.inputs),
      ignoreChanges: reg.options.ignoreChanges,
      preview: false,
    });
    const outputs = finalOutputs(reg, inputs, res.properties);
    d.redactor.addWire(outputs);
    d.setLive({ ...stateOf(reg), id, inputs, outputs });
    await d.persist();
    return { id, outputs };
  } catch (e) {
    if (e instanceof ProviderError && e.initFailure) {
      const outputs = finalOutputs(reg, inputs, e.initFailure.properties);
      d.redactor.addWire(outputs);
      d.setLive({ ...stateOf(reg), id, inputs, outputs, initErrors: e.initFailure.reasons });
      await d.persist();
    }
    throw e;
  }
}

/** Output secretness: from the inputs under the same key, then additionalSecretOutputs (top-level keys). */
function finalOutputs(reg: Registration, inputs: PropertyMap, properties: PropertyMap): PropertyMap {
  return markSecret(annotateSecrets(properties, inputs), reg.options.additionalSecretOutputs);
}

/** Provisional outputs of an update/replace in preview: the new inputs, every other old output unknown. */
function withUnknowns(inputs: PropertyMap, oldOutputs: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...inputs };
  for (const k of Object.keys(oldOutputs)) if (!(k in result) && k !== PROVIDER_KEY) result[k] = UNKNOWN;
  return result;
}

function stateOf(reg: Registration): Omit<ResourceState, "inputs" | "outputs"> {
  const s: Omit<ResourceState, "inputs" | "outputs"> = {
    urn: reg.urn,
    type: reg.type,
    name: reg.name,
    custom: reg.custom,
    dependencies: reg.dependencies,
    propertyDependencies: reg.propertyDependencies,
    options: reg.options,
  };
  if (reg.parent) s.parent = reg.parent;
  return s;
}

/** ignoreChanges: the listed paths keep their old input values ("a" or "a.b.c"; array indexes not supported). */
function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap, paths: readonly string[]): PropertyMap {
  if (paths.length === 0) return news;
  const result = structuredClone(news);
  for (const p of paths) {
    const keys = p.split(".");
    let from: Wire | undefined = olds;
    let to: Wire | undefined = result;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (!isObject(to)) break;
      const oldValue: Wire | undefined = isObject(from) ? from[k] : undefined;
      if (i === keys.length - 1) {
        if (oldValue === undefined) delete to[k];
        else to[k] = structuredClone(oldValue);
      } else {
        if (!isObject(to[k]) && isObject(oldValue)) to[k] = {};
        from = oldValue;
        to = to[k];
      }
    }
  }
  return result;
}
