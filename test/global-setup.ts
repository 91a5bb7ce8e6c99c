import { execFileSync } from "node:child_process";
import path from "node:path";

// Builds dist/ and links the package under its own name, exactly as `npm run build` does, so the real
// dynamic-provider host can require("pulumi-elastic-keys/runtime/...") during the engine tests.
export default function setup(): void {
  // Escape hatch while several people edit sdk/ and provider/ at once; CI never sets it.
  if (process.env.SKIP_BUILD === "1") return;
  const root = path.resolve(__dirname, "..");
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
  execFileSync(process.execPath, ["scripts/link-self.cjs"], { cwd: root, stdio: "inherit" });
}
