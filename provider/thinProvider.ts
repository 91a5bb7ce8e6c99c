import type * as pulumi from "@pulumi/pulumi";

/**
 * The object handed to `pulumi.dynamic.Resource`. The closure serializer stores it in `__provider` (twice per
 * resource in state) and the host re-creates it from that text, so it holds nothing but the name of the module
 * to load: the implementation, zod and undici are required from the installed package at call time. That keeps
 * `__provider` well under 2 KB, makes `destroy`/`refresh` run the installed code rather than code frozen in state,
 * and means no client, agent or credential can ever be captured.
 *
 * `runtimeModule` must be a `pulumi-elastic-keys/runtime/<resource>` subpath exported as CommonJS whose
 * `module.exports` is the ResourceProvider.
 */
export function thinProvider(runtimeModule: string): pulumi.dynamic.ResourceProvider {
  // One-letter names because the serializer stores them verbatim. `require` returns `any`; each runtime module's
  // `export =` is typed as a ResourceProvider in its own file.
  const m = runtimeModule;
  const l = (): pulumi.dynamic.ResourceProvider => require(m);
  // Terse on purpose: the serializer stores this text (twice per resource) in state.
  return {
    configure: (...a) => l().configure!(...a),
    check: (...a) => l().check!(...a),
    diff: (...a) => l().diff!(...a),
    create: (...a) => l().create(...a),
    read: (...a) => l().read!(...a),
    update: (...a) => l().update!(...a),
    delete: (...a) => l().delete!(...a),
  };
}
