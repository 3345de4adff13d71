// `npm start`'s first step (npm runs `prestart` before `start`): make sure there is a
// build for `node build/server/start.js` to run. Plain JavaScript: it runs before
// anything is compiled.
//
// - demo mode (the quick start): build when the build is missing or older than the
//   sources (FORCE_BUILD=1: always), with the dev tools `npm install` brought;
// - production mode (docs/decisions/020): never build here — the build comes from
//   `npm run build` at deployment (the tree may be read-only, the dev tools pruned);
//   a missing build stops the start with what to do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { appMode } from "../lib/app-mode.mjs";

const ROOT = process.cwd(); // npm runs scripts in the package's folder
const ENTRY = path.join(ROOT, "build/server/start.js");
const REMIX_CLI = path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
const SOURCES = ["app", "db/schema.ts", "public", "vite.config.ts", "package.json", "package-lock.json"];

/** @param {string} entry */
function newestModification(entry) {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((newest, d) => Math.max(newest, fs.statSync(path.join(d.parentPath, d.name)).mtimeMs), 0);
}

/** @returns {number} the exit status */
function main() {
  let mode;
  try {
    mode = appMode();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
  const built = fs.existsSync(ENTRY) ? fs.statSync(ENTRY).mtimeMs : 0;
  if (mode === "production") {
    if (built > 0) return 0;
    console.error(
      "Production mode, and there is no build (build/server/start.js). Production never builds at start:\n" +
        "build first (npm ci && npm run build), then start with `node build/server/start.js` (docs/deployment.md).",
    );
    return 1;
  }
  const stale = built < Math.max(...SOURCES.map(newestModification));
  if (built > 0 && !stale && process.env.FORCE_BUILD !== "1") return 0;
  if (!fs.existsSync(REMIX_CLI)) {
    if (built > 0) return 0; // the dev tools were pruned: serve the build there is
    console.error("There is no build and no build tools: run `npm install`, then `npm start` again.");
    return 1;
  }
  console.log(built === 0 ? "Building the app (first start)…" : "Sources changed since the last build: rebuilding…");
  const result = spawnSync(process.execPath, [REMIX_CLI, "vite:build"], {
    stdio: "inherit",
    // Under Vitest the config would drop the Remix plugin: build as a plain process.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST"))),
      NODE_ENV: "production",
    },
  });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    return 1;
  }
  return 0;
}

process.exit(main());
