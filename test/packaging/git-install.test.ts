// `npm install git+file://…` of a clone: npm runs `prepare`, which builds dist/, so a git install works (issue #17).
import { existsSync, mkdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stack";
import { PACKAGE_JSON, RUNTIMES, mustRun, npm, resolvedFrom, scratch, writeTemplateApp } from "./app";

const work = scratch("packaging-git");
const app = path.join(work.dir, "app");
const ours = () => realpathSync(path.join(app, "node_modules", PACKAGE_JSON.name));

beforeAll(async () => {
  // A repository holding this work tree as it is (committed or not, ignored files such as dist/ left out), so the test
  // installs what is being tested rather than the last commit.
  const source = path.join(work.dir, "source.git");
  mkdirSync(source);
  const files = (await mustRun("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], REPO_ROOT)).stdout.split("\0").filter((f) => f && existsSync(path.join(REPO_ROOT, f)));
  await mustRun("git", ["init", "--quiet", "--initial-branch=main", source], work.dir);
  await mustRun("tar", ["-c", "-f", path.join(work.dir, "files.tar"), "-C", REPO_ROOT, ...files], work.dir);
  await mustRun("tar", ["-x", "-f", path.join(work.dir, "files.tar"), "-C", source], work.dir);
  await mustRun("git", ["add", "--all"], source);
  await mustRun("git", ["-c", "user.name=packaging test", "-c", "user.email=packaging@test.invalid", "commit", "--quiet", "-m", "work tree"], source);
  expect(existsSync(path.join(source, "dist"))).toBe(false);
  writeTemplateApp(app, `git+file://${source}`);
  await npm(["install"], app);
}, 10 * 60_000);
afterAll(() => work.remove(), 5 * 60_000); // a node_modules tree takes long to delete on a busy machine

it("builds dist/ through `prepare` and installs it, with the app's @pulumi/pulumi", () => {
  expect(existsSync(path.join(ours(), PACKAGE_JSON.main))).toBe(true);
  expect(existsSync(path.join(ours(), PACKAGE_JSON.types))).toBe(true);
  for (const runtime of RUNTIMES) {
    expect(existsSync(resolvedFrom(app, `${PACKAGE_JSON.name}/runtime/${runtime}`)), runtime).toBe(true);
  }
  expect(resolvedFrom(ours(), "@pulumi/pulumi")).toBe(resolvedFrom(app, "@pulumi/pulumi"));
  // What a git install brings is what `files` says, as for the registry: no sources, tests or workspace leftovers.
  expect(existsSync(path.join(ours(), "provider"))).toBe(false);
  expect(existsSync(path.join(ours(), "test"))).toBe(false);
});

