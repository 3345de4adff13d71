// Two writers on one database file: two production server processes on the same
// SQLite file, department users filing progress reports through both at once while
// others read pages from both, and `npm run backup` (db/backup.ts, the online
// backup API) run again and again meanwhile. Every request must succeed — no user
// ever sees SQLITE_BUSY — and neither server may log it: WAL lets readers and the
// writer proceed together, BEGIN IMMEDIATE makes writers queue on the lock instead
// of failing mid-transaction, and busy_timeout (5 s) is the queue's patience
// (app/models/db.server.ts, docs/decisions/002). Every acknowledged write is stored,
// every backup verifies, and the file passes its integrity check.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { checkDatabase, fileReports, reportTargets, storedKeys } from "../setup/report-writers";
import { signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";

const LOAD_MS = 8_000;
const WRITERS = 8;
const BUSY = /SQLITE_BUSY|database is locked/i;

let dir: string;
let databaseFile: string;
const servers: ServerProcess[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-two-writers-"));
  databaseFile = path.join(dir, "app.db");
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `npm run backup -- <dir>/backups/app-{stamp}.db --keep 3`, as cron would run it; its exit code and output. */
async function backupOnce(): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "db/backup.ts", path.join(dir, "backups", "app-{stamp}.db"), "--keep", "3"],
    {
      env: { ...env, NODE_ENV: "production", DATABASE_URL: `file:${databaseFile}` },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

async function readPages(origin: string, cookie: string, shouldStop: () => boolean): Promise<string[]> {
  const failures: string[] = [];
  for (let n = 0; !shouldStop(); n++) {
    const pathname = ["/", "/tasks", "/tasks?status=overdue", "/directives/1"][n % 4]!;
    const response = await fetch(`${origin}${pathname}`, { headers: { Cookie: cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) failures.push(`GET ${pathname} on ${origin}: ${response.status}`);
  }
  return failures;
}

describe("two server processes and the backup job on one database file", () => {
  it("serve concurrent writes and reads without a single SQLITE_BUSY", async () => {
    servers.push(await startServer({ databaseFile }));
    // The second one finds the file migrated and loaded, and only opens it.
    servers.push(await startServer({ databaseFile }));
    const origins = servers.map((server) => server.origin);
    const targets = reportTargets(databaseFile);
    const cookies = new Map<string, string>();
    for (const login of new Set(targets.map((t) => t.login))) {
      cookies.set(login, await signInOverHttp(origins[0]!, login, DEMO_PASSWORD));
    }
    const reader = await signInOverHttp(origins[1]!, "lanhdao", DEMO_PASSWORD);

    const started = Date.now();
    const stop = () => Date.now() - started > LOAD_MS;
    const writes = fileReports({
      servers: origins,
      cookies,
      targets,
      workers: WRITERS,
      keyPrefix: "two",
      shouldStop: stop,
    });
    const reads = Promise.all(origins.map((origin) => readPages(origin, reader, stop)));
    const backups: { code: number | null; output: string }[] = [];
    while (!stop()) backups.push(await backupOnce());
    const [tally, readFailures] = await Promise.all([writes.done, reads]);

    expect(tally.refused, "writes not acknowledged").toEqual([]);
    expect(tally.unanswered, "writes without an answer").toBe(0);
    expect(readFailures.flat(), "reads that failed").toEqual([]);
    expect(tally.acknowledged.length, "writes acknowledged").toBeGreaterThan(50);
    expect(backups.length, "backups taken during the load").toBeGreaterThan(0);
    for (const backup of backups) {
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toContain("integrity_check ok");
      expect(backup.output).not.toMatch(BUSY);
    }
    for (const server of servers) expect(server.output()).not.toMatch(BUSY);

    const stored = storedKeys(databaseFile, tally.acknowledged);
    expect(
      tally.acknowledged.filter((key) => !stored.has(key)),
      "acknowledged writes lost",
    ).toEqual([]);
    const check = checkDatabase(databaseFile, "two");
    expect(check.integrity).toBe("ok");
    expect(check.foreignKeyProblems).toBe(0);
    expect(check.reportsWithoutAudit).toBe(0);
    expect(check.reports).toBe(tally.acknowledged.length);
    console.info(
      `two writers: ${tally.acknowledged.length} writes through 2 servers, ${backups.length} backups, no SQLITE_BUSY`,
    );
  }, 120_000);
});
