// `npm install` of the packed tarball into a fresh template app: one SDK, exports, types, a deployment (issue #17).
import { copyTarball, npm, tool, writeTemplateApp } from "./app";
import { describeInstalledApp } from "./installed-app";

describeInstalledApp("npm", {
  async install(app, tarball) {
    writeTemplateApp(app, copyTarball(tarball, app));
    await npm(["install"], app);
  },
  async pulumiCopies(app) {
    // `npm ls` exits non-zero on an invalid tree (an unmet or conflicting peer), which the copies alone would not show.
    const ls = await tool("npm", ["ls", "@pulumi/pulumi", "--all"], app);
    if (ls.code !== 0) throw new Error(`npm ls @pulumi/pulumi failed:\n${ls.stdout}\n${ls.stderr}`);
    const nodes = JSON.parse((await npm(["query", "#@pulumi/pulumi"], app)).stdout) as { location: string; version: string }[];
    return nodes.map((n) => n.version);
  },
});
