// E-mail without a use case: the SMTP settings from the environment, a connection
// to that server, and a notification's subject and body in the recipient's
// language. What is sent, when, and to whom is the outbox's
// (app/models/mailer.server.ts, docs/decisions/011).
import nodemailer from "nodemailer";
import type { NotificationKind } from "../domain/vocabulary";
import { DEFAULT_LOCALE, translator, type Translate } from "./i18n";
import { notificationDetail, notificationHeadline, parseNotificationParams } from "./notification-text";

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

/** SMTP from the environment; null (no e-mail) unless SMTP_HOST is set. */
export function smtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const host = env.SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(env.SMTP_PORT ?? "") || 587;
  const secureFlag = env.SMTP_SECURE?.trim().toLowerCase();
  const secure =
    secureFlag === undefined || secureFlag === "" ? port === 465 : ["1", "true", "yes"].includes(secureFlag);
  const user = env.SMTP_USER?.trim() || null;
  return {
    host,
    port,
    secure,
    user,
    password: env.SMTP_PASSWORD ?? null,
    from: env.SMTP_FROM?.trim() || (user?.includes("@") ? user : `no-reply@${host}`),
  };
}

/** A connection to the SMTP server of `settings` (close it when done). */
export function smtpTransport(settings: SmtpSettings) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** Absolute links in e-mails: APP_URL, else this server on localhost. */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.APP_URL?.trim().replace(/\/+$/, "");
  return configured || `http://localhost:${env.PORT ?? 3000}`;
}

// ---------------------------------------------------------------- rendering

export interface EmailFacts {
  recipientName: string;
  kind: NotificationKind;
  params: string;
  taskId: number | null;
  taskLabel: string | null;
  /** A confidential directive's task is named only on the site, never in a mailbox. */
  confidential: boolean;
  actorName: string | null;
}

/** Subject and plain-text body, in the language of `t` (the recipient's, Vietnamese by default). */
export function renderEmail(facts: EmailFacts, base: string = appUrl(), t: Translate = translator(DEFAULT_LOCALE)) {
  const params = parseNotificationParams(facts.params);
  const headline = notificationHeadline(t, facts.kind, params);
  const detail = notificationDetail(t, facts.kind, params);
  const lines = [t("email.greeting", { name: facts.recipientName }), "", headline];
  if (facts.taskId !== null) {
    lines.push(
      facts.confidential || facts.taskLabel === null
        ? t("email.taskConfidential")
        : t("email.task", { task: facts.taskLabel }),
    );
  }
  if (detail && !facts.confidential) lines.push(detail);
  if (facts.actorName) lines.push(t("email.actor", { name: facts.actorName }));
  lines.push("");
  if (facts.taskId !== null) lines.push(t("email.openTask", { url: `${base}/tasks/${facts.taskId}` }));
  lines.push(t("email.openNotifications", { url: `${base}/notifications` }), "", "-- ", t("email.footer"));
  return { subject: t("email.subject", { headline }), text: `${lines.join("\n")}\n` };
}
