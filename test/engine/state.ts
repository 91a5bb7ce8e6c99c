// The stack's state: one JSON file per stack (<stateDir>/<stack>.json), shaped after Pulumi's checkpoint. In memory
// values are wire form with secrets in clear ({sig, value}); on disk every secret is sealed ({sig, ciphertext}).
// Every save writes a complete snapshot to a temporary file, fsyncs and renames it over the old one, so a crash at
// any point leaves either the previous or the next consistent snapshot.
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { Crypter, type SecretsProviderState } from "./secrets";
import type { PropertyMap } from "./rpc-values";

export interface ResourceOptionsState {
  additionalSecretOutputs: string[];
  replaceOnChanges: string[];
  ignoreChanges: string[];
  /** Only present when the program set it: it then overrides the provider's answer. */
  deleteBeforeReplace?: boolean;
  retainOnDelete: boolean;
  protect: boolean;
}

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  options: ResourceOptionsState;
  /** An old copy replaced create-before-delete, still to be deleted (Pulumi's `delete: true`). */
  delete?: boolean;
  /** Set by an ErrorResourceInitFailed: the next update always updates the resource. */
  initErrors?: string[];
  /** Read (`get`, the `id` option), not managed: never deleted, only dropped from the state (Pulumi's `external`). */
  external?: boolean;
}

interface StateFile {
  version: 1;
  project: string;
  stack: string;
  updatedAt: string;
  secretsProviders: SecretsProviderState;
  resources: ResourceState[];
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

export class StateStore {
  private crypter?: { passphrase: string; salt: string; value: Promise<Crypter> };
  private writes: Promise<void> = Promise.resolve();
  /** The write not started yet, which every save until it starts joins. */
  private next?: { resources: readonly ResourceState[]; written: Promise<void> };

  constructor(
    readonly file: string,
    private readonly passphrase: () => string,
    private readonly names: { project: string; stack: string },
  ) {}

  /** The resources in the file, secrets decrypted; [] when the stack has no state yet. */
  async load(): Promise<ResourceState[]> {
    await this.writes;
    const parsed = await this.readFile();
    if (!parsed) return [];
    const crypter = await this.getCrypter(parsed.secretsProviders);
    return parsed.resources.map((r) => ({
      ...r,
      inputs: crypter.openMap(r.inputs),
      outputs: crypter.openMap(r.outputs),
    }));
  }

  /**
   * Queues a write of this state; resolves once a snapshot that includes it is on disk. Saves made while a write is
   * in progress are coalesced into the next write, which snapshots the latest state handed to `save` at the moment
   * it starts (sealed and serialized synchronously then, so nothing can change in the middle of a snapshot). Each
   * step still waits for its own state to be durable, but a burst of N concurrent steps costs a few complete writes
   * instead of N (each O(state)), as the engine's snapshot manager batches its mutations.
   */
  save(resources: readonly ResourceState[]): Promise<void> {
    if (this.next) {
      this.next.resources = resources;
      return this.next.written;
    }
    const crypterPromise = this.getCrypter();
    const next: { resources: readonly ResourceState[]; written: Promise<void> } = { resources, written: Promise.resolve() };
    this.next = next;
    next.written = this.writes.then(async () => {
      const crypter = await crypterPromise;
      // The snapshot is taken here, synchronously (sealed and serialized in one go, so no copy is needed); saves
      // from now on queue the write after this one.
      if (this.next === next) this.next = undefined;
      const sealed: StateFile = {
        version: 1,
        project: this.names.project,
        stack: this.names.stack,
        updatedAt: new Date().toISOString(),
        secretsProviders: crypter.providerState,
        resources: next.resources.map((r) => ({ ...r, inputs: crypter.sealMap(r.inputs), outputs: crypter.sealMap(r.outputs) })),
      };
      const text = JSON.stringify(sealed, null, 2) + "\n";
      await writeAtomically(this.file, text);
    });
    // Keep the queue alive after a failed write; the callers still see the failure through `written`.
    this.writes = next.written.catch(() => undefined);
    return next.written;
  }

  /** Waits for queued writes. */
  flush(): Promise<void> {
    return this.writes;
  }

  private async readFile(): Promise<StateFile | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    const parsed = JSON.parse(text) as StateFile;
    if (parsed.version !== 1) throw new Error(`${this.file}: unsupported state version ${String(parsed.version)}`);
    return parsed;
  }

  /**
   * The crypter for the recorded provider (or, when there is none yet, a new one with a fresh salt), cached per
   * passphrase and salt so the key is derived once per engine, not once per value or per write.
   */
  private getCrypter(recorded?: SecretsProviderState): Promise<Crypter> {
    const passphrase = this.passphrase();
    const cached = this.crypter;
    if (cached && cached.passphrase === passphrase && (!recorded || cached.salt === recorded.state.salt)) {
      return cached.value;
    }
    const existing = recorded ?? this.readFileSync()?.secretsProviders;
    const salt = existing?.state.salt ?? Crypter.newSalt();
    const value = existing ? Crypter.open(passphrase, existing) : Crypter.create(passphrase, salt);
    this.crypter = { passphrase, salt, value };
    // A rejected derivation (wrong passphrase) must not stay cached.
    value.catch(() => {
      if (this.crypter?.value === value) this.crypter = undefined;
    });
    return value;
  }

  private readFileSync(): StateFile | undefined {
    try {
      return JSON.parse(fsSync.readFileSync(this.file, "utf8")) as StateFile;
    } catch {
      return undefined;
    }
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const handle = await fs.open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}
