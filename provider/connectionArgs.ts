import type * as pulumi from "@pulumi/pulumi";

/**
 * Per-resource connection settings. Each field overrides the stack config (`elastic:*`) and the environment
 * (`ELASTICSEARCH_*`, `EC_*`) for this resource only. A credential set here (`username`+`password`, `bearerToken`
 * or `apiKey`) replaces the stack's as a whole, and so do `caCert`/`insecure` for TLS. `endpoints` naming a cluster
 * the stack does not name needs a credential here: the stack's is never sent there (likewise `cloudEndpoint` and
 * `cloudApiKey`). Passed as a secret, so it is encrypted in state. Changing it
 * updates only what the provider stores (a change of `endpoints` on a key replaces it); the next operation uses the
 * new settings.
 */
export interface ConnectionArgs {
  /** Elasticsearch URLs with scheme; the first reachable one is used. */
  endpoints?: pulumi.Input<pulumi.Input<string>[]>;
  /** Basic-auth user (with `password`); the preferred Elasticsearch credential when several are set. */
  username?: pulumi.Input<string>;
  /** Basic-auth password (with `username`). */
  password?: pulumi.Input<string>;
  /** An Elasticsearch API key (`encoded` form); used when neither basic auth nor a bearer token is set. Not accepted by Elasticsearch for cross-cluster API key calls. */
  apiKey?: pulumi.Input<string>;
  /** A bearer token; used when no basic auth is set. */
  bearerToken?: pulumi.Input<string>;
  /** PEM text or the path of a PEM file with the CA that signed the cluster's certificate. */
  caCert?: pulumi.Input<string>;
  /** Skip TLS verification (self-signed development clusters only). Default: false. */
  insecure?: pulumi.Input<boolean>;
  /** Elastic Cloud API base URL. Default: https://api.elastic-cloud.com */
  cloudEndpoint?: pulumi.Input<string>;
  /** Elastic Cloud API key (for `CloudConnectedClusterApiKey`). */
  cloudApiKey?: pulumi.Input<string>;
}
