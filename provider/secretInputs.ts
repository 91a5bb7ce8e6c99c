import * as pulumi from "@pulumi/pulumi";

/**
 * Credential inputs (`connection`) wrapped as secrets before they reach the engine: Pulumi encrypts a secret input
 * in state and masks it in diffs, while a plain one would be stored in clear.
 */
export function secretIfSet<T>(value: pulumi.Input<T> | undefined): pulumi.Output<pulumi.Unwrap<T>> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}

/** The resource options plus the outputs that carry key material or credentials, stored as secrets. */
export function withSecretOutputs<O extends pulumi.CustomResourceOptions>(opts: O | undefined, secretOutputs: string[]): O {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputs }) as O;
}
