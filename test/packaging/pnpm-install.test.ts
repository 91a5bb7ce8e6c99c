// `pnpm install` of the packed tarball into a fresh template app: one SDK, exports, types, a deployment (issue #17).
import { readdirSync } from "node:fs";
import path from "node:path";
import { copyTarball, pnpm, writeTemplateApp } from "./app";
import { describeInstalledApp } from "./installed-app";

describeInstalledApp("pnpm", {
  async install(app, tarball) {
    writeTemplateApp(app, copyTarball(tarball, app));
    // CI=true makes pnpm insist on a lockfile the fresh app cannot have yet.
    await pnpm(["install", "--no-frozen-lockfile"], app);
  },
  async pulumiCopies(app) {
    // pnpm keeps each copy of a package (each version, and each set of peers it was resolved with) as one directory
    // of its virtual store, e.g. node_modules/.pnpm/@pulumi+pulumi@3.276.0.
    return readdirSync(path.join(app, "node_modules", ".pnpm"))
      .filter((entry) => entry.startsWith("@pulumi+pulumi@"))
      .map((entry) => /^@pulumi\+pulumi@([^_(]+)/.exec(entry)![1]!);
  },
});
