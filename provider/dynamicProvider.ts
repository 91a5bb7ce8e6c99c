import type * as pulumi from "@pulumi/pulumi";
import { type CheckFailure, withoutSecretEcho } from "./checkFailures";
import { now } from "./clock";
import { rememberStackConfig } from "./credentials";

type Inputs = Record<string, unknown>;

/** What each resource implements; the wiring every resource shares is added by {@link dynamicProvider}. */
export interface ResourceImplementation<Outputs> {
  /** CheckFailures for the new inputs. Must send no request. */
  check(news: Inputs): CheckFailure[];
  /** The replace/update rules; `nowMs` is the provider's clock, for time-based rotation and expiry. */
  diff(olds: Outputs, news: Inputs, nowMs: number): pulumi.dynamic.DiffResult;
  create(news: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>>;
  update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  delete(id: string, props: Outputs): Promise<void>;
}

/**
 * The ResourceProvider a `runtime.ts` module exports for the host: stack config remembered in `configure`, check
 * returning the inputs unchanged with their failures, and the clock read once per diff.
 */
export function dynamicProvider<Outputs>(impl: ResourceImplementation<Outputs>): pulumi.dynamic.ResourceProvider<Inputs, Outputs> {
  return {
    async configure(req) {
      rememberStackConfig(req.config);
    },
    async check(_olds, news) {
      return { inputs: news, failures: withoutSecretEcho(impl.check(news)) };
    },
    async diff(_id, olds, news) {
      return impl.diff(olds, news, now());
    },
    create: (news) => impl.create(news),
    read: (id, props) => impl.read(id, props as Outputs),
    update: (id, olds, news) => impl.update(id, olds, news),
    delete: (id, props) => impl.delete(id, props),
  };
}
