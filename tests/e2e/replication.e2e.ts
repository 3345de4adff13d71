// Continuous replication (docs/decisions/022), measured: the server and Litestream
// (`npm run replicate`) run side by side while department users file progress reports;
// both are killed with SIGKILL and the database file is deleted, as when the disk is
// lost; `npm run restore -- --from-replica` brings it back from the replica. The
// acknowledged writes missing from it are counted, and the time they span is the RPO:
// it must stay within the sync interval (and the 0.1 s Litestream takes to read the
// WAL). A point-in-time restore (`--timestamp`) then
// gives the state as of a moment during the stream.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { checkDatabase, fileReports, reportTargets, storedKeys } from "../setup/report-writers";
import { serverEnvironment, signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";

/** Litestream's sync interval in this test: the default of `npm run replicate`. */
const SYNC_INTERVAL_SECONDS = 1;
/**
 * How often Litestream reads the WAL into its shadow copy (MONITOR_INTERVAL). A sync ships
 * the shadow copy as of its last read, so a write can wait this long more to be shipped.
 */
const MONITOR_INTERVAL_SECONDS = 0.1;
const WRITERS = 4;

let dir: string;
let databaseFile: string;
let replica: string;
let server: ServerProcess | null = null;
let litestream: ChildProcess | null = null;
let litestreamOutput = "";

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-replication-"));
  databaseFile = path.join(dir, "data", "app.db");
  replica = path.join(dir, "replica-disk", "app");
});

afterAll(async () => {
  await server?.kill();
  try {
    if (litestream) process.kill(-litestream.pid!, "SIGKILL");
  } catch {
    // already gone (the test killed it)
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function environment(): NodeJS.ProcessEnv {
  return serverEnvironment({ DATABASE_URL: `file:${databaseFile}`, LITESTREAM_REPLICA: replica });
}

/** `npm run replicate`, as its systemd unit runs it (node directly: npm does not pass SIGTERM on). */
function startLitestream(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/replicate.ts"], {
    env: environment(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own group: the kill takes Litestream down with the wrapper
  });
  child.stdout?.on("data", (chunk: Buffer) => (litestreamOutput += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (litestreamOutput += chunk.toString()));
  return child;
}

function restore(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "db/restore.ts", "--from-replica", ...args, "--yes"], {
      env: environment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("Litestream beside the server", () => {
  it("loses no more than the sync interval of acknowledged writes with the disk, and restores to a point in time", async () => {
    server = await startServer({ databaseFile, env: { WEB_WORKERS: "1" } });
    litestream = startLitestream();
    await waitFor(() => litestreamOutput.includes("wal segment written"), "Litestream's first copy");

    const targets = reportTargets(databaseFile);
    const cookies = new Map<string, string>();
    for (const login of new Set(targets.map((t) => t.login))) {
      cookies.set(login, await signInOverHttp(server.origin, login, DEMO_PASSWORD));
    }
    let killed = false;
    const run = fileReports({
      servers: [server.origin],
      cookies,
      targets,
      workers: WRITERS,
      keyPrefix: "rpo",
      shouldStop: () => killed,
    });
    const { tally } = run;
    const started = Date.now();
    // A moment in the middle of the stream, for the point-in-time restore.
    await waitFor(() => Date.now() - started >= 4000 && tally.acknowledged.length >= 100, "writes before the mark");
    const mark = Date.now();
    await waitFor(() => Date.now() - mark >= 4000 && tally.acknowledged.length >= 200, "writes after the mark");
    // A little later than a round number, so the kill does not land on a quiet moment.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1000)));

    // The disk is gone: both processes die at once, and the database with its WAL.
    const killedAt = Date.now();
    process.kill(-litestream.pid!, "SIGKILL");
    await server.kill();
    killed = true;
    await run.done;
    expect(tally.refused, "writes refused before the kill").toEqual([]);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });

    const latest = await restore([]);
    expect(latest.code, latest.output).toBe(0);
    expect(latest.output).toContain("integrity_check ok");
    const stored = storedKeys(databaseFile, tally.acknowledged);
    const lostAt = tally.acknowledged.flatMap((key, i) => (stored.has(key) ? [] : [tally.acknowledgedAt[i]!]));
    const rpoSeconds = lostAt.length === 0 ? 0 : (killedAt - Math.min(...lostAt)) / 1000;
    const check = checkDatabase(databaseFile, "rpo");
    expect(check.integrity).toBe("ok");
    expect(check.foreignKeyProblems).toBe(0);
    expect(check.reportsWithoutAudit).toBe(0);
    const seconds = (killedAt - started) / 1000;
    console.info(
      `RPO: ${lostAt.length} of ${tally.acknowledged.length} acknowledged writes lost ` +
        `(${(tally.acknowledged.length / seconds).toFixed(0)} a second for ${seconds.toFixed(1)} s), ` +
        `spanning ${rpoSeconds.toFixed(2)} s before the kill; Litestream sync interval ${SYNC_INTERVAL_SECONDS} s`,
    );
    expect(rpoSeconds).toBeLessThanOrEqual(SYNC_INTERVAL_SECONDS + MONITOR_INTERVAL_SECONDS);
    // Litestream's checkpoints and the app's writers shared the file without refusing anyone (busy_timeout 5 s).
    expect(`${server.output()}${litestreamOutput}`).not.toMatch(/SQLITE_BUSY|database is locked/i);

    // Point in time: everything acknowledged a sync interval before the mark is there, nothing acknowledged after it.
    const pointInTime = await restore(["--timestamp", new Date(mark).toISOString()]);
    expect(pointInTime.code, pointInTime.output).toBe(0);
    const asOfMark = storedKeys(databaseFile, tally.acknowledged);
    const before = tally.acknowledged.filter((_, i) => tally.acknowledgedAt[i]! < mark - SYNC_INTERVAL_SECONDS * 1000);
    const after = tally.acknowledged.filter((_, i) => tally.acknowledgedAt[i]! > mark);
    expect(before.filter((key) => !asOfMark.has(key))).toEqual([]);
    expect(after.filter((key) => asOfMark.has(key))).toEqual([]);
    expect(asOfMark.size).toBeLessThan(stored.size);
  }, 180_000);
});
