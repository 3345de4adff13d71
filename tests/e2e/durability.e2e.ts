// Durability: the production server on its own database file, department users
// filing progress reports over HTTP from eight connections at once, and the server
// killed with SIGKILL in the middle of it (no shutdown code runs, as in a crash or
// the OOM killer) — twice. After each restart on the same file every write the
// server had acknowledged (the redirect after the report) is there, every stored
// report has its audit event (one transaction), the sessions survived (the same
// cookies still work), and the file passes `PRAGMA integrity_check` and
// `foreign_key_check`.
//
// This proves the process-crash case: with WAL and synchronous=FULL (the default,
// docs/decisions/002) a commit is fsynced before the answer leaves, so a power cut
// keeps them too, but a test cannot cut the power.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  checkDatabase,
  fileReports,
  isAcknowledged,
  reportForm,
  reportTargets,
  storedKeys,
  type ReportTarget,
} from "../setup/report-writers";
import { postForm, signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";

const WORKERS = 8;
/** Acknowledged writes to wait for before the kill, so that it lands under load. */
const BEFORE_KILL = 60;

let dir: string;
let databaseFile: string;
let server: ServerProcess | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-durability-"));
  databaseFile = path.join(dir, "app.db");
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("a server killed with SIGKILL under concurrent writes", () => {
  it("keeps every acknowledged write, and the file stays sound", async () => {
    server = await startServer({ databaseFile });
    const targets: ReportTarget[] = reportTargets(databaseFile);
    expect(targets.length, "report targets in the demo").toBeGreaterThanOrEqual(3);
    const cookies = new Map<string, string>();
    for (const login of new Set(targets.map((t) => t.login))) {
      cookies.set(login, await signInOverHttp(server.origin, login, DEMO_PASSWORD));
    }

    const acknowledged: string[] = [];
    for (const round of [1, 2]) {
      let killed = false;
      const run = fileReports({
        servers: [server.origin],
        cookies,
        targets,
        workers: WORKERS,
        keyPrefix: `kill${round}`,
        shouldStop: () => killed,
      });
      await waitFor(
        () => run.tally.acknowledged.length >= BEFORE_KILL || run.tally.refused.length > 0,
        30_000,
        "writes",
      );
      // A little later than a round number of answers, so the kill does not land on a quiet moment.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 50)));
      await server.kill();
      killed = true;
      const tally = await run.done;
      expect(tally.refused, "writes refused by the server before the kill").toEqual([]);
      // The kill landed mid-load: requests were waiting for their answer when the process died.
      expect(tally.unanswered, "requests in flight at the kill").toBeGreaterThan(0);
      acknowledged.push(...tally.acknowledged);

      server = await startServer({ databaseFile });
      const stored = storedKeys(databaseFile, acknowledged);
      expect(
        acknowledged.filter((key) => !stored.has(key)),
        `acknowledged writes lost after kill ${round}`,
      ).toEqual([]);
      const check = checkDatabase(databaseFile, "kill");
      expect(check.integrity).toBe("ok");
      expect(check.foreignKeyProblems).toBe(0);
      expect(check.reportsWithoutAudit, "reports whose audit event is missing").toBe(0);
      // Writes that were in flight may or may not have committed, but nothing beyond what was sent.
      expect(check.reports).toBeGreaterThanOrEqual(acknowledged.length);
      expect(check.reports).toBeLessThanOrEqual(acknowledged.length + round * WORKERS);
    }

    // The restarted server takes writes again, with the sessions from before the kills.
    const target = targets[0]!;
    const response = await postForm(
      server.origin,
      `/tasks/${target.taskId}`,
      cookies.get(target.login)!,
      reportForm(target, "after-restart", 1),
    );
    expect(isAcknowledged(response.status, response.headers.get("Location"), target.taskId)).toBe(true);
    expect(storedKeys(databaseFile, ["after-restart"]).size).toBe(1);
    console.info(`durability: ${acknowledged.length} acknowledged writes kept across 2 kills`);
  }, 120_000);
});
