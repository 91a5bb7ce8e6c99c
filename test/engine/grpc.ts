// A typed client for the ResourceProvider gRPC service of the dynamic-provider host, using the SDK's generated
// stubs. Values go in and come out in wire form; callers unwrap secrets before calling (the host does not accept
// them). A create/update that failed after the object came into existence carries ErrorResourceInitFailed in the
// grpc-status-details-bin trailer: it is decoded into ProviderError.initFailure.
import crypto from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as prov from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { fromStruct, toStruct, type PropertyMap } from "./rpc-values";

export interface InitFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

export class ProviderError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly code: grpc.status | undefined,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export interface ResourceRef {
  urn: string;
  name: string;
  type: string;
}

export type DiffChanges = "unknown" | "none" | "some";

export class ProviderClient {
  private readonly client: provrpc.ResourceProviderClient;

  constructor(port: number) {
    this.client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
      "grpc.max_send_message_length": 64 * 1024 * 1024,
    });
  }

  close(): void {
    this.client.close();
  }

  async getPluginInfo(): Promise<string> {
    const res = await this.unary<PluginInfo>("GetPluginInfo", (o, cb) => this.client.getPluginInfo(new Empty(), new grpc.Metadata(), o, cb));
    return res.getVersion();
  }

  /** args: the whole stack config, namespaced keys, secret values wrapped. */
  async configure(args: PropertyMap): Promise<{ acceptSecrets: boolean }> {
    const req = new prov.ConfigureRequest()
      .setArgs(toStruct(args))
      .setAcceptsecrets(true)
      .setAcceptresources(true)
      .setSendsOldInputs(true)
      .setSendsOldInputsToDelete(true);
    const res = await this.unary<prov.ConfigureResponse>("Configure", (o, cb) => this.client.configure(req, new grpc.Metadata(), o, cb));
    return { acceptSecrets: res.getAcceptsecrets() };
  }

  async check(r: ResourceRef & { olds: PropertyMap; news: PropertyMap }): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }> {
    const req = new prov.CheckRequest()
      .setUrn(r.urn)
      .setName(r.name)
      .setType(r.type)
      .setOlds(toStruct(r.olds))
      .setNews(toStruct(r.news))
      .setRandomseed(crypto.randomBytes(32));
    const res = await this.unary<prov.CheckResponse>("Check", (o, cb) => this.client.check(req, new grpc.Metadata(), o, cb));
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    r: ResourceRef & { id: string; olds: PropertyMap; news: PropertyMap; oldInputs: PropertyMap; ignoreChanges: string[] },
  ): Promise<{ changes: DiffChanges; replaces: string[]; deleteBeforeReplace: boolean }> {
    const req = new prov.DiffRequest()
      .setUrn(r.urn)
      .setName(r.name)
      .setType(r.type)
      .setId(r.id)
      .setOlds(toStruct(r.olds))
      .setNews(toStruct(r.news))
      .setOldInputs(toStruct(r.oldInputs))
      .setIgnorechangesList(r.ignoreChanges);
    const res = await this.unary<prov.DiffResponse>("Diff", (o, cb) => this.client.diff(req, new grpc.Metadata(), o, cb));
    const changes = res.getChanges();
    return {
      changes:
        changes === prov.DiffResponse.DiffChanges.DIFF_SOME ? "some" : changes === prov.DiffResponse.DiffChanges.DIFF_NONE ? "none" : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(r: ResourceRef & { properties: PropertyMap; preview: boolean }): Promise<{ id: string; properties: PropertyMap }> {
    const req = new prov.CreateRequest().setUrn(r.urn).setName(r.name).setType(r.type).setProperties(toStruct(r.properties)).setPreview(r.preview);
    const res = await this.unary<prov.CreateResponse>("Create", (o, cb) => this.client.create(req, new grpc.Metadata(), o, cb));
    return { id: res.getId(), properties: fromStruct(res.getProperties()) };
  }

  /** `hasProperties` false: the answer carried no properties at all (the engine's "does not exist" for a read). */
  async read(
    r: ResourceRef & { id: string; properties: PropertyMap; inputs: PropertyMap },
  ): Promise<{ id: string; properties: PropertyMap; inputs?: PropertyMap; hasProperties: boolean }> {
    const req = new prov.ReadRequest()
      .setUrn(r.urn)
      .setName(r.name)
      .setType(r.type)
      .setId(r.id)
      .setProperties(toStruct(r.properties))
      .setInputs(toStruct(r.inputs));
    const res = await this.unary<prov.ReadResponse>("Read", (o, cb) => this.client.read(req, new grpc.Metadata(), o, cb));
    const inputs = res.getInputs();
    return { id: res.getId(), properties: fromStruct(res.getProperties()), inputs: inputs ? fromStruct(inputs) : undefined, hasProperties: res.hasProperties() };
  }

  async update(
    r: ResourceRef & { id: string; olds: PropertyMap; news: PropertyMap; oldInputs: PropertyMap; ignoreChanges: string[]; preview: boolean },
  ): Promise<{ properties: PropertyMap }> {
    const req = new prov.UpdateRequest()
      .setUrn(r.urn)
      .setName(r.name)
      .setType(r.type)
      .setId(r.id)
      .setOlds(toStruct(r.olds))
      .setNews(toStruct(r.news))
      .setOldInputs(toStruct(r.oldInputs))
      .setIgnorechangesList(r.ignoreChanges)
      .setPreview(r.preview);
    const res = await this.unary<prov.UpdateResponse>("Update", (o, cb) => this.client.update(req, new grpc.Metadata(), o, cb));
    return { properties: fromStruct(res.getProperties()) };
  }

  async delete(r: ResourceRef & { id: string; properties: PropertyMap; oldInputs: PropertyMap }): Promise<void> {
    const req = new prov.DeleteRequest()
      .setUrn(r.urn)
      .setName(r.name)
      .setType(r.type)
      .setId(r.id)
      .setProperties(toStruct(r.properties))
      .setOldInputs(toStruct(r.oldInputs));
    await this.unary<Empty>("Delete", (o, cb) => this.client.delete(req, new grpc.Metadata(), o, cb));
  }

  private unary<T>(
    method: string,
    invoke: (options: Partial<grpc.CallOptions>, callback: (err: grpc.ServiceError | null, res: T) => void) => unknown,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      // No deadline: the engine sets none on provider calls (customTimeouts are only forwarded, the host ignores them).
      invoke({}, (err, res) => {
        if (err) reject(toProviderError(method, err));
        else resolve(res);
      });
    });
  }
}

function toProviderError(method: string, err: grpc.ServiceError): ProviderError {
  // The host's message is in `details`; grpc-js prefixes `message` with the status code.
  const message = err.details || err.message;
  return new ProviderError(method, message, err.code, initFailureOf(err));
}

function initFailureOf(err: grpc.ServiceError): InitFailure | undefined {
  for (const raw of err.metadata?.get("grpc-status-details-bin") ?? []) {
    if (typeof raw === "string") continue;
    const status = Status.deserializeBinary(raw);
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failed = prov.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return { id: failed.getId(), properties: fromStruct(failed.getProperties()), reasons: failed.getReasonsList() };
    }
  }
  return undefined;
}
