// The step for one registered resource, as the engine's step generator and executor run it during preview and
// update: Check → Diff → Create / Update / Replace (or nothing). Semantics mirrored from the engine (see
// ../shared/pulumi-dynamic-notes.md and README.md):
// - Check olds are the old inputs (or {}); failures abort the resource, naming the property and its raw input
//   value as the CLI prints it. Check and Diff are made one at a time, Create/Update at most `parallel` at once.
// - Diff gets the OLD OUTPUTS as olds; only changes/replaces/deleteBeforeReplace come back. With changes unknown
//   the engine diffs the inputs itself (__provider included) and only then applies replaceOnChanges; with
//   changes: true, replaceOnChanges is ignored.
// - A resource whose last create/update failed to initialize is always updated.
// - deleteBeforeReplace on the resource overrides the provider; the default is create-before-delete, the old copy
//   being deleted at the end of the update. A replacement is created from a second Check of the raw program inputs
//   with no olds (ignoreChanges not applied). replaceOnChanges paths match like the engine's PropertyPath.Contains.
//   Only a resource protected both before and now refuses replacement; a preview records that and goes on.
// - Preview never calls Create/Update: the checked inputs are the provisional outputs (the SDK takes the missing
//   ones as unknown).
// - Secrets are unwrapped before every call; outputs are secret where the input under the same key was, plus
//   additionalSecretOutputs (outputs only).
import { ProviderError } from "./grpc";
import { changedKeys, propertyDiffs } from "./display";
import { goString } from "./go-format";
import type { Deployment } from "./deployment";
import type { Registration } from "./program";
import { deleteResource } from "./deletes";
import {
  annotateSecrets,
  deepEqual,
  isObject,
  markSecret,
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

/**
 * A check failure, reported per property as the CLI prints it: `property <p> value <v> has a problem: <reason>` with
 * <v> the RAW top-level program input (Go's rendering; a secret is printed in clear), or, for a failure without a
 * property, `has a problem: <reason>` (R: step_generator.go issueCheckFailures; diag/errors.go 2002, 2003).
 */
class CheckFailed extends Error {
  readonly failures: { property: string; text: string }[];
  constructor(failures: { property: string; reason: string }[], inputs: PropertyMap) {
    const texts = failures.map((f) => ({
      property: f.property,
      text: f.property === "" ? `has a problem: ${f.reason}` : `property ${f.property} value ${goString(inputs[f.property])} has a problem: ${f.reason}`,
    }));
    super(texts.map((f) => f.text).join("; "));
    this.failures = texts;
  }
}

/** Go's multierror text, which is all the CLI prints of an ErrorResourceInitFailed (R: provider_plugin.go InitError). */
function initErrorText(reasons: readonly string[]): string {
  if (reasons.length === 0) return "resource init failed";
  if (reasons.length === 1) return `1 error occurred:\n\t* ${reasons[0]}`;
  return `${reasons.length} errors occurred:\n\t${reasons.map((r) => `* ${r}`).join("\n\t")}`;
}

/** Runs the step for a registration; never throws (errors are recorded on the deployment). */
export async function registerResource(d: Deployment, reg: Registration): Promise<StepResult> {
  if (d.failed) return skipped(reg); // no new step after a failure
  const step: Step = { urn: reg.urn, type: reg.type, name: reg.name, op: "same", diffs: [], replaceReasons: [] };
  try {
    const result = reg.custom ? await customStep(d, reg, step) : await componentStep(d, reg, step);
    d.step(step);
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
      const failure = { urn: reg.urn, resource: reg.name, message: `${who}${f.property === "" ? " " : ": "}${f.text}` };
      d.error(f.property === "" ? failure : { ...failure, property: f.property });
    }
  } else if (e instanceof ProviderError && e.initFailure) {
    // The engine shows the InitError's reasons only; the host's message is dropped.
    d.error({ urn: reg.urn, resource: reg.name, message: `${who}: ${initErrorText(e.initFailure.reasons)}` });
  } else if (e instanceof ProviderError) {
    d.error({ urn: reg.urn, resource: reg.name, message: `${who}: ${step.op} failed: ${e.message}` });
  } else if (e instanceof ProtectedReplace) {
    d.error({ urn: reg.urn, resource: reg.name, message: `${who}: ${e.message}` }, { stop: !d.preview });
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

/** Replacing a resource that was and still is protected. */
class ProtectedReplace extends Error {
  constructor() {
    super("unable to replace the resource: it is marked for protection (remove the protect option first)");
  }
}

async function customStep(d: Deployment, reg: Registration, step: Step): Promise<StepResult> {
  const live = d.live(reg.urn);
  // A resource that was read (`external`) is not Pulumi's: its inputs are not the olds, and it is never updated.
  const old = live?.external ? undefined : live;
  const client = await d.provider();
  const ref = { urn: reg.urn, name: reg.name, type: reg.type };
  step.op = old ? "update" : "create"; // what a failing Check is reported as

  const news = old ? applyIgnoreChanges(reg.inputs, old.inputs, reg.options.ignoreChanges) : reg.inputs;
  const checked = await d.generate(() => client.check({ ...ref, olds: unwrapMap(old?.inputs ?? {}), news: unwrapMap(news) }));
  if (checked.failures.length > 0) throw new CheckFailed(checked.failures, news);
  const inputs = annotateSecrets(checked.inputs, news);
  step.diffs = propertyDiffs(old?.inputs ?? {}, inputs);

  if (live?.external) {
    // Taking over what was read (R: step_generator.go "Case 2: wasExternal"): a new resource is created in its place
    // (create-replacement, shown as a replace), and the read one is discarded at the end, never deleted.
    step.op = "replace";
    d.log(`+- ${reg.type} ${reg.name}: create in place of the resource read before`);
    if (d.preview) return { outputs: finalOutputs(reg, inputs, inputs) };
    return create(d, reg, inputs, live);
  }
  if (!old) {
    step.op = "create";
    d.log(`+ ${reg.type} ${reg.name}: create`);
    if (d.preview) return { outputs: finalOutputs(reg, inputs, inputs) };
    const created = await create(d, reg, inputs);
    return { id: created.id, outputs: created.outputs };
  }

  const diff = await d.generate(() =>
    client.diff({
      ...ref,
      id: old.id ?? "",
      olds: unwrapMap(old.outputs),
      news: unwrapMap(inputs),
      oldInputs: unwrapMap(old.inputs),
      ignoreChanges: reg.options.ignoreChanges,
    }),
  );
  let changes = diff.changes;
  let replaces = diff.replaces;
  if (changes === "unknown") {
    const changed = changedKeys(old.inputs, inputs, true);
    changes = changed.length > 0 ? "some" : "none";
    const paths = [...changed.map((k) => [k]), ...changedPaths(unwrapMap(old.inputs), unwrapMap(inputs))];
    replaces = changed.filter((k) =>
      reg.options.replaceOnChanges.some((p) => paths.some((path) => path[0] === k && pathContains(parsePath(p), path))),
    );
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
    if (d.preview) return { id: old.id, outputs: finalOutputs(reg, inputs, inputs) };
    return update(d, reg, old, inputs);
  }

  step.op = "replace";
  step.replaceReasons = replaces;
  const deleteBeforeReplace = reg.options.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  d.log(`+- ${reg.type} ${reg.name}: replace (${deleteBeforeReplace ? "delete before replace" : "create before delete"}) because of ${replaces.join(", ")}`);
  if (old.options.protect && reg.options.protect) {
    if (!d.preview) throw new ProtectedReplace();
    // A preview records the error and goes on; the preview fails at the end.
    step.error = new ProtectedReplace().message;
    recordError(d, reg, step, new ProtectedReplace());
  }
  // The replacement is checked afresh: the raw program inputs, no olds, ignoreChanges not applied.
  const fresh = await d.generate(() => client.check({ ...ref, olds: {}, news: unwrapMap(reg.inputs) }));
  if (fresh.failures.length > 0) throw new CheckFailed(fresh.failures, reg.inputs);
  const replacementInputs = annotateSecrets(fresh.inputs, reg.inputs);
  if (d.preview) return { outputs: finalOutputs(reg, replacementInputs, replacementInputs) };
  if (deleteBeforeReplace) {
    await deleteResource(d, old);
    return create(d, reg, replacementInputs);
  }
  return create(d, reg, replacementInputs, old);
}

/**
 * Paths of the leaves that differ between two values (the engine's detailed input diff), e.g. ["a", "c"] or
 * ["list", 0]; a key present on one side only is a leaf.
 */
function changedPaths(olds: Wire | undefined, news: Wire | undefined, prefix: (string | number)[] = []): (string | number)[][] {
  if (deepEqual(olds, news)) return [];
  if (isObject(olds) && isObject(news)) {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].flatMap((k) => changedPaths(olds[k], news[k], [...prefix, k]));
  }
  if (Array.isArray(olds) && Array.isArray(news)) {
    return Array.from({ length: Math.max(olds.length, news.length) }, (_, i) => changedPaths(olds[i], news[i], [...prefix, i])).flat();
  }
  return prefix.length > 0 ? [prefix] : [];
}

/** A property path as the engine parses it: `a.b`, `a[0]`, `a["x.y"]`, `*` for any element. */
function parsePath(p: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of p.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[\*\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) parts.push(Number(m[1]));
    else if (m[2] !== undefined) parts.push(m[2]);
    else if (m[3] !== undefined) parts.push(m[3]);
    else parts.push("*");
  }
  return parts;
}

/** PropertyPath.Contains: `p` is a prefix of `other`, `*` matching any one element. */
function pathContains(p: readonly (string | number)[], other: readonly (string | number)[]): boolean {
  if (other.length < p.length) return false;
  return p.every((part, i) => part === "*" || part === other[i]);
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
    const res = await d.execute(() => client.create({ ...ref, properties: unwrapMap(inputs), preview: false }));
    if (!res.id) throw new Error("the provider returned an empty id");
    const outputs = finalOutputs(reg, inputs, res.properties);
    await put({ ...stateOf(reg), id: res.id, inputs, outputs });
    return { id: res.id, outputs };
  } catch (e) {
    // Created but not initialized: the resource exists, so it is kept (with what the provider reported).
    if (e instanceof ProviderError && e.initFailure) {
      const outputs = finalOutputs(reg, inputs, e.initFailure.properties);
      await put({ ...stateOf(reg), id: e.initFailure.id, inputs, outputs, initErrors: e.initFailure.reasons });
    }
    throw e;
  }
}

async function update(d: Deployment, reg: Registration, old: ResourceState, inputs: PropertyMap): Promise<StepResult> {
  const client = await d.provider();
  const id = old.id ?? "";
  try {
    const res = await d.execute(() => client.update({
      urn: reg.urn,
      name: reg.name,
      type: reg.type,
      id,
      olds: unwrapMap(old.outputs),
      news: unwrapMap(inputs),
      oldInputs: unwrapMap(old.inputs),
      ignoreChanges: reg.options.ignoreChanges,
      preview: false,
    }));
    const outputs = finalOutputs(reg, inputs, res.properties);
    d.setLive({ ...stateOf(reg), id, inputs, outputs });
    await d.persist();
    return { id, outputs };
  } catch (e) {
    if (e instanceof ProviderError && e.initFailure) {
      const outputs = finalOutputs(reg, inputs, e.initFailure.properties);
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
