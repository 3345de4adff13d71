// The reminders job in the server process (docs/decisions/011): once at start,
// before the server listens, then every hour (REMINDERS_JOB_INTERVAL_MINUTES);
// off with REMINDERS_JOB=off (e.g. when cron runs `npm run reminders` instead).
// A run never overlaps the previous one; a failure is logged and the next run retries.
import type { AppDatabase } from "../lib/db.server";
import { logger } from "../lib/logger.server";
import { runReminderJob, type ReminderJobReport } from "../models/reminders.server";

type Environment = Record<string, string | undefined>;

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
    `${emails.failed} failed, ${emails.skipped} skipped; ${report.occurrences} recurring-duty occurrence(s) created.`
  );
}

function somethingHappened(report: ReminderJobReport): boolean {
  const { emails } = report;
  return (
    report.dueSoon +
      report.overdue +
      report.escalations +
      report.occurrences +
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
      const report = await runReminderJob(db);
      if (first || somethingHappened(report)) log(describeJobReport(report));
    } catch (error) {
      logger.error({ err: error }, "The reminders job failed; it runs again at the next interval.");
    } finally {
      running = false;
    }
  };
  if (options.runNow ?? true) await run(true);
  if (!(options.repeat ?? true)) return { stop() {} };
  const timer = setInterval(() => void run(false), reminderJobIntervalMs(env));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
