// Every form an action of the app takes, as the hostile-input tests see it: its
// fields with a valid value each (read from the demo database) and what the server
// checks about them, who posts it (the most privileged user allowed to), and where.
// tests/integration/hostile-input.test.ts fails when a route module exports an
// action that has no entry here, so a new action gets described (and fuzzed).
import { REMINDER_LIMITS } from "../../app/domain/reminders";
import { sql } from "drizzle-orm";
import { addDays, formatLocalDate, today } from "../../app/domain/dates";
import { DESK_LIMITS } from "../../app/lib/desk-forms";
import { PROGRESS_LIMITS } from "../../app/domain/extensions";
import { CALENDAR_LIMITS, DEPARTMENT_LIMITS, GROUP_LIMITS, USER_LIMITS } from "../../app/domain/admin-limits";
import { API_TOKEN_NAME_MAX } from "../../app/domain/api-tokens";
import { canOnTask, hasPermission, type Actor, type Permission } from "../../app/domain/permissions";
import {
  CALENDAR_DAY_KINDS,
  DEADLINE_CHANGE_KINDS,
  DEADLINE_KINDS,
  DEPARTMENT_KINDS,
  DIRECTIVE_TYPES,
  HOLIDAY_OCCASIONS,
  RECURRENCE_FREQUENCIES,
  ROLES,
} from "../../app/domain/vocabulary";
import { INTENT_PERMISSION, type TaskPageIntent } from "../../app/lib/progress-forms";
import { ROUTE_ACCESS } from "../../app/lib/route-access";
import { MAX_IMPORT_BYTES } from "../../app/domain/task-import";
import type { AppDatabase } from "../../app/models/db.server";
import { issueApiToken } from "../../app/models/api-tokens.server";
import { changeDutyState, createDuty } from "../../app/models/recurring-duties.server";
import { createFanOut } from "../../app/models/fan-outs.server";
import { taskAccessFacts } from "../../app/models/visibility.server";
import { directives } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import type { FieldSpec, FileCase, FormSpec } from "./hostile-input";
import { demoActors, routePath } from "./remix-harness";

/** Who is "most privileged" first: the secretariat runs the desk, the admin the administration. */
const ROLE_ORDER = ["secretariat", "admin", "leadership", "dept_lead", "dept_officer"] as const;

interface World {
  db: AppDatabase;
  actors: { login: string; actor: Actor }[];
  /** dd/mm/yyyy */
  today: string;
}

/** The first demo user, in ROLE_ORDER, who holds the permission (on the task, when one is named). */
function allowedLogin(world: World, permission: Permission, taskId?: number): string {
  const facts = taskId === undefined ? null : taskAccessFacts(world.db, taskId);
  for (const role of ROLE_ORDER) {
    const found = world.actors.find(
      ({ actor }) =>
        actor.role === role &&
        hasPermission(actor, permission) &&
        (facts === null || canOnTask(actor, permission, facts)),
    );
    if (found) return found.login;
  }
  throw new Error(`no demo user may ${permission}${taskId === undefined ? "" : ` on task ${taskId}`}`);
}

function guardPermission(routeId: string): Permission {
  const guard = (ROUTE_ACCESS as Record<string, { action?: { permission: string } }>)[routeId]?.action;
  if (!guard || guard.permission === "public" || guard.permission === "signed_in") {
    throw new Error(`${routeId}: no permission to choose a user by`);
  }
  return guard.permission as Permission;
}

function one<T>(world: World, query: ReturnType<typeof sql>, what: string): T {
  const row = world.db.get<T>(query);
  if (row === undefined) throw new Error(`the demo database has no ${what}`);
  return row;
}

const day = (iso: string) => formatLocalDate(iso);

/** The version a record's form shows (committees, meetings, users and departments carry one). */
function versionOf(world: World, table: "committees" | "meetings" | "users" | "departments", id: number): number {
  return one<{ version: number }>(world, sql`SELECT version FROM ${sql.identifier(table)} WHERE id = ${id}`, table)
    .version;
}
const plusDays = (iso: string, days: number) => addDays(iso, days);

// ---------------------------------------------------------------- field helpers

const text = (value: string, max: number, more: Partial<Extract<FieldSpec, { kind: "text" }>> = {}): FieldSpec => ({
  kind: "text",
  value,
  max,
  required: true,
  ...more,
});
const optionalText = (value: string, max: number, more: { transient?: boolean } = {}): FieldSpec => ({
  kind: "text",
  value,
  max,
  required: false,
  ...more,
});
const id = (value: number | string, more: { required?: boolean; ref?: boolean } = {}): FieldSpec => ({
  kind: "id",
  value: String(value),
  required: true,
  ref: true,
  ...more,
});
const date = (value: string, required = true): FieldSpec => ({ kind: "date", value, required });
const version = (value: number, stale = true): FieldSpec => ({ kind: "version", value: String(value), stale });
const key = (): FieldSpec => ({ kind: "key", value: crypto.randomUUID(), max: PROGRESS_LIMITS.idempotencyKey });
const choice = (value: string, options: readonly string[], required = true): FieldSpec => ({
  kind: "choice",
  value,
  options,
  required,
});
const confirm: FieldSpec = { kind: "checkbox", checked: true, required: true };

// ---------------------------------------------------------------- the demo's records the forms act on

export interface HostileFixtures {
  committee: { id: number; code: string };
  meetingId: number;
  /** Issued, not confidential. */
  directive: { id: number; version: number; number: string; issuer: string };
  /** A draft with a number and an issue date (it can be issued). */
  draft: { id: number; version: number };
  closed: { id: number; version: number };
  /** Departments: the demo's STTTT, and one with no tasks, users or sub-units. */
  stttt: number;
  other: number;
  idle: number;
  officerUserId: number;
  /** A disabled account and a deactivated department (to enable and reactivate). */
  disabledUserId: number;
  inactiveDepartment: number;
  /** Tasks led by STTTT, in progress: one ongoing, one dated (extendable). */
  ongoingTask: { id: number; version: number; assignedOn: string };
  datedTask: { id: number; version: number; dueDate: string };
  awaiting: { id: number; version: number }[];
  onHold: { id: number; version: number };
  pending: { requestId: number; taskId: number; version: number; dueDate: string };
  /** A target of a task other than ongoingTask. */
  foreignTargetId: number;
  /** An API token in force (to revoke), issued by the administrator for the officer. */
  apiTokenId: number;
  /** An unread notification of the STTTT head (stttt.truong) about the ongoing task. */
  notification: { id: number; login: string };
  /** A custom unit group with STTTT as its member since 18/09/2019. */
  unitGroupId: number;
  /** Recurring duties of STTTT on the issued directive: one active, one on hold. */
  duties: { active: { id: number; version: number }; held: { id: number; version: number } };
  /** An item of the issued directive given to two leads (STTTT and SYT), with no deadline. */
  fanOutId: number;
}

/** Adds a draft and a closed directive to the demo, and finds the records the forms need. */
export function prepareHostileFixtures(db: AppDatabase): HostileFixtures {
  const world: World = { db, actors: demoActors(db), today: day(today()) };
  const committee = one<{ id: number; code: string }>(
    world,
    sql`SELECT id, code FROM committees ORDER BY id LIMIT 1`,
    "committee",
  );
  const directive = one<{ id: number; version: number; number: string; issuer: string }>(
    world,
    sql`SELECT id, version, number, issuer FROM directives WHERE state = 'issued' AND confidential = 0 AND number IS NOT NULL ORDER BY id LIMIT 1`,
    "issued directive",
  );
  const insertDirective = (state: "draft" | "closed", number: string) =>
    db
      .insert(directives)
      .values({
        committeeId: committee.id,
        type: "plan",
        number,
        issuedOn: today(),
        issuer: "UBND Thành phố Hà Nội",
        abstract: `Văn bản thử (${state})`,
        state,
      })
      .returning({ id: directives.id, version: directives.version })
      .get();
  const stttt = one<{ id: number }>(world, sql`SELECT id FROM departments WHERE code = 'STTTT'`, "STTTT").id;
  const leadTask = (extra: ReturnType<typeof sql>, what: string) =>
    one<{ id: number; version: number; assignedOn: string; dueDate: string }>(
      world,
      sql`SELECT t.id, t.version, t.assigned_on AS assignedOn, t.current_due_date AS dueDate FROM tasks t
          JOIN directives d ON d.id = t.directive_id
          WHERE t.lead_department_id = ${stttt} AND t.state = 'in_progress' AND t.parent_id IS NULL
            AND d.confidential = 0 AND NOT EXISTS (
              SELECT 1 FROM extension_requests e WHERE e.task_id = t.id AND e.state = 'pending')
            AND ${extra}
          ORDER BY t.id LIMIT 1`,
      what,
    );
  const idleDepartments = db.all<{ id: number }>(
    sql`SELECT d.id FROM departments d WHERE d.active = 1
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.lead_department_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM task_coordinators c WHERE c.department_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.department_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM departments s WHERE s.parent_id = d.id)
        ORDER BY d.id LIMIT 2`,
  );
  if (idleDepartments.length < 2) throw new Error("the demo database has fewer than two idle departments");
  db.run(sql`UPDATE departments SET active = 0 WHERE id = ${idleDepartments[1]!.id}`);
  // A department head nobody signs in as here: the most privileged dept_lead is the first one.
  const disabled = one<{ id: number }>(
    world,
    sql`SELECT id FROM users WHERE role = 'dept_lead' ORDER BY id DESC LIMIT 1`,
    "department head",
  );
  db.run(sql`UPDATE users SET active = 0 WHERE id = ${disabled.id}`);
  const ongoingTask = leadTask(sql`t.deadline_kind = 'ongoing'`, "ongoing task of STTTT");
  const datedTask = leadTask(sql`t.deadline_kind = 'dated'`, "dated task of STTTT");
  const officerUserId = one<{ id: number }>(
    world,
    sql`SELECT id FROM users WHERE role = 'dept_officer' ORDER BY id LIMIT 1`,
    "officer",
  ).id;
  const reader = world.actors.find(({ login }) => login === "stttt.truong");
  if (!reader) throw new Error("the demo database has no stttt.truong");
  const notificationId = one<{ id: number }>(
    world,
    sql`INSERT INTO notifications (user_id, kind, task_id, params)
        VALUES (${reader.actor.id}, 'instruction', ${ongoingTask.id}, '{}') RETURNING id`,
    "notification",
  ).id;
  const admin = world.actors.find(({ actor }) => actor.role === "admin");
  if (!admin) throw new Error("the demo database has no administrator");
  const token = issueApiToken(
    db,
    admin.actor,
    { name: "Hệ thống báo cáo thử", userId: officerUserId, expiresOn: null },
    { ipAddress: null, userAgent: null, requestId: null },
  );
  if (!token.ok) throw new Error(`could not issue an API token: ${token.code}`);
  const unitGroupId = one<{ id: number }>(
    world,
    sql`INSERT INTO unit_groups (name) VALUES ('Nhóm thử nghiệm') RETURNING id`,
    "unit group",
  ).id;
  db.run(
    sql`INSERT INTO unit_group_members (group_id, department_id, from_day) VALUES (${unitGroupId}, ${stttt}, '2019-09-18')`,
  );
  const secretary = world.actors.find(({ actor }) => actor.role === "secretariat");
  if (!secretary) throw new Error("the demo database has no secretariat user");
  const duty = (itemNumber: string) => {
    const created = createDuty(
      db,
      secretary.actor,
      {
        directiveId: directive.id,
        itemNumber,
        title: "Báo cáo định kỳ thử",
        description: null,
        leadDepartmentId: stttt,
        coordinatorDepartmentIds: [],
        frequency: "monthly",
        day: 28,
        workingDays: false,
        startsOn: today(),
        endsOn: null,
      },
      { ipAddress: null, userAgent: null, requestId: null },
    );
    if (!created.ok) throw new Error(`could not create a recurring duty: ${created.error}`);
    return { id: created.id, version: created.version };
  };
  const activeDuty = duty("97");
  const heldDuty = duty("98");
  const held = changeDutyState(
    db,
    secretary.actor,
    heldDuty.id,
    heldDuty.version,
    { to: "on_hold", reason: "Thử" },
    { ipAddress: null, userAgent: null, requestId: null },
  );
  if (!held.ok) throw new Error(`could not hold a recurring duty: ${held.error}`);
  const fanOut = createFanOut(
    db,
    secretary.actor,
    {
      directiveId: directive.id,
      itemNumber: "90",
      title: "Nội dung giao nhiều đơn vị thử nghiệm",
      description: null,
      target: {
        kind: "leads",
        departmentIds: [
          stttt,
          one<{ id: number }>(world, sql`SELECT id FROM departments WHERE code = 'SYT'`, "SYT").id,
        ],
      },
      coordinatorDepartmentIds: [],
      deadlineKind: "ongoing",
      dueDate: null,
      assignedOn: today(),
    },
    { ipAddress: null, userAgent: null, requestId: null },
  );
  if (!fanOut.ok) throw new Error(`could not give an item to many units: ${fanOut.error}`);
  return {
    duties: { active: activeDuty, held: { id: heldDuty.id, version: held.version } },
    committee,
    meetingId: one<{ id: number }>(world, sql`SELECT id FROM meetings ORDER BY id LIMIT 1`, "meeting").id,
    directive,
    draft: insertDirective("draft", "99/KH-THU"),
    closed: insertDirective("closed", "98/KH-THU"),
    stttt,
    other: one<{ id: number }>(world, sql`SELECT id FROM departments WHERE code = 'SNV'`, "SNV").id,
    idle: idleDepartments[0]!.id,
    inactiveDepartment: idleDepartments[1]!.id,
    disabledUserId: disabled.id,
    officerUserId,
    ongoingTask,
    datedTask,
    awaiting: db.all<{ id: number; version: number }>(
      sql`SELECT id, version FROM tasks WHERE state = 'awaiting_confirmation' ORDER BY id LIMIT 2`,
    ),
    onHold: one(world, sql`SELECT id, version FROM tasks WHERE state = 'on_hold' ORDER BY id LIMIT 1`, "task on hold"),
    pending: one(
      world,
      sql`SELECT e.id AS requestId, t.id AS taskId, t.version, t.current_due_date AS dueDate
          FROM extension_requests e JOIN tasks t ON t.id = e.task_id WHERE e.state = 'pending' ORDER BY e.id LIMIT 1`,
      "pending extension request",
    ),
    foreignTargetId: one<{ id: number }>(
      world,
      sql`SELECT id FROM targets WHERE task_id <> ${ongoingTask.id} ORDER BY id LIMIT 1`,
      "target",
    ).id,
    apiTokenId: token.tokenId,
    notification: { id: notificationId, login: reader.login },
    unitGroupId,
    fanOutId: fanOut.id,
  };
}

// ---------------------------------------------------------------- the forms

type FormsOf = (world: World, fx: HostileFixtures) => FormSpec[];

/** A route's own path for `params`, and the same path for a bad `$id`. */
function at(routeId: string, params: Record<string, string> = {}) {
  const withId = (value: string) => ({
    path: routePath(routeId, { ...params, id: value }),
    params: { ...params, id: value },
  });
  return {
    path: routePath(routeId, params),
    params,
    ...("id" in params ? { badRecord: withId } : {}),
  };
}

function directiveFields(world: World, fx: HostileFixtures): Record<string, FieldSpec> {
  return {
    committeeId: id(fx.committee.id),
    meetingId: id(fx.meetingId, { required: false }),
    number: optionalText(`${Date.now() % 100000}/TB-THU`, DESK_LIMITS.directiveNumber),
    type: choice("conclusion_notice", DIRECTIVE_TYPES),
    issuedOn: date(world.today, false),
    issuer: text("UBND Thành phố Hà Nội", DESK_LIMITS.issuer),
    signer: optionalText("Nguyễn Văn A", DESK_LIMITS.signer),
    abstract: text("Kết luận của Ban Chỉ đạo", DESK_LIMITS.abstract),
    fullText: optionalText("1. Giao Sở Thông tin và Truyền thông…", DESK_LIMITS.fullText),
    confidential: { kind: "checkbox", checked: false },
  };
}

function taskFields(world: World, fx: HostileFixtures, itemNumber: string): Record<string, FieldSpec> {
  return {
    itemNumber: text(itemNumber, DESK_LIMITS.itemNumber),
    title: text("Triển khai nền tảng số", DESK_LIMITS.title),
    description: optionalText("Chi tiết nhiệm vụ", DESK_LIMITS.description),
    leadDepartmentId: id(fx.stttt),
    coordinatorDepartmentIds: { kind: "ids", values: [String(fx.other)], ref: true },
    deadlineKind: choice("dated", DEADLINE_KINDS),
    dueDate: date(day(plusDays(today(), 60)), false),
    assignedOn: date(world.today),
    parentId: id("", { required: false }),
  };
}

function reportFields(world: World, fx: HostileFixtures): Record<string, FieldSpec> {
  return {
    // The lead's report changes the task row: its version is checked.
    version: version(fx.ongoingTask.version),
    idempotencyKey: key(),
    asOfDate: date(world.today),
    percent: { kind: "percent", value: "60" },
    result: text("Đã triển khai tại 20 phường", PROGRESS_LIMITS.result),
    difficulties: optionalText("Thiếu kinh phí", PROGRESS_LIMITS.difficulties),
    proposals: optionalText("Bổ sung kinh phí", PROGRESS_LIMITS.proposals),
  };
}

function committeeFields(code: string): Record<string, FieldSpec> {
  return {
    code: text(code, DESK_LIMITS.committeeCode, { pattern: true }),
    name: text("Ban Chỉ đạo thử", DESK_LIMITS.committeeName),
    description: optionalText("Mô tả", DESK_LIMITS.committeeDescription),
  };
}

function meetingFields(world: World): Record<string, FieldSpec> {
  return {
    heldOn: date(world.today),
    title: text("Họp định kỳ", DESK_LIMITS.title),
    chair: optionalText("Chủ tịch UBND", DESK_LIMITS.chair),
    place: optionalText("Phòng họp số 1", DESK_LIMITS.place),
    attendees: optionalText("Các sở, ngành", DESK_LIMITS.attendees),
    notes: optionalText("Ghi chú", DESK_LIMITS.notes),
  };
}

function departmentProfile(name: string): Record<string, FieldSpec> {
  return {
    name: text(name, DEPARTMENT_LIMITS.nameMax),
    shortName: optionalText("Thử", DEPARTMENT_LIMITS.shortNameMax),
    kind: choice("department", DEPARTMENT_KINDS),
    parentId: id("", { required: false }),
  };
}

function userProfile(fx: HostileFixtures): Record<string, FieldSpec> {
  return {
    displayName: text("Nguyễn Thị Thử", USER_LIMITS.displayNameMax),
    email: { kind: "email", value: "thu@hanoi.gov.vn" },
    role: choice("dept_officer", ROLES),
    departmentId: id(fx.stttt, { required: false }),
  };
}

const password = (value: string): FieldSpec => ({
  kind: "password",
  value,
  min: USER_LIMITS.passwordMin,
  max: USER_LIMITS.passwordMax,
});

const CSV_HEADER = "Mục,Nhiệm vụ,Nội dung chi tiết,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Thuộc mục";

function importCases(): FileCase[] {
  const csv = (label: string, body: string): FileCase => ({
    label,
    name: "nhiem-vu.csv",
    type: "text/csv",
    content: body,
  });
  return [
    { label: "an empty file", name: "trong.csv", type: "text/csv", content: "" },
    { label: "not a spreadsheet", name: "virus.exe", type: "application/octet-stream", content: "MZ\u0090\u0000" },
    { label: "a broken .xlsx", name: "hong.xlsx", type: "application/zip", content: "PK\u0003\u0004garbage" },
    csv("no header", "1,Nhiệm vụ,,STTTT,,31/12/2030,\n"),
    csv("a header only", `${CSV_HEADER}\n`),
    csv("an unknown department", `${CSV_HEADER}\n91,Nhiệm vụ thử,,KHONG-CO,,31/12/2030,\n`),
    csv("a date that is no day", `${CSV_HEADER}\n91,Nhiệm vụ thử,,STTTT,,31/02/2030,\n`),
    csv(
      "a formula and a script",
      `${CSV_HEADER}\n91,=HYPERLINK("http://x"),<script>alert(1)</script>,KHONG-CO,,31/12/2030,\n`,
    ),
    csv("over 2 MB", `${CSV_HEADER}\n${"9".repeat(MAX_IMPORT_BYTES + 10)}`),
  ];
}

/** The forms of each route module that has an action, by Remix route id. */
export const HOSTILE_FORMS: Record<string, FormsOf> = {
  "routes/login": () => [
    {
      label: "sign in",
      fields: {
        login: text("khong.ton.tai", 100, { transient: true }),
        password: { kind: "password", value: "Sai-mat-khau-1", min: 1, max: 200 },
        redirectTo: { kind: "path", value: "/tasks" },
      },
      login: null,
      ...at("routes/login"),
      // A sign-in with a login nobody has: refused by the model, never by chance accepted.
      base: "refused",
    },
    {
      // The right password, sent back to a page whose address holds Vietnamese: the
      // redirect was a 500 that came after the session and its audit event were written.
      label: "sign in (right password)",
      fields: {
        login: text("vanphong", 100, { transient: true }),
        password: { kind: "password", value: DEMO_PASSWORD, min: 1, max: 200 },
        redirectTo: { kind: "path", value: "/search?q=đào tạo" },
      },
      login: null,
      ...at("routes/login"),
      base: "writes",
    },
  ],
  "routes/logout": () => [
    { label: "sign out", fields: {}, login: null, ...at("routes/logout"), base: "ignores", mayAudit: ["auth.logout"] },
  ],
  "routes/language": () => [
    {
      label: "language",
      fields: { locale: { kind: "free", value: "en" }, redirectTo: { kind: "path", value: "/tasks?q=đào tạo" } },
      login: null,
      ...at("routes/language"),
      base: "ignores",
    },
  ],

  "routes/committees.new": (world) => [
    {
      label: "new committee",
      fields: {
        ...committeeFields("BCD-THU"),
        code: text("BCD-THU", DESK_LIMITS.committeeCode, { pattern: true, unique: ["bcd-cds", "BCD-CQDT"] }),
      },
      login: allowedLogin(world, guardPermission("routes/committees.new")),
      ...at("routes/committees.new"),
      base: "writes",
    },
  ],
  "routes/committees.$id_.edit": (world, fx) => [
    {
      label: "edit committee",
      fields: {
        ...committeeFields(fx.committee.code),
        active: { kind: "checkbox", checked: true },
        version: version(versionOf(world, "committees", fx.committee.id)),
      },
      login: allowedLogin(world, guardPermission("routes/committees.$id_.edit")),
      ...at("routes/committees.$id_.edit", { id: String(fx.committee.id) }),
      base: "writes",
    },
  ],
  "routes/meetings.new": (world, fx) => [
    {
      label: "new meeting",
      fields: { committeeId: id(fx.committee.id), ...meetingFields(world) },
      login: allowedLogin(world, guardPermission("routes/meetings.new")),
      ...at("routes/meetings.new"),
      base: "writes",
    },
  ],
  "routes/meetings.$id_.edit": (world, fx) => [
    {
      label: "edit meeting",
      fields: { ...meetingFields(world), version: version(versionOf(world, "meetings", fx.meetingId)) },
      login: allowedLogin(world, guardPermission("routes/meetings.$id_.edit")),
      ...at("routes/meetings.$id_.edit", { id: String(fx.meetingId) }),
      base: "writes",
    },
  ],

  "routes/directives.new": (world, fx) => [
    {
      label: "new directive",
      fields: directiveFields(world, fx),
      login: allowedLogin(world, guardPermission("routes/directives.new")),
      ...at("routes/directives.new"),
      base: "writes",
    },
  ],
  "routes/directives.$id_.edit": (world, fx) => [
    {
      label: "edit directive",
      fields: { ...directiveFields(world, fx), version: version(fx.draft.version) },
      login: allowedLogin(world, guardPermission("routes/directives.$id_.edit")),
      ...at("routes/directives.$id_.edit", { id: String(fx.draft.id) }),
      base: "writes",
    },
  ],
  "routes/directives.$id": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/directives.$id"));
    const intents = ["issue", "close", "reopen"] as const;
    const target = { issue: fx.draft, close: fx.directive, reopen: fx.closed };
    return intents.map((intent) => ({
      label: `directive: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: { version: version(target[intent].version) },
      login,
      ...at("routes/directives.$id", { id: String(target[intent].id) }),
      base: "writes" as const,
    }));
  },

  "routes/tasks.new": (world, fx) => [
    {
      label: "new task",
      fields: taskFields(world, fx, "91"),
      login: allowedLogin(world, guardPermission("routes/tasks.new")),
      path: `/tasks/new?directive=${fx.directive.id}`,
      params: {},
      badRecord: (value) => ({ path: `/tasks/new?directive=${encodeURIComponent(value)}`, params: {} }),
      base: "writes",
    },
  ],
  "routes/duties.new": (world, fx) => [
    {
      label: "new recurring duty",
      fields: {
        itemNumber: text("96", DESK_LIMITS.itemNumber),
        title: text("Báo cáo tình hình hằng tháng", DESK_LIMITS.title),
        description: optionalText("Chi tiết", DESK_LIMITS.description),
        leadDepartmentId: id(fx.stttt),
        coordinatorDepartmentIds: { kind: "ids", values: [String(fx.other)], ref: true },
        frequency: choice("monthly", RECURRENCE_FREQUENCIES),
        day: { kind: "number", value: "5" },
        workingDays: { kind: "checkbox", checked: false },
        startsOn: date(world.today),
        endsOn: date("", false),
      },
      login: allowedLogin(world, guardPermission("routes/duties.new")),
      path: `/duties/new?directive=${fx.directive.id}`,
      params: {},
      badRecord: (value) => ({ path: `/duties/new?directive=${encodeURIComponent(value)}`, params: {} }),
      base: "writes",
    },
  ],
  "routes/duties.$id": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/duties.$id"));
    const intents = ["on_hold", "withdrawn", "resume"] as const;
    const reason = text("Theo chỉ đạo của Trưởng ban", DESK_LIMITS.reason);
    return intents.map((intent) => {
      const target = intent === "resume" ? fx.duties.held : fx.duties.active;
      const fields: Record<string, FieldSpec> = { version: version(target.version) };
      if (intent !== "resume") fields.reason = reason;
      return {
        label: `recurring duty: ${intent}`,
        intent,
        otherIntents: intents.filter((other) => other !== intent),
        fields,
        login,
        ...at("routes/duties.$id", { id: String(target.id) }),
        base: "writes" as const,
      };
    });
  },
  "routes/tasks.$id_.edit": (world, fx) => {
    const task = world.db.get<{ itemNumber: string; assignedOn: string }>(
      sql`SELECT item_number AS itemNumber, assigned_on AS assignedOn FROM tasks WHERE id = ${fx.datedTask.id}`,
    )!;
    return [
      {
        label: "edit task",
        fields: {
          ...taskFields(world, fx, task.itemNumber),
          assignedOn: date(day(task.assignedOn)),
          // The task's directive is issued: its deadline changes only through the history page
          // (the edit form refuses a changed one, deadline_on_issued), so the form keeps it.
          dueDate: date(day(fx.datedTask.dueDate), false),
          version: version(fx.datedTask.version),
        },
        login: allowedLogin(world, guardPermission("routes/tasks.$id_.edit")),
        ...at("routes/tasks.$id_.edit", { id: String(fx.datedTask.id) }),
        base: "writes",
      },
    ];
  },
  "routes/tasks.$id": (world, fx) => {
    const intents = Object.keys(INTENT_PERMISSION) as TaskPageIntent[];
    const reason = text("Theo chỉ đạo của Trưởng ban", DESK_LIMITS.reason);
    const ongoingLead = world.db.get<{ lead: number }>(
      sql`SELECT lead_department_id AS lead FROM tasks WHERE id = ${fx.ongoingTask.id}`,
    )!.lead;
    const forms: Record<TaskPageIntent, { taskId: number; fields: Record<string, FieldSpec> }> = {
      hold: { taskId: fx.ongoingTask.id, fields: { version: version(fx.ongoingTask.version), reason } },
      cancel: { taskId: fx.ongoingTask.id, fields: { version: version(fx.ongoingTask.version), reason } },
      resume: { taskId: fx.onHold.id, fields: { version: version(fx.onHold.version) } },
      reassign: {
        taskId: fx.ongoingTask.id,
        fields: { version: version(fx.ongoingTask.version), departmentId: id(fx.other), reason },
      },
      report: { taskId: fx.ongoingTask.id, fields: reportFields(world, fx) },
      request_extension: {
        taskId: fx.datedTask.id,
        fields: {
          idempotencyKey: key(),
          proposedDueDate: date(day(plusDays(fx.datedTask.dueDate, 30))),
          reason: text("Chờ ý kiến các bộ, ngành", PROGRESS_LIMITS.reason),
        },
      },
      decide_extension: {
        taskId: fx.pending.taskId,
        fields: {
          version: version(fx.pending.version),
          requestId: id(fx.pending.requestId),
          outcome: choice("approve", ["approve", "reject", "counter"]),
          note: optionalText("Đồng ý", PROGRESS_LIMITS.note),
          dueDate: { kind: "free", value: "" },
        },
      },
      report_completion: {
        taskId: fx.ongoingTask.id,
        fields: {
          version: version(fx.ongoingTask.version),
          idempotencyKey: key(),
          completionDate: date(world.today),
          result: text("Đã hoàn thành", PROGRESS_LIMITS.result),
        },
      },
      confirm_completion: { taskId: fx.awaiting[0]!.id, fields: { version: version(fx.awaiting[0]!.version) } },
      return_completion: {
        taskId: fx.awaiting[1]!.id,
        fields: { version: version(fx.awaiting[1]!.version), reason: text("Chưa đủ hồ sơ", PROGRESS_LIMITS.reason) },
      },
      comment: {
        taskId: fx.ongoingTask.id,
        fields: { idempotencyKey: key(), body: text("Đề nghị báo cáo sớm", PROGRESS_LIMITS.commentBody) },
      },
      remind: {
        taskId: fx.ongoingTask.id,
        fields: {
          idempotencyKey: key(),
          departmentId: id(ongoingLead),
          message: optionalText("Đề nghị báo cáo tiến độ", REMINDER_LIMITS.message),
        },
      },
    };
    const specs: FormSpec[] = intents.map((intent) => {
      const { taskId, fields } = forms[intent];
      return {
        label: `task: ${intent}`,
        intent,
        otherIntents: intents.filter((other) => other !== intent),
        fields,
        login: allowedLogin(world, INTENT_PERMISSION[intent], taskId),
        ...at("routes/tasks.$id", { id: String(taskId) }),
        base: "writes",
      };
    });
    // A report with a measured value: the target belongs to another task, so the model refuses it as it stands.
    const report = specs.find((spec) => spec.intent === "report")!;
    specs.push({
      ...report,
      label: "task: report with a target value",
      fields: {
        ...reportFields(world, fx),
        "targetValues[0].targetId": id(fx.foreignTargetId),
        "targetValues[0].value": { kind: "number", value: "12.5" },
      },
      base: "refused",
    });
    return specs;
  },

  // Deadline changes and records entered after the fact, on the dated task: each of its
  // days is today, which is never before the task's latest move nor to come.
  "routes/tasks.$id_.history": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/tasks.$id_.history"), fx.datedTask.id);
    const intents = ["deadline", "extension", "completion"] as const;
    const reason = text("Công văn số 215/UBND-KGVX", DESK_LIMITS.reason);
    const fields: Record<(typeof intents)[number], Record<string, FieldSpec>> = {
      deadline: {
        version: version(fx.datedTask.version),
        kind: choice("change", DEADLINE_CHANGE_KINDS),
        dueDate: date(day(plusDays(fx.datedTask.dueDate, 45))),
        effectiveOn: date(world.today, false),
        reason,
      },
      extension: {
        version: version(fx.datedTask.version),
        dueDate: date(day(plusDays(fx.datedTask.dueDate, 30))),
        decidedOn: date(world.today),
        reason,
      },
      completion: {
        version: version(fx.datedTask.version),
        completionDate: date(world.today),
        reportedOn: date(world.today),
        confirmedOn: date(world.today, false),
        result: text("Đã hoàn thành, báo cáo bằng văn bản", DESK_LIMITS.description),
        reason,
      },
    };
    return intents.map((intent) => ({
      label: `history: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: fields[intent],
      login,
      ...at("routes/tasks.$id_.history", { id: String(fx.datedTask.id) }),
      base: "writes" as const,
    }));
  },
  // Publishing a period report: a committee that names no record is refused by the model.
  "routes/reports._index": (world, fx) => [
    {
      label: "publish report",
      fields: {
        title: text("Báo cáo tình hình thực hiện quý", DESK_LIMITS.title),
        cutOff: date(world.today),
        committee: id(fx.committee.id, { required: false }),
      },
      login: allowedLogin(world, guardPermission("routes/reports._index")),
      ...at("routes/reports._index"),
      base: "writes",
    },
  ],

  "routes/directives.$id_.split": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/directives.$id_.split"));
    const where = at("routes/directives.$id_.split", { id: String(fx.directive.id) });
    const pasted = "1. Giao Sở Thông tin và Truyền thông triển khai trước ngày 31/12/2030.";
    const forms: FormSpec[] = [
      {
        label: "split: split",
        intent: "split",
        otherIntents: ["edit", "save"],
        fields: { text: text(pasted, DESK_LIMITS.fullText, { transient: true }) },
        login,
        ...where,
        base: "reads",
      },
      {
        label: "split: edit",
        intent: "edit",
        otherIntents: ["split", "save"],
        fields: { text: optionalText(pasted, DESK_LIMITS.fullText, { transient: true }) },
        login,
        ...where,
        base: "reads",
      },
      {
        label: "split: save",
        intent: "save",
        otherIntents: ["split", "edit"],
        fields: {
          text: optionalText(pasted, DESK_LIMITS.fullText, { transient: true }),
          assignedOn: date(world.today),
          "tasks[0].include": { kind: "checkbox", checked: true },
          "tasks[0].itemNumber": text("92", DESK_LIMITS.itemNumber),
          "tasks[0].title": text("Triển khai nền tảng số", DESK_LIMITS.title),
          "tasks[0].description": optionalText("", DESK_LIMITS.description),
          "tasks[0].leadDepartmentId": id(fx.stttt),
          "tasks[0].coordinatorDepartmentIds": { kind: "ids", values: [String(fx.other)], ref: true },
          "tasks[0].deadlineKind": choice("dated", DEADLINE_KINDS),
          "tasks[0].dueDate": date("31/12/2030"),
          // An item number of the text or of the directive: a reference, not free text.
          "tasks[0].parentItemNumber": { kind: "free", value: "" },
        },
        login,
        ...where,
        base: "writes",
      },
    ];
    return forms;
  },
  "routes/directives.$id_.import": (world, fx) => [
    {
      label: "import tasks",
      fields: {
        file: {
          kind: "file",
          name: "nhiem-vu.csv",
          type: "text/csv",
          content: `${CSV_HEADER}\n93,Nhiệm vụ nhập từ tệp,,STTTT,SNV,31/12/2030,\n`,
          refused: importCases(),
        },
      },
      login: allowedLogin(world, guardPermission("routes/directives.$id_.import")),
      ...at("routes/directives.$id_.import", { id: String(fx.directive.id) }),
      base: "writes",
      multipart: true,
    },
  ],

  "routes/admin.users.new": (world, fx) => [
    {
      label: "new user",
      fields: {
        login: text("nguoi.thu", USER_LIMITS.loginMax, { pattern: true, unique: ["ADMIN", "VanPhong"] }),
        ...userProfile(fx),
        password: password("Mat-khau-rat-dai-1"),
        passwordConfirm: { kind: "free", value: "Mat-khau-rat-dai-1" },
      },
      login: allowedLogin(world, guardPermission("routes/admin.users.new")),
      ...at("routes/admin.users.new"),
      base: "writes",
    },
  ],
  "routes/admin.users.$id": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/admin.users.$id"));
    const where = at("routes/admin.users.$id", { id: String(fx.officerUserId) });
    const intents = ["profile", "password", "sessions", "disable", "enable"] as const;
    const officer = version(versionOf(world, "users", fx.officerUserId));
    const fields: Record<(typeof intents)[number], Record<string, FieldSpec>> = {
      profile: { ...userProfile(fx), version: officer },
      password: {
        version: officer,
        password: password("Mat-khau-moi-rat-dai"),
        passwordConfirm: { kind: "free", value: "Mat-khau-moi-rat-dai" },
      },
      // Ending sessions changes nothing of the account: no version.
      sessions: { confirm },
      disable: { version: officer, confirm },
      enable: { version: version(versionOf(world, "users", fx.disabledUserId)) },
    };
    return intents.map((intent) => ({
      label: `user: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: fields[intent],
      login,
      // Enabling an enabled account changes nothing: enable the disabled one.
      ...(intent === "enable" ? at("routes/admin.users.$id", { id: String(fx.disabledUserId) }) : where),
      base: "writes" as const,
    }));
  },
  "routes/admin.departments.new": (world, fx) => [
    {
      label: "new department",
      fields: {
        code: text("STHU", DEPARTMENT_LIMITS.codeMax, { pattern: true, unique: ["stttt", "STTTT"] }),
        ...departmentProfile("Sở Thử nghiệm"),
        parentId: id(fx.other, { required: false }),
      },
      login: allowedLogin(world, guardPermission("routes/admin.departments.new")),
      ...at("routes/admin.departments.new"),
      base: "writes",
    },
  ],
  "routes/admin.departments.$id": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/admin.departments.$id"));
    const where = at("routes/admin.departments.$id", { id: String(fx.idle) });
    const intents = ["profile", "deactivate", "reactivate", "merge"] as const;
    const idle = version(versionOf(world, "departments", fx.idle));
    const fields: Record<(typeof intents)[number], Record<string, FieldSpec>> = {
      profile: { ...departmentProfile("Sở Đổi tên"), version: idle },
      deactivate: { version: idle, confirm },
      reactivate: { version: version(versionOf(world, "departments", fx.inactiveDepartment)) },
      merge: {
        version: idle,
        successorId: id(fx.other),
        effectiveOn: date(world.today),
        reason: text("Hợp nhất theo quyết định", DEPARTMENT_LIMITS.reasonMax),
        confirm,
      },
    };
    return intents.map((intent) => ({
      label: `department: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: fields[intent],
      login,
      // Reactivating an active department changes nothing: reactivate the inactive one.
      ...(intent === "reactivate" ? at("routes/admin.departments.$id", { id: String(fx.inactiveDepartment) }) : where),
      base: "writes" as const,
    }));
  },
  "routes/admin.api-tokens.new": (world, fx) => [
    {
      label: "issue API token",
      fields: {
        name: text("Hệ thống báo cáo của Văn phòng", API_TOKEN_NAME_MAX),
        // The account the token acts as: an unknown (or disabled) one is refused by the model.
        userId: id(fx.officerUserId),
        expiresOn: date(day(plusDays(today(), 90)), false),
      },
      login: allowedLogin(world, guardPermission("routes/admin.api-tokens.new")),
      ...at("routes/admin.api-tokens.new"),
      base: "writes",
      // The secret is shown once on this page, never redirected through a URL.
      writtenStatus: 200,
    },
  ],
  "routes/notifications": (_world, fx) => {
    const intents = ["read", "read_all"] as const;
    return intents.map((intent) => ({
      label: `notifications: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: (intent === "read" ? { id: id(fx.notification.id) } : {}) as Record<string, FieldSpec>,
      login: fx.notification.login,
      ...at("routes/notifications"),
      base: "writes" as const,
    }));
  },
  "routes/admin.api-tokens.$id": (world, fx) => [
    {
      label: "API token: revoke",
      intent: "revoke",
      fields: { confirm },
      login: allowedLogin(world, guardPermission("routes/admin.api-tokens.$id")),
      ...at("routes/admin.api-tokens.$id", { id: String(fx.apiTokenId) }),
      base: "writes",
    },
  ],
  "routes/admin.holidays._index": (world) => {
    const login = allowedLogin(world, guardPermission("routes/admin.holidays._index"));
    const intents = ["add", "remove", "loadYear"] as const;
    const tet = one<{ id: number }>(world, sql`SELECT id FROM calendar_days WHERE day = '2026-02-17'`, "Tết 2026").id;
    const fields: Record<(typeof intents)[number], Record<string, FieldSpec>> = {
      add: {
        // A Monday off in exchange for a worked Saturday, far from any deadline.
        day: date("04/05/2099"),
        kind: choice("swapped_off", CALENDAR_DAY_KINDS),
        occasion: choice("other", HOLIDAY_OCCASIONS),
        // Required with "other": it names the occasion.
        note: text("Thông báo số 01/TB-BNV", CALENDAR_LIMITS.noteMax),
      },
      remove: { id: id(tet) },
      loadYear: { year: { kind: "number", value: "2031" } },
    };
    return intents.map((intent) => ({
      label: `holidays: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: fields[intent],
      login,
      ...at("routes/admin.holidays._index"),
      base: "writes" as const,
    }));
  },
  "routes/admin.groups.new": (world, fx) => [
    {
      label: "new unit group",
      fields: {
        name: text("Các đơn vị thuộc Ban Chỉ đạo", GROUP_LIMITS.nameMax, {
          unique: ["các sở, ban, ngành", "CAC SO, BAN, NGANH"],
        }),
        description: optionalText("Ban Chỉ đạo xây dựng Chính quyền điện tử", GROUP_LIMITS.descriptionMax),
        departmentIds: { kind: "ids", values: [String(fx.stttt), String(fx.other)], ref: true },
        fromDay: date("18/09/2019", false),
      },
      login: allowedLogin(world, guardPermission("routes/admin.groups.new")),
      ...at("routes/admin.groups.new"),
      base: "writes",
    },
  ],
  "routes/admin.groups.$id": (world, fx) => {
    const login = allowedLogin(world, guardPermission("routes/admin.groups.$id"));
    const intents = ["profile", "add", "remove"] as const;
    const groupVersion = one<{ version: number }>(
      world,
      sql`SELECT version FROM unit_groups WHERE id = ${fx.unitGroupId}`,
      "unit group",
    ).version;
    const fields: Record<(typeof intents)[number], Record<string, FieldSpec>> = {
      profile: {
        version: version(groupVersion),
        name: text("Nhóm đã đổi tên", GROUP_LIMITS.nameMax),
        description: optionalText("Mô tả mới", GROUP_LIMITS.descriptionMax),
      },
      add: { departmentIds: { kind: "ids", values: [String(fx.other)], ref: true }, fromDay: date(world.today, false) },
      remove: {
        departmentIds: { kind: "ids", values: [String(fx.stttt)], ref: true },
        untilDay: date(world.today, false),
      },
    };
    return intents.map((intent) => ({
      label: `unit group: ${intent}`,
      intent,
      otherIntents: intents.filter((other) => other !== intent),
      fields: fields[intent],
      login,
      ...at("routes/admin.groups.$id", { id: String(fx.unitGroupId) }),
      base: "writes" as const,
    }));
  },
  "routes/directives.$id_.items.$itemId": (world, fx) => {
    const item = one<{ version: number }>(
      world,
      sql`SELECT version FROM task_fan_outs WHERE id = ${fx.fanOutId}`,
      "item given to many units",
    );
    return [
      {
        label: "give an item to one more unit",
        fields: {
          version: version(item.version),
          departmentId: id(fx.other),
          dueDate: date(world.today, false),
          assignedOn: date(world.today),
        },
        login: allowedLogin(world, guardPermission("routes/directives.$id_.items.$itemId")),
        ...at("routes/directives.$id_.items.$itemId", { id: String(fx.directive.id), itemId: String(fx.fanOutId) }),
        base: "writes" as const,
      },
    ];
  },
};

/**
 * Where and as whom to post to an action whose forms are not described yet, so that
 * junk and non-form bodies reach it all the same: the guard's permission
 * (app/lib/route-access.ts) chooses the user, and `$id` or the guard's query
 * parameter names a record of the kind it guards (a task, a directive) or record 1.
 */
export function undescribedForm(db: AppDatabase, fx: HostileFixtures, routeId: string): FormSpec {
  const world: World = { db, actors: demoActors(db), today: day(today()) };
  const guard = (
    ROUTE_ACCESS as Record<
      string,
      { action?: { permission: string; resource?: "task" | "directive"; resourceQuery?: string } }
    >
  )[routeId]?.action;
  const permission = guard?.permission ?? "public";
  const login =
    permission === "public"
      ? null
      : permission === "signed_in"
        ? world.actors[0]!.login
        : allowedLogin(world, permission as Permission);
  const record = String(
    guard?.resource === "task" ? fx.ongoingTask.id : guard?.resource === "directive" ? fx.directive.id : 1,
  );
  if (guard?.resourceQuery) {
    return {
      label: `${routeId} (undescribed)`,
      fields: {},
      login,
      path: `${routePath(routeId, {})}?${new URLSearchParams({ [guard.resourceQuery]: record })}`,
      params: {},
      base: "ignores",
    };
  }
  const params: Record<string, string> = routeId.includes("$id") ? { id: record } : {};
  // An item given to many units, in the guarded directive.
  if (routeId.includes("$itemId")) params.itemId = String(fx.fanOutId);
  return { label: `${routeId} (undescribed)`, fields: {}, login, ...at(routeId, params), base: "ignores" };
}

export function hostileForms(db: AppDatabase, fx: HostileFixtures, routeId: string): FormSpec[] | null {
  const describe = HOSTILE_FORMS[routeId];
  return describe ? describe({ db, actors: demoActors(db), today: day(today()) }, fx) : null;
}
