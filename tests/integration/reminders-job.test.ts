// The reminders job as it runs for real: `npm run reminders` (the cron entry point,
// a separate process on the database of DATABASE_URL) prints what it did and a
// second run creates nothing; the in-process schedule runs once at start, and
// REMINDERS_JOB=off keeps it from running at all. The run at start is bounded, and
// what it leaves is made by the next runs: none lost, none twice.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { reminders } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { runReminderJob } from "../../app/models/reminders.server";
import { startReminderSchedule } from "../../app/server/reminder-schedule";
import { freshDatabase, freshDatabaseFile } from "../setup/database";

const run = promisify(execFile);
const at = (date: string, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);

describe("npm run reminders", () => {
  it("creates the day's automatic reminders, prints what it did, and creates nothing the second time", async () => {
    const file = freshDatabaseFile();
    const db = openDatabase(file);
    await loadDemoData(db, { now: at("2026-03-16") });
    db.$client.close();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")),
    ) as NodeJS.ProcessEnv;
    const cli = () =>
      run(
        process.execPath,
        ["--import", "tsx", path.resolve("app/server/reminders.ts"), "--now", "2026-03-18T08:00:00+07:00"],
        {
          env: { ...env, DATABASE_URL: `file:${file}`, SMTP_HOST: "" },
        },
      );

    const first = await cli();
    expect(first.stdout).toMatch(/Reminders job \(2026-03-18\): \d+ due-soon and \d+ overdue reminder\(s\) created/);
    const created = /(\d+) due-soon and (\d+) overdue/.exec(first.stdout)!.slice(1).map(Number);
    expect(created[0]! + created[1]!).toBeGreaterThan(0);
    const second = await cli();
    expect(second.stdout).toContain("Reminders job (2026-03-18): 0 due-soon and 0 overdue reminder(s) created");

    const check = openDatabase(file);
    expect(check.select({ n: count() }).from(reminders).get()!.n).toBeGreaterThan(0);
    check.$client.close();

    const bad = await run(
      process.execPath,
      ["--import", "tsx", path.resolve("app/server/reminders.ts"), "--now", "soon"],
      {
        env: { ...env, DATABASE_URL: `file:${file}` },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining("--now needs an ISO date-time") });
  }, 60_000);
});

describe("the schedule in the server process", () => {
  it("runs once at start, logging what it did; REMINDERS_JOB=off runs nothing", async () => {
    const db = freshDatabase();
    await loadDemoData(db);
    const lines: string[] = [];
    const off = await startReminderSchedule(db, { env: { REMINDERS_JOB: "off" }, log: (line) => lines.push(line) });
    off.stop();
    expect(lines).toEqual(["Reminders job: off (REMINDERS_JOB=off)."]);
    expect(db.select({ n: count() }).from(reminders).get()!.n).toBe(5);

    const on = await startReminderSchedule(db, { env: {}, log: (line) => lines.push(line) });
    on.stop();
    expect(lines[1]).toMatch(/^Reminders job \(\d{4}-\d{2}-\d{2}\): \d+ due-soon and \d+ overdue/);
    expect(db.select({ n: count() }).from(reminders).get()!.n).toBeGreaterThan(5);
  });
});

describe("a bounded run (the one before the server listens)", () => {
  const automaticKeys = (db: AppDatabase) =>
    db
      .select({ key: reminders.dedupeKey })
      .from(reminders)
      .where(eq(reminders.kind, "automatic"))
      .all()
      .map((r) => r.key)
      .sort();

  it("creates at most its cap and leaves the rest to the next runs, which make each missing reminder once", async () => {
    const now = at("2026-03-20", "07:00");
    const whole = freshDatabase();
    await loadDemoData(whole, { now: at("2026-03-16") });
    const once = await runReminderJob(whole, now, { deliverEmails: false });
    const expected = once.dueSoon + once.overdue;
    expect(expected).toBeGreaterThan(2);

    const bounded = freshDatabase();
    await loadDemoData(bounded, { now: at("2026-03-16") });
    const runs = [await runReminderJob(bounded, now, { deliverEmails: false, maxReminders: 2 })];
    while (runs.at(-1)!.deferred > 0)
      runs.push(await runReminderJob(bounded, now, { deliverEmails: false, maxReminders: 2 }));
    expect(runs.length).toBeGreaterThanOrEqual(Math.ceil(expected / 2));
    for (const run of runs) expect(run.dueSoon + run.overdue).toBeLessThanOrEqual(2);
    expect(runs[0]).toMatchObject({ deferred: expect.any(Number) });
    expect(runs[0]!.deferred).toBeGreaterThan(0);
    expect(runs.reduce((sum, run) => sum + run.dueSoon + run.overdue, 0)).toBe(expected);
    expect(automaticKeys(bounded)).toEqual(automaticKeys(whole));
  });

  it("at start: stops at the cap and says so; the jobs worker's schedule, forked after it, catches up at once", async () => {
    const db = freshDatabase();
    await loadDemoData(db);
    const lines: string[] = [];
    const env: Record<string, string | undefined> = {};
    const idle = await startReminderSchedule(db, { env, runNow: false, log: (line) => lines.push(line) });
    idle.stop();
    expect(lines).toEqual([]); // without a backlog the jobs worker waits for its interval

    const atStart = await startReminderSchedule(db, {
      env,
      repeat: false,
      maxReminders: 1,
      log: (line) => lines.push(line),
    });
    atStart.stop();
    expect(lines[0]).toMatch(/: 1 due-soon and 0 overdue|: 0 due-soon and 1 overdue/);
    expect(lines[0]).toMatch(/\d+ task\(s\) still due a reminder are left for the next run\.$/);
    const afterStart = automaticKeys(db).length;

    const jobs = await startReminderSchedule(db, { env, runNow: false, log: (line) => lines.push(line) });
    await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 10_000 });
    jobs.stop();
    expect(lines[1]).not.toContain("left for the next run");
    expect(automaticKeys(db).length).toBeGreaterThan(afterStart);
    const check = await runReminderJob(db, Date.now(), { deliverEmails: false });
    expect([check.dueSoon, check.overdue, check.deferred]).toEqual([0, 0, 0]);
  });
});
