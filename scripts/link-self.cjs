// The dynamic-provider host loads our implementation with require("pulumi-elastic-keys/runtime/<resource>")
// resolved from the program's directory (see ../shared/pulumi-dynamic-notes.md, "thin provider"). Inside this
// repository the package is not installed under its own name, so link node_modules/pulumi-elastic-keys to the
// repository root; installed users get the real package from npm instead.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-elastic-keys");
try {
  if (fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
