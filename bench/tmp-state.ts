import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { StateStore as NewStore } from "../test/engine/state";
import { StateStore as OldStore } from "./tmp-old/state";
import { makeSecret } from "../test/engine/rpc-values";
const provider = readFileSync(path.join(__dirname, "../dist/provider/thinProvider.js"), "utf8").padEnd(2036, " ");
function resource(i: number): any {
  const inputs = { __provider: provider, name: `k${i}`, access: { search: [{ names: [`logs-${i}-*`] }] }, metadata: { bench: "x" } };
  return { urn: `urn:pulumi:s::p::t::k${i}`, type: "t", name: `k${i}`, custom: true, id: `id${i}`, dependencies: [], propertyDependencies: {}, options: { additionalSecretOutputs: ["apiKey", "encoded"], replaceOnChanges: [], ignoreChanges: [], retainOnDelete: false, protect: false },
    inputs, outputs: { ...inputs, keyId: `id${i}`, apiKey: makeSecret(`secret-${i}-xxxxxxxxxxxx`), encoded: makeSecret(`ZW5jb2RlZC0${i}xxxxxxxxxxxxxxxxxxxx`), creation: new Date().toISOString() } };
}
(async () => {
  for (const [label, Store] of [["old", OldStore], ["new", NewStore], ["old", OldStore], ["new", NewStore]] as const) {
    const dir = mkdtempSync(path.join(tmpdir(), "st-"));
    const store = new (Store as any)(path.join(dir, "s.json"), () => "pw", { project: "p", stack: "s" });
    await store.save([]);
    const resources: any[] = [];
    const t0 = performance.now(); const cpu0 = process.cpuUsage();
    // 200 steps completing one after another within a burst, each saving (as steps do) and waiting for durability
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) { resources.push(resource(i)); waits.push(store.save(resources)); if (i % 8 === 7) await new Promise((r) => setTimeout(r, 5)); }
    await Promise.all(waits);
    const cpu = process.cpuUsage(cpu0);
    console.log(label, "200 saves:", Math.round(performance.now() - t0), "ms wall,", Math.round((cpu.user + cpu.system) / 1000), "ms CPU");
  }
})();
