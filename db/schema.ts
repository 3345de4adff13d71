// The whole data model of docs/domain-rules.md §3.
//
// Conventions:
// - `*_at` columns are instants: integer milliseconds since the Unix epoch, UTC.
// - `*_on` / `*_date` columns are calendar days in Asia/Ho_Chi_Minh, stored as
//   ISO text `YYYY-MM-DD` (sorts and compares as text) and checked well-formed.
// - Closed vocabularies come from app/domain/vocabulary.ts and are CHECKed.
// - Rules that span rows (a coordinator is never the lead; append-only tables) are
//   triggers in a hand-written migration (db/migrations/*_triggers.sql).
import { sql, type SQL } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  CALENDAR_DAY_KINDS,
  CALENDAR_DAY_SOURCES,
  DEADLINE_KINDS,
  DEPARTMENT_KINDS,
  DEPARTMENT_ROLES,
  DIRECTIVE_STATES,
  DUTY_STATES,
  RECURRENCE_FREQUENCIES,
  DIRECTIVE_TYPES,
  EMAIL_STATES,
  EXTENSION_STATES,
  HOLIDAY_OCCASIONS,
  LOCALES,
  NOTIFICATION_KINDS,
  REMINDER_KINDS,
  ROLES,
  TARGET_DIRECTIONS,
  DEADLINE_CHANGE_KINDS,
  TASK_STATUSES,
  WORKFLOW_STATES,
} from "../app/domain/vocabulary";

// ---------------------------------------------------------------- helpers

const id = () => integer("id").primaryKey({ autoIncrement: true });
const instant = (name: string) => integer(name);
const localDate = (name: string) => text(name);
const createdAt = () =>
  instant("created_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const updatedAt = () =>
  instant("updated_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
/** Optimistic concurrency: every edit bumps it; a save based on an older one is refused (no silent overwrite). */
const version = () => integer("version").notNull().default(1);

/** `IS` rather than `=`: a malformed date makes date() NULL, and a CHECK that is NULL passes. */
const isLocalDate = (column: AnySQLiteColumn): SQL => sql`${column} IS date(${column})`;
const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
const isBoolean = (column: AnySQLiteColumn): SQL => sql`${column} IN (0, 1)`;

// ---------------------------------------------------------------- organisation

export const departments = sqliteTable(
  "departments",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    kind: text("kind", { enum: DEPARTMENT_KINDS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => departments.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    successorId: integer("successor_id").references((): AnySQLiteColumn => departments.id),
    /** The day a merge or dissolution took effect; names before it stay on past records. */
    dissolvedOn: localDate("dissolved_on"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("departments_code_unique").on(t.code),
    index("departments_parent_idx").on(t.parentId),
    check("departments_kind_check", oneOf(t.kind, DEPARTMENT_KINDS)),
    check("departments_active_check", isBoolean(t.active)),
    check("departments_dissolved_on_check", isLocalDate(t.dissolvedOn)),
    check("departments_not_own_parent", sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
    check("departments_not_own_successor", sql`${t.successorId} IS NULL OR ${t.successorId} <> ${t.id}`),
    check("departments_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: id(),
    login: text("login").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    departmentId: integer("department_id").references(() => departments.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The language the user last chose in the app (NULL: never chose; Vietnamese). E-mails use it. */
    locale: text("locale", { enum: LOCALES }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_login_unique").on(sql`lower(${t.login})`),
    check("users_locale_check", sql`${t.locale} IS NULL OR ${oneOf(t.locale, LOCALES)}`),
    index("users_department_idx").on(t.departmentId),
    check("users_role_check", oneOf(t.role, ROLES)),
    check("users_active_check", isBoolean(t.active)),
    check(
      "users_department_role_check",
      sql`${t.role} NOT IN (${sql.raw(DEPARTMENT_ROLES.map((r) => `'${r}'`).join(", "))}) OR ${t.departmentId} IS NOT NULL`,
    ),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token in the cookie, so a database copy cannot be replayed. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Sign-in attempts, kept to rate-limit guessing per account and per address.
 * Old rows are pruned on write; successful sign-ins reset an account's count.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: id(),
    /** The login as typed, lower-cased (the account may not exist). */
    login: text("login").notNull(),
    ipAddress: text("ip_address").notNull(),
    at: instant("at").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("login_attempts_login_idx").on(t.login, t.at),
    index("login_attempts_ip_idx").on(t.ipAddress, t.at),
    check("login_attempts_succeeded_check", isBoolean(t.succeeded)),
  ],
);

/**
 * Browsers an account has signed in on (a long-lived cookie holds the token, the
 * database its hash): the right password from a known device gets through a sign-in
 * lock that others' wrong guesses caused (app/models/sessions.server.ts).
 */
export const loginDevices = sqliteTable(
  "login_devices",
  {
    id: id(),
    /** SHA-256 of the browser's token; one browser may be known to several accounts (a shared computer). */
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastUsedAt: instant("last_used_at").notNull(),
    /** Wrong passwords typed on it since its last sign-in: past the limit it is trusted no more. */
    failures: integer("failures").notNull().default(0),
  },
  (t) => [
    uniqueIndex("login_devices_token_user_unique").on(t.tokenHash, t.userId),
    index("login_devices_user_idx").on(t.userId),
    check("login_devices_failures_check", sql`${t.failures} >= 0`),
  ],
);

/** Tunable rules (due-soon window, stale threshold, session lifetimes) as JSON values. */
/**
 * The version of the data pages are computed from (app/server/read-cache.server.ts): one
 * row, bumped by triggers on every table a figure, list or page reads — not on
 * bookkeeping (sessions, sign-in attempts, audit events, notifications, API token use,
 * a user's language), so signing in or reading a page does not throw cached pages away.
 */
export const dataVersion = sqliteTable(
  "data_version",
  {
    id: integer("id").primaryKey(),
    version: integer("version").notNull().default(0),
  },
  (t) => [check("data_version_one_row", sql`${t.id} = 1`)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: updatedAt(),
  updatedBy: integer("updated_by").references(() => users.id),
});

/**
 * The working calendar (docs/domain-rules.md §10): the days that are not what their weekday
 * says — public holidays and days off, and weekend days worked instead of a swapped day.
 * Every other Monday to Friday is a working day. Rows from the statutory rules for
 * 2019–2030 are loaded by the migration that creates the table; the administrator adds
 * the government's yearly announcements and removes what it changed
 * (app/models/working-calendar.server.ts).
 */
export const calendarDays = sqliteTable(
  "calendar_days",
  {
    id: id(),
    day: localDate("day").notNull(),
    kind: text("kind", { enum: CALENDAR_DAY_KINDS }).notNull(),
    occasion: text("occasion", { enum: HOLIDAY_OCCASIONS }).notNull(),
    source: text("source", { enum: CALENDAR_DAY_SOURCES }).notNull(),
    /** The announcement it comes from, or the name of an occasion outside the statutory list. */
    note: text("note"),
    /** NULL for the rows the migration loaded. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("calendar_days_day_unique").on(t.day),
    check("calendar_days_day_check", isLocalDate(t.day)),
    check("calendar_days_kind_check", oneOf(t.kind, CALENDAR_DAY_KINDS)),
    check("calendar_days_occasion_check", oneOf(t.occasion, HOLIDAY_OCCASIONS)),
    check("calendar_days_source_check", oneOf(t.source, CALENDAR_DAY_SOURCES)),
    // A weekend day is worked only in exchange for a weekday off (hoán đổi).
    check(
      "calendar_days_working_day_on_weekend",
      sql`${t.kind} <> 'working_day' OR strftime('%w', ${t.day}) IN ('0', '6')`,
    ),
  ],
);

/**
 * Named groups of departments (docs/domain-rules.md §11), to assign one conclusion item to
 * many units ("các sở, ban, ngành", "UBND các quận, huyện, thị xã"). A built-in group
 * (`builtin_kind` set, one per department kind, made by its migration) has no member rows:
 * its members on a day are the departments of that kind that existed then. A custom group
 * lists its members with the days they belong (`unit_group_members`).
 */
export const unitGroups = sqliteTable(
  "unit_groups",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description"),
    builtinKind: text("builtin_kind", { enum: DEPARTMENT_KINDS }),
    version: version(),
    /** NULL for the built-in groups. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("unit_groups_name_unique").on(t.name),
    uniqueIndex("unit_groups_builtin_kind_unique").on(t.builtinKind),
    check("unit_groups_builtin_kind_check", sql`${t.builtinKind} IS NULL OR ${oneOf(t.builtinKind, DEPARTMENT_KINDS)}`),
    check("unit_groups_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * A department's membership of a custom group: from a day, until a day (exclusive; NULL
 * while it lasts). A merge ends it on the merge's day and opens one for the successor
 * (app/models/unit-groups.server.ts), as it moves the department's open tasks.
 */
export const unitGroupMembers = sqliteTable(
  "unit_group_members",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => unitGroups.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    fromDay: localDate("from_day").notNull(),
    untilDay: localDate("until_day"),
    addedBy: integer("added_by").references(() => users.id),
    endedBy: integer("ended_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_group_members_group_idx").on(t.groupId, t.fromDay),
    index("unit_group_members_department_idx").on(t.departmentId),
    // One open membership per department and group.
    uniqueIndex("unit_group_members_open_unique")
      .on(t.groupId, t.departmentId)
      .where(sql`${t.untilDay} IS NULL`),
    check("unit_group_members_from_day_check", isLocalDate(t.fromDay)),
    check(
      "unit_group_members_until_day_check",
      sql`${t.untilDay} IS NULL OR (${isLocalDate(t.untilDay)} AND ${t.untilDay} > ${t.fromDay})`,
    ),
  ],
);

// ---------------------------------------------------------------- committees and directives

export const committees = sqliteTable(
  "committees",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("committees_code_unique").on(t.code), check("committees_active_check", isBoolean(t.active))],
);

export const meetings = sqliteTable(
  "meetings",
  {
    id: id(),
    committeeId: integer("committee_id")
      .notNull()
      .references(() => committees.id),
    heldOn: localDate("held_on").notNull(),
    title: text("title").notNull(),
    chair: text("chair"),
    place: text("place"),
    attendees: text("attendees"),
    notes: text("notes"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meetings_committee_idx").on(t.committeeId, t.heldOn),
    check("meetings_held_on_check", isLocalDate(t.heldOn)),
  ],
);

export const directives = sqliteTable(
  "directives",
  {
    id: id(),
    committeeId: integer("committee_id")
      .notNull()
      .references(() => committees.id),
    meetingId: integer("meeting_id").references(() => meetings.id),
    /** Số ký hiệu, e.g. `320/TB-VPCP`; a draft may not have one yet. */
    number: text("number"),
    type: text("type", { enum: DIRECTIVE_TYPES }).notNull(),
    issuedOn: localDate("issued_on"),
    issuer: text("issuer").notNull(),
    signer: text("signer"),
    /** Trích yếu. */
    abstract: text("abstract").notNull(),
    fullText: text("full_text"),
    confidential: integer("confidential", { mode: "boolean" }).notNull().default(false),
    state: text("state", { enum: DIRECTIVE_STATES }).notNull().default("draft"),
    /** Free note shown with the directive (e.g. that the demo is a reconstruction). */
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("directives_issuer_number_unique")
      .on(t.issuer, t.number)
      .where(sql`${t.number} IS NOT NULL`),
    index("directives_committee_idx").on(t.committeeId, t.issuedOn),
    index("directives_meeting_idx").on(t.meetingId),
    index("directives_issued_on_idx").on(t.issuedOn),
    check("directives_type_check", oneOf(t.type, DIRECTIVE_TYPES)),
    check("directives_state_check", oneOf(t.state, DIRECTIVE_STATES)),
    check("directives_confidential_check", isBoolean(t.confidential)),
    check("directives_issued_on_check", isLocalDate(t.issuedOn)),
    check("directives_issued_needs_date", sql`${t.state} = 'draft' OR ${t.issuedOn} IS NOT NULL`),
  ],
);

/**
 * Every change of a directive's state (ban hành, kết thúc, mở lại), so a past day
 * shows the state of that day. An issue takes effect on the issue day; a directive
 * with no row by a day was a draft then (or did not exist yet).
 */
export const directiveStateChanges = sqliteTable(
  "directive_state_changes",
  {
    id: id(),
    directiveId: integer("directive_id")
      .notNull()
      .references(() => directives.id),
    state: text("state", { enum: DIRECTIVE_STATES }).notNull(),
    /** When the change took effect. */
    effectiveAt: instant("effective_at").notNull(),
    /** When it was recorded, if later than `effective_at`; NULL: recorded as it happened. */
    recordedAt: instant("recorded_at"),
    changedBy: integer("changed_by").references(() => users.id),
  },
  (t) => [
    index("directive_state_changes_directive_idx").on(t.directiveId, t.effectiveAt),
    check("directive_state_changes_state_check", oneOf(t.state, DIRECTIVE_STATES)),
  ],
);

// ---------------------------------------------------------------- tasks

/**
 * An item of a directive given to many accountable units at once (decision 026): to a
 * unit group, or to several named leads. The item is not a task and is never counted;
 * each unit's task is an ordinary `tasks` row (one lead) pointing here by `fan_out_id`,
 * and the item's state is a roll-up of those tasks (app/domain/fan-out-rollup.ts).
 */
export const taskFanOuts = sqliteTable(
  "task_fan_outs",
  {
    id: id(),
    directiveId: integer("directive_id")
      .notNull()
      .references(() => directives.id),
    /** As written in the directive: "2", "3.a". Each unit's task carries it too. */
    itemNumber: text("item_number").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** The group the item was given to, if it was given to a group (its members resolved on the assignment day). */
    groupId: integer("group_id").references(() => unitGroups.id),
    assignedOn: localDate("assigned_on").notNull(),
    version: version(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("task_fan_outs_directive_idx").on(t.directiveId),
    check("task_fan_outs_title_not_blank", sql`length(trim(${t.title})) > 0`),
    check("task_fan_outs_assigned_on_check", isLocalDate(t.assignedOn)),
    check("task_fan_outs_version_check", sql`${t.version} >= 1`),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: id(),
    directiveId: integer("directive_id")
      .notNull()
      .references(() => directives.id),
    parentId: integer("parent_id").references((): AnySQLiteColumn => tasks.id),
    /** As written in the directive: "1", "2", "3.a". */
    itemNumber: text("item_number").notNull(),
    /** Order within the directive (item numbers do not sort as text). */
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    description: text("description"),
    /** Exactly one lead department (Decree 39/2022): a NOT NULL column, not a row among many. */
    leadDepartmentId: integer("lead_department_id")
      .notNull()
      .references(() => departments.id),
    deadlineKind: text("deadline_kind", { enum: DEADLINE_KINDS }).notNull(),
    originalDueDate: localDate("original_due_date"),
    /** The due date in force now (kept by every write that changes it); the history is in extension_requests and task_deadline_changes. */
    currentDueDate: localDate("current_due_date"),
    assignedOn: localDate("assigned_on").notNull(),
    state: text("state", { enum: WORKFLOW_STATES }).notNull().default("open"),
    /** Why the task is on hold, cancelled or returned (the latest transition's reason). */
    stateReason: text("state_reason"),
    percent: integer("percent").notNull().default(0),
    lastReportedAt: instant("last_reported_at"),
    /** The completion date the lead department reported (counts for on time / late). */
    completionDate: localDate("completion_date"),
    completionReportedAt: instant("completion_reported_at"),
    completionResult: text("completion_result"),
    confirmedAt: instant("confirmed_at"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    /** Optimistic concurrency: every update bumps it; a stale save is refused. */
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The recurring duty this task is an occurrence of (decision 026); NULL for every other task. */
    dutyId: integer("duty_id").references((): AnySQLiteColumn => recurringDuties.id),
    /** The occurrence's period (`2020-01`, `2020-Q1`, `2020-W02` …): one task per period of a duty. */
    dutyPeriod: text("duty_period"),
    /** The item this task is one unit's share of (decision 026); NULL for a task of its own. */
    fanOutId: integer("fan_out_id").references(() => taskFanOuts.id),
  },
  (t) => [
    index("tasks_directive_idx").on(t.directiveId, t.position),
    uniqueIndex("tasks_duty_period_unique").on(t.dutyId, t.dutyPeriod),
    index("tasks_fan_out_idx").on(t.fanOutId),
    index("tasks_parent_idx").on(t.parentId),
    index("tasks_lead_state_idx").on(t.leadDepartmentId, t.state, t.currentDueDate),
    index("tasks_open_due_idx")
      .on(t.currentDueDate, t.leadDepartmentId)
      .where(sql`${t.state} NOT IN ('done', 'cancelled', 'on_hold')`),
    index("tasks_state_idx").on(t.state, t.completionDate),
    index("tasks_updated_idx").on(t.updatedAt),
    // A period of assignment (the dashboards' period filter) is a range of this index.
    index("tasks_assigned_idx").on(t.assignedOn),
    check("tasks_deadline_kind_check", oneOf(t.deadlineKind, DEADLINE_KINDS)),
    check("tasks_state_check", oneOf(t.state, WORKFLOW_STATES)),
    check(
      "tasks_dated_has_due_dates",
      sql`(${t.deadlineKind} = 'dated') = (${t.originalDueDate} IS NOT NULL AND ${t.currentDueDate} IS NOT NULL)`,
    ),
    check("tasks_original_due_date_check", isLocalDate(t.originalDueDate)),
    check("tasks_current_due_date_check", isLocalDate(t.currentDueDate)),
    check("tasks_assigned_on_check", isLocalDate(t.assignedOn)),
    check("tasks_completion_date_check", isLocalDate(t.completionDate)),
    check("tasks_percent_check", sql`${t.percent} BETWEEN 0 AND 100`),
    check("tasks_title_not_blank", sql`length(trim(${t.title})) > 0`),
    check("tasks_not_own_parent", sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
    check(
      "tasks_completion_reported",
      sql`${t.state} NOT IN ('awaiting_confirmation', 'done') OR ${t.completionDate} IS NOT NULL`,
    ),
    check("tasks_done_confirmed", sql`${t.state} <> 'done' OR ${t.confirmedAt} IS NOT NULL`),
    check("tasks_version_check", sql`${t.version} >= 1`),
  ],
);

/**
 * A recurring duty (nhiệm vụ định kỳ, decision 026, docs/domain-rules.md §12): one line of
 * a conclusion that comes back ("báo cáo trước ngày 05 hằng tháng"). It is never counted;
 * each occurrence is an ordinary task pointing at it (`tasks.duty_id`, one per period),
 * created ahead by app/models/recurring-duties.server.ts. The rule is app/domain/recurrence.ts.
 */
export const recurringDuties = sqliteTable(
  "recurring_duties",
  {
    id: id(),
    directiveId: integer("directive_id")
      .notNull()
      .references(() => directives.id),
    itemNumber: text("item_number").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    leadDepartmentId: integer("lead_department_id")
      .notNull()
      .references(() => departments.id),
    /** The coordinating departments each occurrence is given, as a JSON array of ids. */
    coordinatorDepartmentIds: text("coordinator_department_ids", { mode: "json" }).$type<number[]>().notNull(),
    frequency: text("frequency", { enum: RECURRENCE_FREQUENCIES }).notNull(),
    /** Weekly: ISO weekday 1–7; otherwise the day of the due month (working days when `working_days`). */
    day: integer("day").notNull(),
    workingDays: integer("working_days", { mode: "boolean" }).notNull().default(false),
    startsOn: localDate("starts_on").notNull(),
    /** NULL: until the directive is closed. */
    endsOn: localDate("ends_on"),
    state: text("state", { enum: DUTY_STATES }).notNull().default("active"),
    /** Why it is on hold or withdrawn. */
    stateReason: text("state_reason"),
    /** The day it was last resumed: periods due while it was on hold are not owed. */
    resumedOn: localDate("resumed_on"),
    version: version(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("recurring_duties_directive_idx").on(t.directiveId),
    index("recurring_duties_state_idx").on(t.state),
    check("recurring_duties_frequency_check", oneOf(t.frequency, RECURRENCE_FREQUENCIES)),
    check("recurring_duties_state_check", oneOf(t.state, DUTY_STATES)),
    check("recurring_duties_working_days_check", isBoolean(t.workingDays)),
    check("recurring_duties_starts_on_check", isLocalDate(t.startsOn)),
    check("recurring_duties_ends_on_check", isLocalDate(t.endsOn)),
    check("recurring_duties_resumed_on_check", isLocalDate(t.resumedOn)),
    check("recurring_duties_ends_after_start", sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    check("recurring_duties_day_check", sql`${t.day} BETWEEN 1 AND 31`),
    check("recurring_duties_title_not_blank", sql`length(trim(${t.title})) > 0`),
    check("recurring_duties_version_check", sql`${t.version} >= 1`),
  ],
);

/** Đơn vị phối hợp. A trigger refuses a coordinator that is the task's lead. */
export const taskCoordinators = sqliteTable(
  "task_coordinators",
  {
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.departmentId] }),
    index("task_coordinators_department_idx").on(t.departmentId, t.taskId),
  ],
);

/**
 * Every workflow transition of a task, with its author and time. The status of a
 * task as of a past day is computed from this history, not from the current row.
 */
export const taskTransitions = sqliteTable(
  "task_transitions",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    fromState: text("from_state", { enum: WORKFLOW_STATES }),
    toState: text("to_state", { enum: WORKFLOW_STATES }).notNull(),
    /** When the move took effect. */
    changedAt: instant("changed_at").notNull(),
    /** When it was recorded, if entered after the fact (nhập bổ sung); NULL: recorded as it happened. */
    recordedAt: instant("recorded_at"),
    changedBy: integer("changed_by").references(() => users.id),
    reason: text("reason"),
    /** For awaiting_confirmation and done: the completion date reported by the lead. */
    completionDate: localDate("completion_date"),
  },
  (t) => [
    index("task_transitions_task_idx").on(t.taskId, t.changedAt),
    index("task_transitions_changed_idx").on(t.changedAt),
    check("task_transitions_from_check", sql`${t.fromState} IS NULL OR ${oneOf(t.fromState, WORKFLOW_STATES)}`),
    check("task_transitions_to_check", oneOf(t.toState, WORKFLOW_STATES)),
    check("task_transitions_completion_date_check", isLocalDate(t.completionDate)),
    check(
      "task_transitions_completion_reported",
      sql`${t.toState} NOT IN ('awaiting_confirmation', 'done') OR ${t.completionDate} IS NOT NULL`,
    ),
  ],
);

/**
 * Who coordinated a task when (đơn vị phối hợp): task_coordinators holds today's set,
 * this table every period of it, so a past day shows the coordinators of that day.
 * Written with every change of the set (app/models/coordinators.server.ts).
 */
export const taskCoordinatorSpans = sqliteTable(
  "task_coordinator_spans",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    /** When the department began to coordinate (a task entered after the fact: its assignment day). */
    fromAt: instant("from_at").notNull(),
    /** When the opening was recorded, if later than `from_at`; NULL: recorded as it happened. */
    recordedAt: instant("recorded_at"),
    untilAt: instant("until_at"),
    /** When the end was recorded, if later than `until_at` (a merge with an earlier effective day). */
    untilRecordedAt: instant("until_recorded_at"),
  },
  (t) => [
    index("task_coordinator_spans_task_idx").on(t.taskId, t.fromAt),
    uniqueIndex("task_coordinator_spans_one_open")
      .on(t.taskId, t.departmentId)
      .where(sql`${t.untilAt} IS NULL`),
    check("task_coordinator_spans_order_check", sql`${t.untilAt} IS NULL OR ${t.untilAt} >= ${t.fromAt}`),
  ],
);

/** Who led a task when: a re-assignment (or a department merge) closes one row and opens the next. */
export const taskLeadAssignments = sqliteTable(
  "task_lead_assignments",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    /** When the assignment took effect. */
    fromAt: instant("from_at").notNull(),
    untilAt: instant("until_at"),
    /** When it was recorded, if later than `from_at` (an entry after the fact, a merge with an earlier effective day). */
    recordedAt: instant("recorded_at"),
    assignedBy: integer("assigned_by").references(() => users.id),
    reason: text("reason"),
  },
  (t) => [
    index("task_lead_assignments_task_idx").on(t.taskId, t.fromAt),
    index("task_lead_assignments_department_idx").on(t.departmentId),
    uniqueIndex("task_lead_assignments_one_current")
      .on(t.taskId)
      .where(sql`${t.untilAt} IS NULL`),
  ],
);

export const targets = sqliteTable(
  "targets",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    position: integer("position").notNull().default(0),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    baseline: real("baseline"),
    targetValue: real("target_value").notNull(),
    direction: text("direction", { enum: TARGET_DIRECTIONS }).notNull(),
    currentValue: real("current_value"),
    dueDate: localDate("due_date"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("targets_task_idx").on(t.taskId, t.position),
    check("targets_direction_check", oneOf(t.direction, TARGET_DIRECTIONS)),
    check("targets_due_date_check", isLocalDate(t.dueDate)),
  ],
);

// ---------------------------------------------------------------- reporting

/** Báo cáo tiến độ. Append-only (trigger): a correction is a new report. */
export const progressReports = sqliteTable(
  "progress_reports",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    authorId: integer("author_id").references(() => users.id),
    asOfDate: localDate("as_of_date").notNull(),
    percent: integer("percent").notNull(),
    result: text("result").notNull(),
    difficulties: text("difficulties"),
    proposals: text("proposals"),
    /** A resubmitted form (double click, retry) carries the same key and is stored once. */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("progress_reports_task_idx").on(t.taskId, t.createdAt),
    index("progress_reports_department_idx").on(t.departmentId, t.createdAt),
    uniqueIndex("progress_reports_idempotency_unique")
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    check("progress_reports_percent_check", sql`${t.percent} BETWEEN 0 AND 100`),
    check("progress_reports_as_of_check", isLocalDate(t.asOfDate)),
  ],
);

/** Values of a target as reported (by a progress report or by the secretariat). */
export const targetValues = sqliteTable(
  "target_values",
  {
    id: id(),
    targetId: integer("target_id")
      .notNull()
      .references(() => targets.id),
    progressReportId: integer("progress_report_id").references(() => progressReports.id),
    value: real("value").notNull(),
    asOfDate: localDate("as_of_date").notNull(),
    recordedBy: integer("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("target_values_target_idx").on(t.targetId, t.asOfDate),
    check("target_values_as_of_check", isLocalDate(t.asOfDate)),
  ],
);

/** Đề nghị gia hạn. The original due date stays on the task forever. */
export const extensionRequests = sqliteTable(
  "extension_requests",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    requestedBy: integer("requested_by").references(() => users.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    currentDueDate: localDate("current_due_date").notNull(),
    proposedDueDate: localDate("proposed_due_date").notNull(),
    reason: text("reason").notNull(),
    state: text("state", { enum: EXTENSION_STATES }).notNull().default("pending"),
    decidedBy: integer("decided_by").references(() => users.id),
    /** When the decision took effect. */
    decidedAt: instant("decided_at"),
    /** When the decision was recorded, if entered after the fact (a decision made on paper); NULL: as it happened. */
    decisionRecordedAt: instant("decision_recorded_at"),
    decisionNote: text("decision_note"),
    /** The date in force after approval: the proposed one, or the counter-offer. */
    approvedDueDate: localDate("approved_due_date"),
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("extension_requests_task_idx").on(t.taskId, t.decidedAt),
    // The dashboard's pending requests read what they count and list from the index alone
    // (a request's row, with its reasons, is many times wider).
    index("extension_requests_state_idx").on(t.state, t.createdAt, t.taskId, t.departmentId, t.proposedDueDate),
    // Requests still pending at the end of a past day are those decided after it.
    index("extension_requests_decided_idx").on(t.decidedAt, t.createdAt, t.taskId, t.departmentId, t.proposedDueDate),
    uniqueIndex("extension_requests_one_pending")
      .on(t.taskId)
      .where(sql`${t.state} = 'pending'`),
    uniqueIndex("extension_requests_idempotency_unique")
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    check("extension_requests_state_check", oneOf(t.state, EXTENSION_STATES)),
    check("extension_requests_current_check", isLocalDate(t.currentDueDate)),
    check("extension_requests_proposed_check", isLocalDate(t.proposedDueDate)),
    check("extension_requests_approved_check", isLocalDate(t.approvedDueDate)),
    check("extension_requests_later_date", sql`${t.proposedDueDate} > ${t.currentDueDate}`),
    check(
      "extension_requests_decision_complete",
      sql`${t.state} = 'pending' OR (${t.decidedAt} IS NOT NULL AND ${t.decidedBy} IS NOT NULL)`,
    ),
    check(
      "extension_requests_in_force_has_date",
      sql`(${t.state} IN ('approved', 'countered')) = (${t.approvedDueDate} IS NOT NULL)`,
    ),
    check(
      "extension_requests_approved_later",
      sql`${t.approvedDueDate} IS NULL OR ${t.approvedDueDate} > ${t.currentDueDate}`,
    ),
    check(
      "extension_requests_rejection_reason",
      sql`${t.state} <> 'rejected' OR length(trim(coalesce(${t.decisionNote}, ''))) > 0`,
    ),
  ],
);

/**
 * A new deadline set by the secretariat on an issued task (điều chỉnh thời hạn): the
 * original due date on the task is never overwritten. A `change` takes effect on
 * its day; a `correction` (an entry error) was always the deadline, so it applies
 * from the task's assignment. Append-only (trigger), with a reason.
 */
export const taskDeadlineChanges = sqliteTable(
  "task_deadline_changes",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    kind: text("kind", { enum: DEADLINE_CHANGE_KINDS }).notNull(),
    /** The due date in force before the change (for the history). */
    previousDueDate: localDate("previous_due_date").notNull(),
    dueDate: localDate("due_date").notNull(),
    /** When a `change` took effect (the start of its day, or the moment it was made when that is today). */
    effectiveAt: instant("effective_at").notNull(),
    reason: text("reason").notNull(),
    changedBy: integer("changed_by").references(() => users.id),
    /** When it was recorded. */
    createdAt: createdAt(),
  },
  (t) => [
    index("task_deadline_changes_task_idx").on(t.taskId, t.effectiveAt),
    check("task_deadline_changes_kind_check", oneOf(t.kind, DEADLINE_CHANGE_KINDS)),
    check("task_deadline_changes_due_date_check", isLocalDate(t.dueDate)),
    check("task_deadline_changes_previous_check", isLocalDate(t.previousDueDate)),
    check("task_deadline_changes_reason_not_blank", sql`length(trim(${t.reason})) > 0`),
    check("task_deadline_changes_effective_check", sql`${t.effectiveAt} <= ${t.createdAt}`),
  ],
);

/** Comments on a task; leadership's are instructions (ý kiến chỉ đạo). */
export const comments = sqliteTable(
  "comments",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    /** Fixed when written: the author's role may change later, the instruction stays one. */
    isInstruction: integer("is_instruction", { mode: "boolean" }).notNull().default(false),
    body: text("body").notNull(),
    /** A resubmitted form (double click, retry) carries the same key and is stored once. */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("comments_task_idx").on(t.taskId, t.createdAt),
    uniqueIndex("comments_idempotency_unique")
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    check("comments_instruction_check", isBoolean(t.isInstruction)),
    check("comments_body_not_blank", sql`length(trim(${t.body})) > 0`),
  ],
);

/** Đôn đốc: numbered per task and department; the 3rd unresolved one escalates. */
export const reminders = sqliteTable(
  "reminders",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    kind: text("kind", { enum: REMINDER_KINDS }).notNull(),
    ordinal: integer("ordinal").notNull(),
    sentBy: integer("sent_by").references(() => users.id),
    sentAt: instant("sent_at").notNull(),
    message: text("message"),
    /** Set when the department answers (a report, an extension request, a completion). */
    resolvedAt: instant("resolved_at"),
    /** Automatic reminders: one per task, department, rule and day, however often the job runs. */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [
    uniqueIndex("reminders_ordinal_unique").on(t.taskId, t.departmentId, t.ordinal),
    uniqueIndex("reminders_dedupe_unique")
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL`),
    index("reminders_department_idx").on(t.departmentId, t.sentAt),
    // Escalation reads manual reminders only (people send few; the job sends many automatic ones).
    index("reminders_manual_idx")
      .on(t.sentAt)
      .where(sql`${t.kind} = 'manual'`),
    check("reminders_kind_check", oneOf(t.kind, REMINDER_KINDS)),
    check("reminders_ordinal_check", sql`${t.ordinal} >= 1`),
  ],
);

/** Files on disk under the data directory; the row holds what is needed to serve and verify them. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: id(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id),
    progressReportId: integer("progress_report_id").references(() => progressReports.id),
    extensionRequestId: integer("extension_request_id").references(() => extensionRequests.id),
    taskTransitionId: integer("task_transition_id").references(() => taskTransitions.id),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_task_idx").on(t.taskId),
    index("attachments_report_idx").on(t.progressReportId),
    uniqueIndex("attachments_storage_key_unique").on(t.storageKey),
    check("attachments_size_check", sql`${t.sizeBytes} > 0`),
    check("attachments_sha256_check", sql`length(${t.sha256}) = 64`),
  ],
);

/**
 * In-app notifications, one row per recipient. The text is rendered at display
 * time from `kind` and `params` (JSON) so it follows the reader's language.
 * `email_state` is the outbox: `pending` rows are sent by the mailer when SMTP is
 * configured, `skipped` when it is not.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    taskId: integer("task_id").references(() => tasks.id),
    reminderId: integer("reminder_id").references(() => reminders.id),
    actorId: integer("actor_id").references(() => users.id),
    params: text("params").notNull().default("{}"),
    createdAt: createdAt(),
    readAt: instant("read_at"),
    emailState: text("email_state", { enum: EMAIL_STATES }),
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailedAt: instant("emailed_at"),
    emailError: text("email_error"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} IS NULL`),
    index("notifications_email_idx")
      .on(t.id)
      .where(sql`${t.emailState} = 'pending'`),
    check("notifications_kind_check", oneOf(t.kind, NOTIFICATION_KINDS)),
    check("notifications_email_state_check", sql`${t.emailState} IS NULL OR ${oneOf(t.emailState, EMAIL_STATES)}`),
    check("notifications_params_json", sql`json_valid(${t.params})`),
    check("notifications_attempts_check", sql`${t.emailAttempts} >= 0`),
  ],
);

/**
 * Tokens for the read-only JSON API. Each acts as one user (same access rules);
 * only the SHA-256 of the secret is stored, the secret is shown once when issued.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: id(),
    name: text("name").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the secret, to tell tokens apart on screen. */
    tokenPrefix: text("token_prefix").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: instant("expires_at"),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_name_not_blank", sql`length(trim(${t.name})) > 0`),
    check("api_tokens_hash_check", sql`length(${t.tokenHash}) = 64`),
  ],
);

/**
 * A period report published by the secretariat ("chốt số liệu"): the figures,
 * scorecard and task rows as of a cut-off day for a scope, frozen when published.
 * The files are stored as published, so a download is byte-identical forever;
 * what has changed since is computed live. Append-only (triggers).
 */
export const publishedReports = sqliteTable(
  "published_reports",
  {
    id: id(),
    title: text("title").notNull(),
    /** The cut-off day: every figure is as of the end of it, as it happened, with what was known when published. */
    cutOff: localDate("cut_off").notNull(),
    /** The filters of the scope: committee, directive, period (JSON; empty for all). */
    scope: text("scope", { mode: "json" }).notNull(),
    /** The frozen figures, scorecard and task rows (JSON), for the page and for what changed since. */
    content: text("content", { mode: "json" }).notNull(),
    xlsx: blob("xlsx", { mode: "buffer" }).notNull(),
    csv: blob("csv", { mode: "buffer" }).notNull(),
    publishedBy: integer("published_by")
      .notNull()
      .references(() => users.id),
    publishedAt: instant("published_at").notNull(),
  },
  (t) => [
    index("published_reports_cut_off_idx").on(t.cutOff, t.id),
    check("published_reports_cut_off_check", isLocalDate(t.cutOff)),
    check("published_reports_title_not_blank", sql`length(trim(${t.title})) > 0`),
  ],
);

/** Append-only (triggers refuse UPDATE and DELETE). */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    at: instant("at").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    /** e.g. `task.create`, `extension.approve`, `auth.login_failed`. */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
    index("audit_events_at_idx").on(t.at),
  ],
);

// ---------------------------------------------------------------- derived status facts (docs/decisions/014)

/**
 * (Stored WITHOUT ROWID, as is `task_status_rollups`: db/migrations/0006_status_rollup_triggers.sql.)
 *
 * The status of every task over time, as spans of days in which it does not change
 * (app/domain/status-spans.ts), derived from the task's history for the rules in
 * `task_status_meta`. Kept in the same transaction as every write that changes it
 * (app/models/status-facts.server.ts); triggers mark the tasks a write touches.
 * The scope columns are copied from the task and its directive as they were when
 * the spans were counted into `task_status_rollups`.
 */
export const taskStatusSpans = sqliteTable(
  "task_status_spans",
  {
    taskId: integer("task_id").notNull(),
    /**
     * Which reading of a past day the span belongs to (STATUS_SPAN_BASES): 0 both —
     * the task's spans are the same as it happened and as recorded, as for nearly
     * every task; 1 as it happened only; 2 as recorded only.
     */
    basis: integer("basis").notNull(),
    /** Day numbers (days since 1970-01-01 on the Hanoi calendar); `to_day` is exclusive, 2147483647 = open-ended. */
    fromDay: integer("from_day").notNull(),
    toDay: integer("to_day").notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull(),
    /** The status's place in the lists' "most urgent first" order (app/domain/status-spans.ts STATUS_SEVERITY). */
    severity: integer("severity").notNull(),
    stale: integer("stale", { mode: "boolean" }).notNull(),
    /** The due date in force during the span, as a day number; NULL without a deadline. */
    dueDay: integer("due_day"),
    /** Days late that do not grow with the day (a completion reported late, awaiting confirmation). */
    lateDays: integer("late_days").notNull(),
    /** Awaiting confirmation: the day the completion was reported (day number). */
    sinceDay: integer("since_day"),
    /** 0 issued, 1 issued and confidential, 2 draft (the directive's). */
    visibility: integer("visibility").notNull(),
    committeeId: integer("committee_id").notNull(),
    leadDepartmentId: integer("lead_department_id").notNull(),
    directiveId: integer("directive_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.basis, t.fromDay] }),
    // The task list's orders (deadline; status), with what its filters read, so a page is an index walk.
    index("task_status_spans_due_idx").on(
      sql`${t.dueDay} IS NULL`,
      t.dueDay,
      t.directiveId,
      t.position,
      t.taskId,
      t.toDay,
      t.fromDay,
      t.basis,
      t.visibility,
      t.severity,
      t.stale,
      t.leadDepartmentId,
      t.committeeId,
    ),
    index("task_status_spans_severity_idx").on(
      t.severity,
      t.directiveId,
      t.position,
      t.taskId,
      t.toDay,
      t.fromDay,
      t.basis,
      t.visibility,
      t.stale,
      t.leadDepartmentId,
      t.committeeId,
    ),
    // Completions awaiting confirmation, current ones first found by their span's end: the
    // secretariat's backlog (rule 3) reads a few thousand entries, not every span, and
    // everything it filters on and lists of them from the index alone.
    index("task_status_spans_awaiting_idx")
      .on(
        t.toDay,
        t.sinceDay,
        t.fromDay,
        t.basis,
        // What the scope reads (app/models/task-scope.server.ts spanScopeFilter).
        t.visibility,
        t.committeeId,
        t.taskId,
        t.leadDepartmentId,
        t.directiveId,
        t.position,
        t.dueDay,
        t.lateDays,
        t.status,
      )
      .where(sql`${t.status} = 'awaiting_confirmation'`),
    // The few tasks read differently as recorded than as they happened (entries after the fact).
    index("task_status_spans_differing_idx")
      .on(t.basis, t.fromDay, t.taskId)
      .where(sql`${t.basis} > 0`),
    check("task_status_spans_days_check", sql`${t.fromDay} < ${t.toDay}`),
    check("task_status_spans_status_check", oneOf(t.status, TASK_STATUSES)),
    check("task_status_spans_stale_check", isBoolean(t.stale)),
    check("task_status_spans_visibility_check", sql`${t.visibility} IN (0, 1, 2)`),
    check("task_status_spans_basis_check", sql`${t.basis} IN (0, 1, 2)`),
  ],
);

/**
 * Counts that change only on writes: for each scope (visibility; committee or 0
 * for all; lead department or 0 for all) and series (a status, or `stale`), the
 * number of tasks entering (+) and leaving (−) it per year (level 0, bucket =
 * year), month (level 1, bucket = year × 12 + month − 1) and day (level 2, bucket
 * = day number). The count as of day D is the sum of the years before D's year,
 * the months of that year before D's month and the days of that month up to D.
 */
export const taskStatusRollups = sqliteTable(
  "task_status_rollups",
  {
    /** 0 the counts as it happened; 1 what to add to them for the counts as recorded (zero for nearly every task). */
    basis: integer("basis").notNull(),
    visibility: integer("visibility").notNull(),
    committeeId: integer("committee_id").notNull(),
    departmentId: integer("department_id").notNull(),
    level: integer("level").notNull(),
    bucket: integer("bucket").notNull(),
    series: text("series").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.basis, t.visibility, t.committeeId, t.departmentId, t.level, t.bucket, t.series] }),
    // The scorecard reads every department's rows for a few buckets.
    index("task_status_rollups_by_department_idx")
      .on(t.basis, t.visibility, t.level, t.bucket, t.departmentId, t.series, t.n)
      .where(sql`${t.committeeId} = 0 AND ${t.departmentId} > 0`),
    check("task_status_rollups_level_check", sql`${t.level} IN (0, 1, 2)`),
    check("task_status_rollups_basis_check", sql`${t.basis} IN (0, 1)`),
  ],
);

/**
 * The dashboard's monthly trend, kept like `task_status_rollups` (same levels and
 * buckets; stored WITHOUT ROWID: db/migrations/0008_status_trend_rollups.sql) per
 * visibility, all committees (0) or one, and month of due date (`due_month` = year ×
 * 12 + month − 1 of the due date in force in the span): `due` counts every span with
 * a due date, `done_on_time`, `done_late` and `overdue` the spans of those statuses.
 * The count as of day D of the tasks falling due in month M, or of those of them in
 * a status, is the same three-level sum over the rows of M. A table of its own, with
 * the month before the level, so a reader seeks the months it shows and the status
 * counts' readers never step over these rows. Not kept per lead department: those
 * scopes read the spans of the department's tasks (docs/decisions/014, "Trend series").
 */
const TREND_ROLLUP_SERIES = ["due", "done_on_time", "done_late", "overdue"] as const;

export const taskStatusTrendRollups = sqliteTable(
  "task_status_trend_rollups",
  {
    /** As `task_status_rollups.basis`. */
    basis: integer("basis").notNull(),
    visibility: integer("visibility").notNull(),
    committeeId: integer("committee_id").notNull(),
    dueMonth: integer("due_month").notNull(),
    level: integer("level").notNull(),
    bucket: integer("bucket").notNull(),
    series: text("series", { enum: TREND_ROLLUP_SERIES }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.basis, t.visibility, t.committeeId, t.dueMonth, t.level, t.bucket, t.series] }),
    check("task_status_trend_rollups_level_check", sql`${t.level} IN (0, 1, 2)`),
    check("task_status_trend_rollups_basis_check", sql`${t.basis} IN (0, 1)`),
    check("task_status_trend_rollups_series_check", oneOf(t.series, TREND_ROLLUP_SERIES)),
  ],
);

/** Tasks whose spans and counts a write has made out of date; emptied before the write commits. */
export const taskStatusDirty = sqliteTable("task_status_dirty", {
  taskId: integer("task_id").primaryKey(),
});

/** The rules the spans were computed with (one row); other rules fall back to computing from history. */
export const taskStatusMeta = sqliteTable(
  "task_status_meta",
  {
    id: integer("id").primaryKey(),
    dueSoonDays: integer("due_soon_days").notNull(),
    staleAfterDays: integer("stale_after_days").notNull(),
    builtAt: instant("built_at"),
    /**
     * What the stored facts include (STATUS_FACTS_VERSION in app/models/status-facts.server.ts):
     * 0 spans and status counts; 1 also the trend (`task_status_trend_rollups`); 2 spans
     * cut where the lead department changes. Start-up rebuilds another version; until
     * then every reader computes from history.
     */
    version: integer("version").notNull().default(0),
  },
  (t) => [check("task_status_meta_one_row", sql`${t.id} = 1`)],
);
