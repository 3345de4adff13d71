// `npm start`: build if the build is missing or older than the sources, migrate,
// load the demo data into an empty database, print the demo logins, serve.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { databasePath, getDb, closeDb } from "../lib/db.server";
import { ensureDemoData, printDemoLogins } from "../../db/seed/setup";

const ROOT = process.cwd();
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
const SOURCES = ["app", "db/schema.ts", "public", "vite.config.ts", "package.json", "package-lock.json"];

function newestModification(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((newest, d) => Math.max(newest, fs.statSync(path.join(d.parentPath, d.name)).mtimeMs), 0);
}

function buildIfNeeded(): void {
  const built = fs.existsSync(SERVER_BUILD) ? fs.statSync(SERVER_BUILD).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestModification));
  if (built >= sources && process.env.FORCE_BUILD !== "1") return;
  console.log(built === 0 ? "Building the app (first start)…" : "Sources changed since the last build: rebuilding…");
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    {
      stdio: "inherit",
      // Under Vitest (browser tests) the config would drop the Remix plugin: build as a plain process.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST"))),
        NODE_ENV: "production",
      },
    },
  );
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(1);
  }
}

async function main(): Promise<void> {
  process.env.NODE_ENV ??= "production";
  buildIfNeeded();

  const db = getDb(); // opens and migrates
  await ensureDemoData(db);

  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    console.log(`\nDatabase: ${databasePath()}`);
    void printDemoLogins(db).then(() => console.log(`\nListening on http://localhost:${port}`));
  });

  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    server.close(() => {
      closeDb();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
