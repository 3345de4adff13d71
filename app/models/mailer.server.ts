// E-mail for notifications (docs/decisions/011): the `notifications` table is the
// outbox. A notification for a user with an e-mail address is queued
// (`email_state = 'pending'`) in the same transaction as the event when SMTP is
// configured, and `skipped` when it is not (NULL: the user has no address). The
// mailer sends queued mail outside any request transaction: right after the
// write that queued it commits (`deliverSoon`), and again from the scheduled
// job, which also retries failed sends. A row is claimed in an IMMEDIATE
// transaction before it is sent (attempts + 1, `emailed_at` = the attempt), so
// two mailers (the server and `npm run reminders`) never send the same row; a
// send that fails stays `pending` for a retry after EMAIL_RETRY_AFTER_MS, and is
// `failed` after MAX_EMAIL_ATTEMPTS. Sent: `sent`, `emailed_at` = when.
//
// This module is the outbox's rows (claiming, marking, the background pass); the SMTP
// settings, the connection and the text of a message are app/lib/email.server.ts.
import { and, eq, inArray, sql } from "drizzle-orm";
import { notifications } from "../../db/schema";
import { canSeeTask, type Actor } from "../domain/permissions";
import { LOCALES, NOTIFICATION_KINDS, ROLES, type Role } from "../domain/vocabulary";
import {
  appUrl,
  renderEmail,
  smtpSettings,
  smtpTransport,
  type EmailFacts,
  type SmtpSettings,
} from "../lib/email.server";
import { DEFAULT_LOCALE, translator, type Locale } from "../lib/i18n";
import { logger } from "../lib/logger.server";
import { writeTransaction, type AppDatabase } from "./db.server";
import { allRows } from "./sql-rows.server";
import { taskAccessFacts } from "./visibility.server";

export const MAX_EMAIL_ATTEMPTS = 5;
/** A failed (or interrupted) send is tried again this long after its last attempt, by the scheduled job. */
export const EMAIL_RETRY_AFTER_MS = 15 * 60_000;
const BATCH = 50;

/** The outbox state a new notification gets: NULL without an address, `skipped` without SMTP. */
export function initialEmailState(email: string | null): "pending" | "skipped" | null {
  if (!email?.trim()) return null;
  return smtpSettings() === null ? "skipped" : "pending";
}

// ---------------------------------------------------------------- sending

interface Claimed extends EmailFacts {
  id: number;
  attempts: number;
  email: string | null;
  active: boolean;
  userId: number;
  role: Role;
  departmentId: number | null;
  /** The language the recipient last chose in the app. */
  locale: Locale | null;
}

/** Takes up to BATCH rows to send now (counting the attempt), so no other mailer takes them. */
function claim(db: AppDatabase, now: number, retries: boolean): Claimed[] {
  return writeTransaction(db, (tx) => {
    const due = retries
      ? sql`(n.email_attempts = 0 OR n.emailed_at IS NULL OR n.emailed_at <= ${now - EMAIL_RETRY_AFTER_MS})`
      : sql`n.email_attempts = 0`;
    const ids = allRows(
      tx,
      { id: "integer" },
      sql`SELECT n.id FROM notifications n WHERE n.email_state = 'pending' AND ${due} ORDER BY n.id LIMIT ${BATCH}`,
    ).map((r) => r.id);
    if (ids.length === 0) return [];
    tx.update(notifications)
      .set({ emailAttempts: sql`${notifications.emailAttempts} + 1`, emailedAt: now })
      .where(inArray(notifications.id, ids))
      .run();
    return allRows(
      tx,
      {
        id: "integer",
        attempts: "integer",
        kind: NOTIFICATION_KINDS,
        params: "text",
        taskId: "integer?",
        userId: "integer",
        email: "text?",
        active: "boolean",
        role: ROLES,
        departmentId: "integer?",
        recipientName: "text",
        locale: [...LOCALES, null],
        taskLabel: "text?",
        confidential: "boolean",
        actorName: "text?",
      },
      sql`
        SELECT n.id, n.email_attempts AS attempts, n.kind, n.params, n.task_id AS taskId,
          u.id AS userId, u.email, u.active, u.role, u.department_id AS departmentId, u.display_name AS recipientName,
          u.locale,
          t.item_number || '. ' || t.title AS taskLabel,
          coalesce(d.confidential, 0) AS confidential, -- a notification of no task names nothing to hide
          a.display_name AS actorName
        FROM notifications n
        JOIN users u ON u.id = n.user_id
        LEFT JOIN tasks t ON t.id = n.task_id
        LEFT JOIN directives d ON d.id = t.directive_id
        LEFT JOIN users a ON a.id = n.actor_id
        WHERE n.id IN (${sql.join(ids, sql`, `)})
        ORDER BY n.id`,
    );
  });
}

function canStillRead(db: AppDatabase, row: Claimed): boolean {
  if (row.taskId === null) return true;
  const facts = taskAccessFacts(db, row.taskId);
  const actor: Actor = { id: row.userId, role: row.role, departmentId: row.departmentId };
  return facts !== null && canSeeTask(actor, facts);
}

function mark(db: AppDatabase, id: number, values: Partial<typeof notifications.$inferInsert>): void {
  writeTransaction(db, (tx) => {
    tx.update(notifications)
      .set(values)
      .where(and(eq(notifications.id, id), eq(notifications.emailState, "pending")))
      .run();
  });
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time; tried again later. */
  retrying: number;
  /** Failed for the last allowed time. */
  failed: number;
  /** No longer deliverable: the address was removed, the account disabled, or the task is no longer visible. */
  skipped: number;
}

/**
 * Sends queued notification e-mails (new ones; with `retries`, also those whose
 * last attempt failed long enough ago). Does nothing when SMTP is not configured.
 */
export async function deliverPendingEmails(
  db: AppDatabase,
  options: { retries?: boolean; now?: () => number; settings?: SmtpSettings | null; base?: string } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const settings = options.settings === undefined ? smtpSettings() : options.settings;
  if (settings === null) return report;
  const now = options.now ?? Date.now;
  const transport = smtpTransport(settings);
  try {
    for (;;) {
      const batch = claim(db, now(), options.retries ?? false);
      if (batch.length === 0) break;
      for (const row of batch) {
        if (!row.email?.trim() || !row.active || !canStillRead(db, row)) {
          mark(db, row.id, { emailState: "skipped" });
          report.skipped += 1;
          continue;
        }
        const { subject, text } = renderEmail(row, options.base ?? appUrl(), translator(row.locale ?? DEFAULT_LOCALE));
        try {
          await transport.sendMail({
            from: settings.from,
            to: { name: row.recipientName, address: row.email },
            subject,
            text,
          });
          mark(db, row.id, { emailState: "sent", emailedAt: now(), emailError: null });
          report.sent += 1;
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
          const gaveUp = row.attempts >= MAX_EMAIL_ATTEMPTS;
          mark(db, row.id, { emailState: gaveUp ? "failed" : "pending", emailError: message });
          if (gaveUp) report.failed += 1;
          else report.retrying += 1;
        }
      }
      // A retry pass takes each row once: rows that failed just now wait for the next run.
      if (batch.length < BATCH) break;
    }
  } finally {
    transport.close();
  }
  return report;
}

// One delivery at a time per process; a request that queues mail meanwhile asks for one more pass.
const state = globalThis as unknown as {
  __mailer?: { running: Promise<void> | null; again: boolean; held: number };
};
const mailerState = () => (state.__mailer ??= { running: null, again: false, held: 0 });

/**
 * After a write that queued e-mail has committed (`writeTransaction` calls it through
 * `afterCommit`, app/models/notifications.server.ts): send it in the background,
 * outside the request (the answer does not wait for the mail server). Not while
 * delivery is held (`withDeliveryHeld`).
 */
export function deliverSoon(db: AppDatabase): void {
  if (smtpSettings() === null) return;
  const mailer = mailerState();
  if (mailer.held > 0) return;
  if (mailer.running) {
    mailer.again = true;
    return;
  }
  mailer.running = new Promise<void>((resolve) => setImmediate(resolve))
    .then(async () => {
      do {
        mailer.again = false;
        await deliverPendingEmails(db);
      } while (mailer.again);
    })
    .catch((error: unknown) => logger.warn({ err: error }, "E-mail delivery failed; the scheduled job will retry"))
    .finally(() => {
      mailer.running = null;
    });
}

/**
 * Runs `work` with background delivery held: its writes queue e-mail without starting a
 * delivery, because the caller delivers the outbox itself, under its own clock (the
 * reminders job, which would otherwise race a delivery its own writes started).
 */
export async function withDeliveryHeld<T>(work: () => Promise<T>): Promise<T> {
  const mailer = mailerState();
  mailer.held += 1;
  try {
    return await work();
  } finally {
    mailer.held -= 1;
  }
}

/** For tests and shutdown: resolves when the background delivery (if any) has finished. */
export async function backgroundDelivery(): Promise<void> {
  await state.__mailer?.running;
}
