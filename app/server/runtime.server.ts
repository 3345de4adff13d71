// What the HTTP server (app/server/start.ts, compiled on its own to build/server/start.js)
// needs from the app: handed over through the Remix server build (app/entry.server.tsx
// exports `serverRuntime`), so that the app's modules — the database connection, the
// logger, the i18n catalogues — are loaded once per process, from the build, and never a
// second time from a copy bundled into the server entry (docs/decisions/021).
import { appMode, type AppMode } from "../lib/app-mode.mjs";
import { shareApiRateLimit } from "../lib/api-rate-limit.server";
import { closeDb, databasePath, getDb, type AppDatabase } from "../models/db.server";
import { logger, withRequestLogNote } from "../lib/logger.server";
import { backgroundDelivery } from "../models/mailer.server";
import { sweepAttachmentLeftovers } from "../models/attachments.server";
import { ensureSearchIndex } from "../models/search.server";
import { getStatusRules } from "../models/settings.server";
import { ensureTaskStatusFacts } from "../models/status-facts.server";
import { accountsWithPublishedPasswords, activeAdministratorCount } from "../models/production-accounts.server";
import { ensureDemoData, printDemoLogins } from "../../db/seed/setup";
import { limitBodies, readOnlyApi, refuseCrossOrigin } from "./http-guards.server";
import { servePageFromCache } from "./page-cache.server";
import { readiness } from "./readiness.server";
import { REMINDERS_AT_START, reminderJobEnabled, startReminderSchedule } from "./reminder-schedule";

/** The server must not start, for a reason the operator can fix; the exit status tells systemd not to retry. */
export class StartRefusal extends Error {
  /** EX_CONFIG (sysexits.h): the unit's `RestartPreventExitStatus=78` stops the restart loop. */
  readonly exitCode = 78;
}

function refusalForPublishedPasswords(accounts: { login: string; role: string }[]): StartRefusal {
  const list = accounts.map((a) => `${a.login} (${a.role})`).join(", ");
  return new StartRefusal(
    `Production mode: refusing to start. ${accounts.length} active account(s) still take a password printed in ` +
      `the documentation (the demo's or the large data set's): ${list}.\n` +
      `This database holds demo data. For a real deployment, start on a new, empty database and create the ` +
      `first administrator:\n` +
      `  DATABASE_URL=file:/var/lib/directive-tracker/app.db npm run admin:create\n` +
      `To keep this database instead, start it once in demo mode (APP_MODE=demo), sign in as an administrator ` +
      `and give these accounts new passwords or disable them (Quản trị → Người dùng).`,
  );
}

/**
 * The primary's start-up work, before anyone is served: open and migrate the
 * database; in demo mode load the demo into an empty one, in production refuse
 * published passwords and never load anything; the search index and the stored status
 * counts; the first run of the reminders job.
 */
async function prepareDatabase(mode: AppMode): Promise<AppDatabase> {
  const db = getDb(); // opens and migrates
  sweepAttachmentLeftovers(db, { log: (line) => logger.warn(line) });
  if (mode === "demo") {
    await ensureDemoData(db);
  } else {
    const published = await accountsWithPublishedPasswords(db);
    if (published.length > 0) throw refusalForPublishedPasswords(published);
    if (activeAdministratorCount(db) === 0) {
      logger.warn("No active administrator in this database yet: create one with `npm run admin:create`.");
    }
  }
  ensureSearchIndex(db);
  const started = Date.now();
  if (ensureTaskStatusFacts(db, getStatusRules(db)) === "rebuilt") {
    logger.info(`Status counts rebuilt from the task histories in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Automatic reminders, escalations and e-mail retries: now, before anyone is served (a bounded
  // number of reminders; the jobs worker makes the rest at once); then in the jobs worker.
  await startReminderSchedule(db, { repeat: false, maxReminders: REMINDERS_AT_START });
  return db;
}

/** A worker's connection: the primary migrated already. */
function openWorkerDatabase(): AppDatabase {
  return getDb({ migrate: false });
}

export const serverRuntime = {
  appMode,
  logger,
  withRequestLogNote,
  prepareDatabase,
  openWorkerDatabase,
  closeDatabase: closeDb,
  databasePath,
  printDemoLogins,
  reminderJobEnabled,
  startReminderSchedule,
  shareApiRateLimit,
  backgroundDelivery,
  readiness,
  httpGuards: { refuseCrossOrigin, readOnlyApi, limitBodies },
  servePageFromCache,
  StartRefusal,
};

export type ServerRuntime = typeof serverRuntime;
