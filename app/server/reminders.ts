// `npm run reminders [-- --now <ISO instant>]`: one run of the reminders job for
// cron (automatic reminders of tasks due soon and overdue, escalations, the
// e-mail outbox with retries), on the database of DATABASE_URL. Prints what it
// did; exits non-zero when it fails. Safe to run as often as you like: a second
// run the same day creates nothing new.
import { closeDb, databasePath, getDb } from "../models/db.server";
import { runReminderJob } from "../models/reminders.server";
import { describeJobReport } from "./reminder-schedule";

function nowFromArgs(args: readonly string[]): number {
  const index = args.indexOf("--now");
  if (index === -1) return Date.now();
  const value = args[index + 1] ?? "";
  const at = Date.parse(value);
  if (!Number.isFinite(at))
    throw new Error(`--now needs an ISO date-time, e.g. 2026-03-16T08:00:00+07:00; got "${value}"`);
  return at;
}

async function main(): Promise<void> {
  const now = nowFromArgs(process.argv.slice(2));
  const db = getDb(); // opens and migrates
  console.log(`Database: ${databasePath()}`);
  const report = await runReminderJob(db, now);
  console.log(describeJobReport(report));
  closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  closeDb();
  process.exit(1);
});
