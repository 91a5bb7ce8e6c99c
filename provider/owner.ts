import * as pulumi from "@pulumi/pulumi";

/** The SDK's own record of a resource's type and parent (not public API; checked before use). */
interface ResourceInternals {
  __pulumiType?: unknown;
  __parentResource?: pulumi.Resource;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** `parent$child` type chain of a resource, as in its URN; undefined when the SDK's internals are not there. */
function qualifiedType(resource: pulumi.Resource): string | undefined {
  const r = resource as unknown as ResourceInternals;
  if (typeof r.__pulumiType !== "string") return undefined;
  if (r.__pulumiType === STACK_TYPE) return "";
  const parent = r.__parentResource ? qualifiedType(r.__parentResource) : "";
  if (parent === undefined) return undefined;
  return parent ? `${parent}$${r.__pulumiType}` : r.__pulumiType;
}

/**
 * The URN a resource of this `type` (`elastic:CrossClusterApiKey`) gets, computed in the program from the resource
 * itself, as the engine does. Passed to the provider as the hidden `owner` input, because the dynamic-provider host
 * hands no URN to check or create: it marks the keys of this resource (see createMarked.ts).
 *
 * Computed from the parent chain at construction rather than with `pulumi.createUrn`, which waits for the parent's
 * URN: a component's children would then be registered only once the component is, and never in its constructor.
 */
export function ownerUrn(name: string, type: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  const fullType = `pulumi-nodejs:dynamic/${type}`;
  const parentType = opts?.parent ? qualifiedType(opts.parent) : "";
  if (parentType === undefined) return pulumi.createUrn(name, fullType, opts?.parent);
  const qualified = parentType ? `${parentType}$${fullType}` : fullType;
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}
