// Reading existing resources (`get`, the `id` resource option): the engine's read step (./reads.ts), held against
// pulumi 3.248's GenerateReadSteps / ReadStep / RefreshStep / DeleteStep for external resources. A "source" engine
// manages things; the engine under test reads them by id, as another stack would.
import fs from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe } from "vitest";
import { type Sandbox, test, Thing } from "./testing";

/** Creates things with a managing engine of its own (stack "source"); returns their ids by label. */
async function existing(s: Sandbox, values: Record<string, string>): Promise<Record<string, string>> {
  const source = s.engine(() => {
    for (const [label, value] of Object.entries(values)) new Thing(label, { value, note: `note of ${label}` });
  }, { stack: "source" });
  const up = await source.up();
  if (!up.ok) throw new Error(up.report);
  return Object.fromEntries(Object.entries(s.things()).map(([id, t]) => [t.label as string, id]));
}

const thingFile = (s: Sandbox, id: string) => path.join(s.thingsDir, "things", `${id}.json`);

describe.concurrent("reading existing resources (the id option)", { timeout: 180_000 }, () => {
  test("up reads in preview and update, gives the program the outputs, stores the resource as external", async ({ s, expect }) => {
    const ids = await existing(s, { src: "v1" });
    s.clearOps();
    const engine = s.engine(() => {
      const t = new Thing("ext", { value: "ignored", note: pulumi.secret("program note") }, { id: ids.src, additionalSecretOutputs: ["secretKey"] });
      const note = (t as unknown as { note: pulumi.Output<string> }).note; // an input the fixture's typings leave out
      return { value: t.value, thingId: t.thingId, note, secretKey: t.secretKey };
    }, { skipPreview: false });

    const up = await engine.up();

    expect(up.ok, up.report).toBe(true);
    expect(up.preview?.steps.map((st) => [st.name, st.op])).toEqual([["test-dev", "create"], ["ext", "read"]]);
    expect(up.steps.map((st) => [st.name, st.op])).toEqual([["test-dev", "create"], ["ext", "read"]]);
    // The preview read too: the program saw real outputs there, not unknowns.
    expect(up.preview?.outputs).toMatchObject({ value: "v1", thingId: ids.src });
    // No Check, no Diff, no Create: one Read per pass, with the id and the properties the program sent.
    expect(s.ops().map((o) => `${o.op} ${o.label} ${o.id}`)).toEqual([`read ext ${ids.src}`, `read ext ${ids.src}`]);
    // The provider's answer (the stored thing), secret where the program's input of the same key was, and
    // additionalSecretOutputs.
    expect(up.outputs).toEqual({ value: "v1", thingId: ids.src, note: "[secret]", secretKey: "[secret]" });
    expect(up.report).toMatch(/^ {2}> {2}read +pulumi-nodejs:dynamic\/engine:Thing ext$/m);
    expect(up.report).toContain("Resources: 1 created"); // reads are not counted (the stack is)

    const state = await engine.readState();
    const ext = state.resources.find((r) => r.name === "ext")!;
    expect(ext).toMatchObject({ id: ids.src, external: true, custom: true });
    expect(ext.inputs).toMatchObject({ value: "ignored", note: "program note", label: "ext" });
    expect(ext.outputs).toMatchObject({ value: "v1", note: "note of src", thingId: ids.src });
    expect(ext.secretOutputKeys.sort()).toEqual(["note", "secretKey"]);
    expect(ext.options.additionalSecretOutputs).toEqual(["secretKey"]);

    // Every later up reads again (no same step for a read).
    s.clearOps();
    const again = await engine.up({ skipPreview: true });
    expect(again.steps.find((st) => st.name === "ext")?.op).toBe("read");
    expect(s.ops().map((o) => o.op)).toEqual(["read"]);
  });

  test("a preview writes nothing; an id not known yet is read by nobody and leaves the outputs unknown", async ({ s, expect }) => {
    const ids = await existing(s, { src: "v1" });
    s.clearOps();
    const engine = s.engine(() => {
      const made = new Thing("made", { value: "m" });
      const later = new Thing("later", { value: "x" }, { id: made.thingId });
      return { later: later.value };
    });
    const preview = await engine.preview();
    expect(preview.ok, preview.report).toBe(true);
    expect(preview.steps.map((st) => [st.name, st.op])).toEqual([["test-dev", "create"], ["made", "create"], ["later", "read"]]);
    expect(preview.outputs).toEqual({ later: "[unknown]" });
    expect(s.ops("read")).toEqual([]);
    expect(fs.existsSync(engine.stateFile)).toBe(false);

    const up = await engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.outputs).toEqual({ later: "m" });
    expect(ids.src).toBeDefined();
  });

  test("destroy discards what was read without deleting it; so does removing it from the program", async ({ s, expect }) => {
    const ids = await existing(s, { a: "va", b: "vb" });
    const engine = s.engine(() => {
      new Thing("read-a", { value: "x" }, { id: ids.a });
      new Thing("read-b", { value: "x" }, { id: ids.b });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    engine.options.program = () => {
      new Thing("read-a", { value: "x" }, { id: ids.a });
    };
    const dropped = await engine.up();
    expect(dropped.ok, dropped.report).toBe(true);
    expect(dropped.steps.find((st) => st.name === "read-b")?.op).toBe("discard");
    expect(dropped.report).toMatch(/^ {2}< {2}discard +pulumi-nodejs:dynamic\/engine:Thing read-b$/m);
    expect(dropped.report).toContain("Resources: 1 unchanged"); // the stack: reads and discards are not counted

    const destroyed = await engine.destroy();
    expect(destroyed.ok, destroyed.report).toBe(true);
    expect(destroyed.steps.find((st) => st.name === "read-a")?.op).toBe("discard");
    expect(s.ops("delete")).toEqual([]);
    expect(Object.keys(s.things()).sort()).toEqual([ids.a, ids.b].sort());
    expect((await engine.readState()).resources).toEqual([]);
  });

  test("refresh reads it again and judges drift by the outputs alone, without a Diff", async ({ s, expect }) => {
    const ids = await existing(s, { src: "v1" });
    const engine = s.engine(() => {
      new Thing("ext", { value: "x" }, { id: ids.src });
    });
    expect((await engine.up()).ok).toBe(true);
    s.clearOps();

    const steady = await engine.refresh();
    expect(steady.steps.find((st) => st.name === "ext")?.op).toBe("read");
    expect(s.ops().map((o) => o.op)).toEqual(["read"]); // a Diff would have been logged

    // An output the things provider's diff ignores: for a managed thing that is no drift; for a read one it is.
    const stored = JSON.parse(fs.readFileSync(thingFile(s, ids.src!), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(thingFile(s, ids.src!), JSON.stringify({ ...stored, hostPid: 1, value: "v2" }));
    const drifted = await engine.refresh();
    const step = drifted.steps.find((st) => st.name === "ext");
    expect(step?.op).toBe("refresh-drift");
    expect(step?.diffs).toEqual(expect.arrayContaining([{ property: "value", old: "v1", new: "v2" }]));
    const ext = (await engine.readState()).resources.find((r) => r.name === "ext")!;
    expect(ext).toMatchObject({ external: true, outputs: { value: "v2" } });

    // Gone out of band: dropped, as any resource whose Read finds nothing.
    fs.rmSync(thingFile(s, ids.src!));
    const gone = await engine.refresh();
    expect(gone.steps.find((st) => st.name === "ext")?.op).toBe("refresh-gone");
    expect((await engine.readState()).resources.some((r) => r.name === "ext")).toBe(false);
  });

  test("another id is a new read: nothing is deleted", async ({ s, expect }) => {
    const ids = await existing(s, { a: "va", b: "vb" });
    let id = ids.a!;
    const engine = s.engine(() => {
      const t = new Thing("ext", { value: "x" }, { id });
      return { value: t.value };
    });
    expect((await engine.up()).outputs).toEqual({ value: "va" });
    id = ids.b!;
    const up = await engine.up();
    expect(up.steps.find((st) => st.name === "ext")?.op).toBe("read");
    expect(up.outputs).toEqual({ value: "vb" });
    expect((await engine.readState()).resources.find((r) => r.name === "ext")?.id).toBe(ids.b);
    expect(s.ops("delete")).toEqual([]);
  });

  test("a managed resource read with its own id is relinquished; with another id it is replaced by the read and deleted", async ({ s, expect }) => {
    const ids = await existing(s, { other: "vo" });
    let mode: "managed" | "same" | "other" = "managed";
    let ownId = "";
    const engine = s.engine(() => {
      if (mode === "managed") new Thing("t", { value: "mine" });
      else new Thing("t", { value: "mine" }, { id: mode === "same" ? ownId : ids.other });
    });
    expect((await engine.up()).ok).toBe(true);
    ownId = (await engine.readState()).resources.find((r) => r.name === "t")!.id!;

    mode = "same";
    const relinquished = await engine.up();
    expect(relinquished.steps.find((st) => st.name === "t")?.op).toBe("read");
    expect((await engine.readState()).resources.find((r) => r.name === "t")).toMatchObject({ id: ownId, external: true });
    expect(s.ops("delete")).toEqual([]);
    const destroyed = await engine.destroy();
    expect(destroyed.ok).toBe(true);
    expect(s.ops("delete")).toEqual([]);
    expect(s.things()[ownId]).toBeDefined();

    // Managed again (a new thing), then read with another id: the read takes its place and it is deleted.
    mode = "managed";
    expect((await engine.up()).ok).toBe(true);
    const managedId = (await engine.readState()).resources.find((r) => r.name === "t")!.id!;
    mode = "other";
    s.clearOps();
    const replaced = await engine.up();
    expect(replaced.ok, replaced.report).toBe(true);
    expect(replaced.steps.filter((st) => st.name === "t").map((st) => st.op)).toEqual(["read-replacement"]);
    expect(s.ops("delete").map((o) => o.id)).toEqual([managedId]);
    const state = await engine.readState();
    expect(state.resources.filter((r) => r.name === "t").map((r) => [r.id, r.external])).toEqual([[ids.other, true]]);
  });

  test("taking over what was read creates a new resource in its place; the read one is discarded, not deleted", async ({ s, expect }) => {
    const ids = await existing(s, { src: "v1" });
    let read = true;
    const engine = s.engine(() => {
      if (read) new Thing("t", { value: "x" }, { id: ids.src });
      else new Thing("t", { value: "mine" });
    });
    expect((await engine.up()).ok).toBe(true);
    read = false;
    s.clearOps();
    const up = await engine.up();
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((st) => st.name === "t")).toMatchObject({ op: "replace", replaceReasons: [] });
    expect(s.ops().map((o) => o.op)).toEqual(["check", "create"]); // olds {}: no Diff against what was read
    expect(s.ops("delete")).toEqual([]);
    expect(s.things()[ids.src!]).toBeDefined();
    const t = (await engine.readState()).resources.filter((r) => r.name === "t");
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ external: false, pendingDelete: false });
  });

  test("an id the provider does not find: the dynamic host still answers with properties, so the read succeeds empty", async ({ s, expect }) => {
    const engine = s.engine(() => {
      const t = new Thing("ghost", { value: "x" }, { id: "no-such-thing" });
      return { value: t.value, thingId: t.thingId };
    });
    const up = await engine.up();
    // The real engine fails a read only when the answer has no properties at all; the host always adds __provider.
    expect(up.ok, up.report).toBe(true);
    expect(up.steps.find((st) => st.name === "ghost")?.op).toBe("read");
    const ghost = (await engine.readState()).resources.find((r) => r.name === "ghost")!;
    expect(ghost.id).toBe("no-such-thing");
    expect(Object.keys(ghost.outputs)).toEqual(["__provider"]);
    // The program got no outputs: in an update the SDK falls back to its own inputs.
    expect(up.outputs).toEqual({ value: "x" });
  });

  test("an empty id and a duplicate name are refused as the engine refuses them", async ({ s, expect }) => {
    const empty = s.engine(() => {
      new Thing("blank", { value: "x" }, { id: pulumi.output("") });
    });
    const refused = await empty.up();
    expect(refused.ok).toBe(false);
    expect(refused.errors.map((e) => e.message)).toContain("Expected an ID for urn:pulumi:dev::test::pulumi-nodejs:dynamic/engine:Thing::blank");

    const ids = await existing(s, { src: "v1" });
    const twice = s.engine(() => {
      new Thing("dup", { value: "x" });
      new Thing("dup", { value: "x" }, { id: ids.src });
    }, { stack: "twice" });
    const dup = await twice.up();
    expect(dup.ok).toBe(false);
    expect(dup.errors.map((e) => e.message).join("\n")).toContain("duplicate resource URN");
  });
});
