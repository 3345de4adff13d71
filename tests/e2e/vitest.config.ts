import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Browser tests: one production server (built if needed) on a fresh demo database,
// driven by Debian's Chromium through playwright-core. The tests import app modules
// (models, to set up data) that use the `~/` paths of tsconfig.json.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    // A ceiling, not a wait: every step waits on a condition. CI shares two cores with other
    // work, where a journey that takes 20 s alone has taken over 60 s.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
