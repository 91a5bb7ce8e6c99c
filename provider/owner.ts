import * as pulumi from "@pulumi/pulumi";

/**
 * The URN a resource of this `type` (`elastic:CrossClusterApiKey`) gets, computed in the program from the resource
 * itself, as the engine does. Passed to the provider as the hidden `owner` input, because the dynamic-provider host
 * hands no URN to check or create: it marks the keys of this resource (see createMarked.ts).
 */
export function ownerUrn(name: string, type: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Output<string> {
  return pulumi.createUrn(name, `pulumi-nodejs:dynamic/${type}`, opts?.parent);
}
