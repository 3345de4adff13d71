import { defineConfig } from "vitest/config";

// Browser tests: one production server (built if needed) on a fresh demo database,
// driven by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
