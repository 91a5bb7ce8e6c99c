import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The dynamic-provider host loads the compiled package (dist/) by its package name, so every run builds first.
    globalSetup: ["test/global-setup.ts"],
    // The suite-wide secret scanner: after every test, its output, state files, errors and logs are searched for
    // every secret the emulators issued or accepted (issue #8).
    setupFiles: ["test/support/secret-scanner.setup.ts"],
    // forks, not threads: the closure serializer uses the V8 inspector and the engine spawns child processes.
    pool: "forks",
    // Most of a test's time is spent waiting on child processes (the provider host) and loopback HTTP, so two
    // workers keep a 2-core machine busy where vitest's default (cores - 1) would run the files one at a time.
    maxWorkers: 2,
    reporters: ["default", "./test/support/summary-reporter.mts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
