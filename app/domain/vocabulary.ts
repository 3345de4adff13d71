// The closed vocabularies of the domain (docs/domain-rules.md §1, §3, §4). The database schema,
// the validators and the translations all derive from these lists, so a value
// cannot exist in one place and be missing in another.

export const ROLES = ["admin", "secretariat", "leadership", "dept_lead", "dept_officer"] as const;
export type Role = (typeof ROLES)[number];
/** The languages of the app: Vietnamese first, English second. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEPARTMENT_ROLES = ["dept_lead", "dept_officer"] as const satisfies readonly Role[];

export const DEPARTMENT_KINDS = ["department", "district", "enterprise", "other"] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DIRECTIVE_TYPES = ["conclusion_notice", "directive", "decision", "plan", "official_letter"] as const;
export type DirectiveType = (typeof DIRECTIVE_TYPES)[number];

export const DIRECTIVE_STATES = ["draft", "issued", "closed"] as const;
export type DirectiveState = (typeof DIRECTIVE_STATES)[number];

export const DEADLINE_KINDS = ["dated", "ongoing", "none"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Stored workflow state of a task (docs/domain-rules.md §4). */
export const WORKFLOW_STATES = [
  "open",
  "in_progress",
  "awaiting_confirmation",
  "returned",
  "done",
  "on_hold",
  "cancelled",
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const EXTENSION_STATES = ["pending", "approved", "rejected", "countered"] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];
/** Extension decisions that change the due date: a counter-offer is a decision with another date. */
export const EXTENSION_STATES_IN_FORCE = ["approved", "countered"] as const satisfies readonly ExtensionState[];

export const TARGET_DIRECTIONS = ["at_least", "at_most"] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

export const REMINDER_KINDS = ["manual", "automatic"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What a notification is about; the text is rendered from the kind in the reader's language. */
export const NOTIFICATION_KINDS = [
  "reminder",
  "escalation",
  "extension_requested",
  "extension_decided",
  "completion_reported",
  "completion_confirmed",
  "completion_returned",
  "instruction",
  "comment",
  "task_assigned",
  /** Sign-ins to an account were locked after wrong passwords: told to its owner and the administrators. */
  "sign_in_locked",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The e-mail outbox state of a notification (NULL: no e-mail for this one). */
export const EMAIL_STATES = ["pending", "sent", "failed", "skipped"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** Computed status (docs/domain-rules.md §4), never stored. */
export const TASK_STATUSES = [
  "done_on_time",
  "done_late",
  "awaiting_confirmation",
  "overdue",
  "due_soon",
  "on_track",
  "ongoing",
  "on_hold",
  "cancelled",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses shown apart and excluded from the counts (docs/domain-rules.md §4 rule 1). */
export const SET_ASIDE_STATUSES = ["on_hold", "cancelled"] as const satisfies readonly TaskStatus[];

/**
 * The two readings of a past day (docs/domain-rules.md §4, "two bases"): as it
 * happened — every fact by the day it took effect, with all that is known now (the
 * default) — or as recorded — only what had been recorded by the end of the day,
 * i.e. what the system showed then.
 */
export const STATUS_BASES = ["happened", "recorded"] as const;
export type StatusBasis = (typeof STATUS_BASES)[number];

/** How a new deadline came about: an approved (or countered) extension, a change by the secretariat, or the correction of an entry error (in force from assignment). */
export const DEADLINE_CHANGE_KINDS = ["change", "correction"] as const;
export type DeadlineChangeKind = (typeof DEADLINE_CHANGE_KINDS)[number];

/**
 * Main tasks (no parent), sub-tasks, the units' tasks of an item given to many units, or
 * the periods' occurrences of a recurring duty (decision 026): a directive's sentence
 * counts them apart, and the four never overlap (a unit's task is a "unit" and an
 * occurrence a "period", whatever its parent).
 */
export const TASK_LEVELS = ["top", "sub", "unit", "period"] as const;
export type TaskLevel = (typeof TASK_LEVELS)[number];

/**
 * A day of the working calendar that is not what its weekday says (docs/domain-rules.md §10):
 * a public holiday (ngày nghỉ lễ, Tết), a compensatory day off for a holiday that fell on
 * a weekend (nghỉ bù), a weekday off swapped with a working weekend day (hoán đổi), or that
 * weekend day worked instead (làm bù).
 */
export const CALENDAR_DAY_KINDS = ["holiday", "compensatory", "swapped_off", "working_day"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
/** The occasion a calendar day belongs to (Labour Code 2019 art. 112), or another one the government announces. */
export const HOLIDAY_OCCASIONS = [
  "new_year",
  "lunar_new_year",
  "hung_kings",
  "reunification",
  "labour_day",
  "national_day",
  "other",
] as const;
export type HolidayOccasion = (typeof HOLIDAY_OCCASIONS)[number];
/** Where a calendar day comes from: the statutory rules (app/domain/public-holidays.ts), or a government announcement the administrator entered. */
export const CALENDAR_DAY_SOURCES = ["rule", "announced"] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];

/**
 * How often a recurring duty (nhiệm vụ định kỳ) comes back (docs/domain-rules.md §12,
 * app/domain/recurrence.ts): every week on a weekday; every month by a day of that month;
 * every quarter, half-year or year by a day of the month after the period.
 */
export const RECURRENCE_FREQUENCIES = ["weekly", "monthly", "quarterly", "half_yearly", "yearly"] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

/**
 * A recurring duty's own state: active (its occurrences keep being created), on hold
 * (tạm dừng: none created until it is resumed) or withdrawn (rút: none ever again).
 * Occurrences already created keep their own state either way.
 */
export const DUTY_STATES = ["active", "on_hold", "withdrawn"] as const;
export type DutyState = (typeof DUTY_STATES)[number];
