// The reminders job as it runs for real: `npm run reminders` (the cron entry point,
// a separate process on the database of DATABASE_URL) prints what it did and a
// second run creates nothing; the in-process schedule runs once at start, and
// REMINDERS_JOB=off keeps it from running at all.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reminders } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { openDatabase } from "../../app/lib/db.server";
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
