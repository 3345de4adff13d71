// Starts the app as `npm start` does (build if needed, then the compiled server:
// migrate, demo data) on a throw-away database and a free port, and stops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureServerBuild, SERVER_COMMAND, serverEnvironment } from "../setup/server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseFile: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The file `npm start`'s build check (app/server/build-if-needed.mjs) compares with the sources. */
const SERVER_BUILD = path.resolve("build/server/start.js");
/** Longer than any run: should the teardown never run, later starts rebuild again after this. */
const HOLD_MS = 2 * 60 * 60 * 1000;

/**
 * Keeps the build the suite's server started with for the whole run. Every server a test
 * starts of its own (tests/setup/server-process.ts) runs `npm start`'s "build if the sources
 * are newer"; sources edited while the suite runs would have it rebuild build/ in place,
 * under the server started here, whose pages would then ask for assets that no longer exist
 * (a stylesheet answered with the HTML 404 page). The build is dated ahead while the run
 * lasts, so that no start finds the sources newer; its own date is put back afterwards (a
 * later start then rebuilds if the sources did change).
 */
function holdBuild(): () => void {
  const { atime, mtime } = fs.statSync(SERVER_BUILD);
  const ahead = new Date(Date.now() + HOLD_MS);
  fs.utimesSync(SERVER_BUILD, ahead, ahead);
  return () => {
    // Put back only our own date: a build made meanwhile keeps its own.
    if (fs.existsSync(SERVER_BUILD) && Math.abs(fs.statSync(SERVER_BUILD).mtimeMs - ahead.getTime()) < 1) {
      fs.utimesSync(SERVER_BUILD, atime, mtime);
    }
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-e2e-"));
  const databaseFile = path.join(dir, "e2e.db");
  const port = await freePort();
  ensureServerBuild();
  const server: ChildProcess = spawn(SERVER_COMMAND[0], SERVER_COMMAND[1], {
    env: serverEnvironment({ PORT: String(port), DATABASE_URL: `file:${databaseFile}` }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 170_000);
    const check = setInterval(() => {
      if (output.includes("Listening on")) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    server.once("exit", (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });

  const releaseBuild = holdBuild();
  project.provide("baseUrl", `http://localhost:${port}`);
  project.provide("databaseFile", databaseFile);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    releaseBuild();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
