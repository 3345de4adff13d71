// The reminders job in the server process (docs/decisions/011): once at start,
// before the server listens, then every hour (REMINDERS_JOB_INTERVAL_MINUTES);
// off with REMINDERS_JOB=off (e.g. when cron runs `npm run reminders` instead).
// A run never overlaps the previous one; a failure is logged and the next run retries.
//
// The run at start is bounded: the first start on a database with many overdue tasks and
// no reminders yet (a generated one, or after months without the job) would otherwise
// create them all before the server listens — 18,887 at a million tasks. It creates at
// most REMINDERS_AT_START and leaves the rest to the jobs worker, which then runs at once
// instead of an hour later, in small transactions beside the serving web workers.
import type { AppDatabase } from "../models/db.server";
import { logger } from "../lib/logger.server";
import { runReminderJob, type ReminderJobReport } from "../models/reminders.server";

type Environment = Record<string, string | undefined>;

/** The most automatic reminders the run before the server listens creates (a few hundred ms at 1M tasks). */
export const REMINDERS_AT_START = 500;

/**
 * Set in the primary's environment by a start-up run that left reminders for later: the
 * jobs worker is forked with that environment, and its schedule then runs at once.
 */
const CATCH_UP = "REMINDERS_CATCH_UP";

export function reminderJobEnabled(env: Environment = process.env): boolean {
  return (env.REMINDERS_JOB ?? "").trim().toLowerCase() !== "off";
}

export function reminderJobIntervalMs(env: Environment = process.env): number {
  const minutes = Number(env.REMINDERS_JOB_INTERVAL_MINUTES ?? "");
  return (Number.isFinite(minutes) && minutes >= 1 ? minutes : 60) * 60_000;
}

/** One line: what a run did. */
export function describeJobReport(report: ReminderJobReport): string {
  const { emails } = report;
  return (
    `Reminders job (${report.day}): ${report.dueSoon} due-soon and ${report.overdue} overdue reminder(s) created, ` +
    `${report.escalations} escalation(s); e-mail: ${emails.sent} sent, ${emails.retrying} to retry, ` +
    `${emails.failed} failed, ${emails.skipped} skipped; ${report.occurrences} recurring-duty occurrence(s) created.` +
    (report.deferred > 0 ? ` ${report.deferred} task(s) still due a reminder are left for the next run.` : "")
  );
}

function somethingHappened(report: ReminderJobReport): boolean {
  const { emails } = report;
  return (
    report.dueSoon +
      report.overdue +
      report.escalations +
      report.occurrences +
      report.deferred +
      emails.sent +
      emails.retrying +
      emails.failed >
    0
  );
}

export interface ReminderSchedule {
  stop(): void;
}

/** Runs the job now (awaited, so a fresh server starts from a known state), then on a timer — or one of the two. */
export async function startReminderSchedule(
  db: AppDatabase,
  options: {
    env?: Environment;
    log?: (line: string) => void;
    /** Run once now (awaited); default true. */
    runNow?: boolean;
    /** Then every interval; default true. */
    repeat?: boolean;
    /** At most this many automatic reminders per run (the run at start: REMINDERS_AT_START); default no cap. */
    maxReminders?: number;
  } = {},
): Promise<ReminderSchedule> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => logger.info(line));
  if (!reminderJobEnabled(env)) {
    log("Reminders job: off (REMINDERS_JOB=off).");
    return { stop() {} };
  }
  let running = false;
  const run = async (first: boolean) => {
    if (running) return;
    running = true;
    try {
      const report = await runReminderJob(db, Date.now(), { maxReminders: options.maxReminders });
      if (first || somethingHappened(report)) log(describeJobReport(report));
      if (report.deferred > 0) env[CATCH_UP] = "1";
    } catch (error) {
      logger.error({ err: error }, "The reminders job failed; it runs again at the next interval.");
    } finally {
      running = false;
    }
  };
  if (options.runNow ?? true) await run(true);
  // A worker forked after a bounded start-up run catches up now rather than at the next interval, in the
  // background: the worker is up (and can be stopped) meanwhile.
  else if (env[CATCH_UP] === "1") void run(true);
  if (!(options.repeat ?? true)) return { stop() {} };
  const timer = setInterval(() => void run(false), reminderJobIntervalMs(env));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
