// What a notification says, rendered when it is read (on /notifications, in the
// reader's language) or mailed (in the recipient's): from its kind and the few
// facts stored with it (`params`), so one row serves every language. Client-safe.
import { formatInstant, formatLocalDate, isLocalDate } from "~/domain/dates";
import { AUTOMATIC_REMINDER_RULES, type AutomaticReminderRule } from "~/domain/reminders";
import { SIGN_IN_LOCK_SCOPES, type SignInLockScope } from "~/domain/sign-in-locks";
import type { NotificationKind } from "~/domain/vocabulary";
import type { Translate } from "~/lib/i18n";

/** The facts stored with a notification (JSON); each kind uses some of them. */
export interface NotificationParams {
  /** The reminder's number (1st, 2nd…) for reminders and escalations. */
  ordinal?: number;
  /** For automatic reminders: the rule that sent it. */
  rule?: AutomaticReminderRule | null;
  /** The department concerned (its name at the time). */
  department?: string;
  /** A day: the proposed or decided due date, the completion date, the due date reminded of. */
  date?: string | null;
  /** An extension decision. */
  outcome?: "approved" | "rejected" | "countered";
  /** Free text: the reminder's message, the reason of a return, an instruction (shortened). */
  text?: string | null;
  /** A returned completion: the percent that stands after it. */
  percent?: number;
  /** For a task given to a department: as its lead or as a coordinator. */
  role?: "lead" | "coordinator";
  /** A sign-in lock: which one, on which account (as typed) and address, after how many wrong passwords, until when. */
  lock?: SignInLockScope;
  login?: string;
  address?: string;
  count?: number;
  until?: number;
}

/** Longest free text kept with a notification (the task page has the whole of it). */
export const NOTIFICATION_TEXT_LIMIT = 300;

export function shortened(text: string | null | undefined): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= NOTIFICATION_TEXT_LIMIT ? flat : `${flat.slice(0, NOTIFICATION_TEXT_LIMIT - 1)}…`;
}

/** Reads stored params defensively: a row written by an older version still renders. */
export function parseNotificationParams(json: string): NotificationParams {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    const raw = value as Record<string, unknown>;
    const params: NotificationParams = {};
    if (typeof raw.ordinal === "number") params.ordinal = raw.ordinal;
    if (typeof raw.rule === "string" && (AUTOMATIC_REMINDER_RULES as readonly string[]).includes(raw.rule)) {
      params.rule = raw.rule as AutomaticReminderRule;
    }
    if (typeof raw.department === "string") params.department = raw.department;
    if (typeof raw.date === "string") params.date = raw.date;
    if (raw.outcome === "approved" || raw.outcome === "rejected" || raw.outcome === "countered") {
      params.outcome = raw.outcome;
    }
    if (typeof raw.text === "string") params.text = raw.text;
    if (typeof raw.percent === "number") params.percent = raw.percent;
    if (raw.role === "lead" || raw.role === "coordinator") params.role = raw.role;
    if ((SIGN_IN_LOCK_SCOPES as readonly unknown[]).includes(raw.lock)) params.lock = raw.lock as SignInLockScope;
    if (typeof raw.login === "string") params.login = raw.login;
    if (typeof raw.address === "string") params.address = raw.address;
    if (typeof raw.count === "number") params.count = raw.count;
    if (typeof raw.until === "number") params.until = raw.until;
    return params;
  } catch {
    return {};
  }
}

function day(date: string | null | undefined): string {
  return date && isLocalDate(date) ? formatLocalDate(date) : "";
}

/** The notification's one-line headline, in the translator's language. */
export function notificationHeadline(t: Translate, kind: NotificationKind, params: NotificationParams): string {
  const ordinal = params.ordinal ?? 0;
  const department = params.department ?? "";
  switch (kind) {
    case "reminder":
      if (params.rule) return t(`notification.reminder.auto.${params.rule}`, { ordinal, date: day(params.date) });
      return t("notification.reminder.manual", { ordinal, department });
    case "escalation":
      return t("notification.escalation", { ordinal, department });
    case "extension_requested":
      return t("notification.extensionRequested", { department, date: day(params.date) });
    case "extension_decided":
      return t(`notification.extensionDecided.${params.outcome ?? "approved"}`, { date: day(params.date) });
    case "completion_reported":
      return t("notification.completionReported", { department, date: day(params.date) });
    case "completion_confirmed":
      return t("notification.completionConfirmed");
    case "completion_returned":
      // Notifications stored before returns named the percent have none.
      return params.percent === undefined
        ? t("notification.completionReturned")
        : t("notification.completionReturnedPercent", { percent: params.percent });
    case "instruction":
      return t("notification.instruction");
    case "comment":
      return t("notification.comment");
    case "task_assigned":
      return t(params.role === "coordinator" ? "notification.taskAssigned.coordinator" : "notification.taskAssigned", {
        department,
      });
    case "sign_in_locked":
      return t(`notification.signInLocked.${params.lock ?? "pair"}`, {
        login: params.login ?? "",
        address: params.address ?? "",
        count: params.count ?? 0,
        until: params.until === undefined ? "" : formatInstant(params.until),
      });
  }
}

/** The free text shown under the headline (a reminder's message, a reason, an instruction), if any. */
export function notificationDetail(t: Translate, kind: NotificationKind, params: NotificationParams): string | null {
  if (kind === "sign_in_locked") return t("notification.detail.signInLocked");
  if (!params.text) return null;
  switch (kind) {
    case "completion_returned":
      return t("notification.detail.reason", { text: params.text });
    case "reminder":
      return t("notification.detail.message", { text: params.text });
    default:
      return params.text;
  }
}
