import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The dynamic-provider host loads the compiled package (dist/) by its package name, so every run builds first.
    globalSetup: ["test/global-setup.ts"],
    // forks, not threads: the closure serializer uses the V8 inspector and the engine spawns child processes.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
