// Reminders, escalation, the scheduled job and notifications (app/models/reminders.server.ts,
// notifications.server.ts) on the real demo database, loaded for a fixed day: numbering,
// resolution by the department's answer, escalation at the 3rd unanswered manual reminder of
// an overdue task (not before it is overdue, not after an answer, not by automatic ones), the
// job run twice creating nothing, who is notified of what, unread counts, and audit rows.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, comments, notifications, reminders, tasks } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import type { LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { writeTransaction, type AppDatabase } from "../../app/models/db.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { dashboardFigures } from "../../app/models/dashboard.server";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notifyTaskEvent,
  unreadCount,
} from "../../app/models/notifications.server";
import { isEscalated, runReminderJob, sendReminder, taskReminders } from "../../app/models/reminders.server";
import {
  addComment,
  confirmCompletion,
  decideExtension,
  reportCompletion,
  requestExtension,
  returnCompletion,
  submitProgressReport,
} from "../../app/models/task-progress.server";
import { createTask, reassignLead } from "../../app/models/tasks.server";
import { translator } from "../../app/lib/i18n";
import { freshDatabase } from "../setup/database";

/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);
const DEMO_NOW = at("2026-03-16");
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "reminders" };
const t = translator("vi");

let db: AppDatabase;
let secretariat: Actor;
let leadership: Actor;
let lead: Actor; // stttt.truong
let officer: Actor; // stttt.chuyenvien
let coordinatorLead: Actor; // sgddt.truong
let stttt: number;
let sgddt: number;
let directiveId: number;
let keys = 0;

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}
const userId = (login: string) => actor(login).id;
const key = () => `key-${++keys}`;

beforeEach(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: DEMO_NOW });
  secretariat = actor("vanphong");
  leadership = actor("lanhdao");
  lead = actor("stttt.truong");
  officer = actor("stttt.chuyenvien");
  coordinatorLead = actor("sgddt.truong");
  stttt = lead.departmentId!;
  sgddt = coordinatorLead.departmentId!;
  directiveId = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '412/TB-UBND'`)!.id;
});

/** A task led by STTTT with SGDDT coordinating. */
function newTask(assignedOn: LocalDate, dueDate: LocalDate): number {
  const result = createTask(
    db,
    secretariat,
    {
      directiveId,
      parentId: null,
      itemNumber: "R",
      title: `Nhiệm vụ đôn đốc ${++keys}`,
      description: null,
      leadDepartmentId: stttt,
      coordinatorDepartmentIds: [sgddt],
      deadlineKind: "dated",
      dueDate,
      assignedOn,
    },
    origin,
    at(assignedOn),
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

function remind(taskId: number, departmentId: number, day: LocalDate, message: string | null = null) {
  const result = sendReminder(
    db,
    secretariat,
    { taskId, departmentId, message, idempotencyKey: key() },
    origin,
    at(day),
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

function report(actorOf: Actor, taskId: number, day: LocalDate, percent = 40) {
  const version = db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, taskId)).get()!.v;
  const result = submitProgressReport(
    db,
    actorOf,
    { taskId, baseVersion: version, asOfDate: day, percent, result: "Đang thực hiện", idempotencyKey: key() },
    origin,
    at(day, "15:00"),
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
}

const remindersOf = (taskId: number) =>
  db.select().from(reminders).where(eq(reminders.taskId, taskId)).orderBy(asc(reminders.id)).all();
const notificationsOf = (login: string, taskId?: number) =>
  db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId(login)),
        taskId === undefined ? sql`1 = 1` : eq(notifications.taskId, taskId),
      ),
    )
    .orderBy(asc(notifications.id))
    .all();
/** The notifications after the one announcing the new task to its departments. */
const noticesOf = (login: string, taskId: number) =>
  notificationsOf(login, taskId).filter((n) => n.kind !== "task_assigned");
const auditActions = (taskId: number, prefix: string) =>
  db
    .select({ action: auditEvents.action, actorId: auditEvents.actorId, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "task"),
        eq(auditEvents.entityId, String(taskId)),
        sql`${auditEvents.action} LIKE ${`${prefix}%`}`,
      ),
    )
    .orderBy(asc(auditEvents.id))
    .all();
function totals() {
  const n = (table: typeof reminders | typeof notifications | typeof auditEvents) =>
    db.select({ n: count() }).from(table).get()!.n;
  return { reminders: n(reminders), notifications: n(notifications), audit: n(auditEvents) };
}

/** The task list's `?escalated=1` as the user sees it on a day, and the dashboard's figure. */
function escalatedList(user: Actor, day: LocalDate) {
  const query = taskListQuery(t).parse({ escalated: "1" });
  const list = listTasks(db, user, query, day);
  const figure = dashboardFigures(db, user, {}, day, false).escalated;
  expect(figure.count, "the dashboard's figure equals its list").toBe(list.rowCount);
  expect(figure.href).toBe(`/tasks?escalated=1&asOf=${day}`);
  return list.rows.map((r) => r.id);
}

describe("manual reminders", () => {
  it("are numbered per task and department; a resubmitted form sends one", () => {
    const id = newTask("2026-03-01", "2026-04-30");
    const first = remind(id, stttt, "2026-03-20", "Đề nghị báo cáo tiến độ");
    const second = remind(id, stttt, "2026-03-21");
    const coordinator = remind(id, sgddt, "2026-03-21");
    expect([first.ordinal, second.ordinal, coordinator.ordinal]).toEqual([1, 2, 1]);

    const before = totals();
    const again = sendReminder(
      db,
      secretariat,
      { taskId: id, departmentId: stttt, message: null, idempotencyKey: "same-form" },
      origin,
      at("2026-03-22"),
    );
    const twice = sendReminder(
      db,
      secretariat,
      { taskId: id, departmentId: stttt, message: null, idempotencyKey: "same-form" },
      origin,
      at("2026-03-22", "10:01"),
    );
    expect(again).toMatchObject({ ok: true, duplicate: false, ordinal: 3 });
    expect(twice).toMatchObject({ ok: true, duplicate: true, id: again.ok ? again.id : -1, ordinal: 3 });
    expect(totals().reminders).toBe(before.reminders + 1);
    // The same key on another task is a misuse, not a duplicate.
    const other = newTask("2026-03-01", "2026-04-30");
    expect(
      sendReminder(db, secretariat, { taskId: other, departmentId: stttt, idempotencyKey: "same-form" }, origin),
    ).toMatchObject({ ok: false, error: "invalid", fields: ["idempotencyKey"] });

    const shown = taskReminders(db, id);
    expect(shown.map((r) => [r.department, r.ordinal, r.kind, r.resolvedAt])).toEqual([
      ["Sở Thông tin và Truyền thông", 3, "manual", null],
      ["Sở Giáo dục và Đào tạo", 1, "manual", null],
      ["Sở Thông tin và Truyền thông", 2, "manual", null],
      ["Sở Thông tin và Truyền thông", 1, "manual", null],
    ]);
    expect(shown.at(-1)).toMatchObject({
      message: "Đề nghị báo cáo tiến độ",
      sender: "Lê Thu Hương (Tổ giúp việc Ban Chỉ đạo)",
    });

    const audit = auditActions(id, "reminder.");
    expect(audit.map((a) => [a.action, a.actorId])).toEqual(Array(4).fill(["reminder.send", secretariat.id]));
    expect(audit[0]!.after).toMatchObject({ departmentId: stttt, ordinal: 1, kind: "manual", notified: 2 });
  });

  it("refuses what may not be reminded, and writes nothing", () => {
    const id = newTask("2026-03-01", "2026-04-30");
    const snv = actor("snv.truong").departmentId!;
    const cases: [Actor, Parameters<typeof sendReminder>[2], Record<string, unknown>][] = [
      [secretariat, { taskId: id, departmentId: snv }, { error: "not_assigned" }],
      [secretariat, { taskId: id, departmentId: 0 }, { error: "invalid", fields: ["departmentId"] }],
      [secretariat, { taskId: id, departmentId: stttt, message: "x".repeat(2001) }, { error: "invalid" }],
      [secretariat, { taskId: 999_999, departmentId: stttt }, { error: "not_found" }],
      [lead, { taskId: id, departmentId: stttt }, { error: "forbidden" }],
      [leadership, { taskId: id, departmentId: stttt }, { error: "forbidden" }],
      // A department head, on a task outside the department: it does not exist for them.
      [actor("snv.truong"), { taskId: id, departmentId: stttt }, { error: "not_found" }],
    ];
    for (const [who, input, expected] of cases) {
      const before = totals();
      expect(sendReminder(db, who, input, origin, at("2026-03-20"))).toMatchObject({ ok: false, ...expected });
      expect(totals()).toEqual(before);
    }
    // A task no longer in the department's hands cannot be reminded of.
    report(lead, id, "2026-03-20", 100);
    const done = reportCompletion(
      db,
      lead,
      {
        taskId: id,
        baseVersion: db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v,
        completionDate: "2026-03-21",
        result: "Xong",
        idempotencyKey: key(),
      },
      origin,
      at("2026-03-21"),
    );
    expect(done.ok).toBe(true);
    const before = totals();
    expect(sendReminder(db, secretariat, { taskId: id, departmentId: stttt }, origin, at("2026-03-22"))).toMatchObject({
      ok: false,
      error: "invalid_state",
      state: "awaiting_confirmation",
    });
    expect(totals()).toEqual(before);
  });

  it("are resolved by the department's own answer, in the answer's transaction", () => {
    const id = newTask("2026-03-01", "2026-04-30");
    const toLead = remind(id, stttt, "2026-03-20");
    const toCoordinator = remind(id, sgddt, "2026-03-20");
    // The coordinator's report answers its own reminder only.
    report(coordinatorLead, id, "2026-03-21");
    const byId = () => new Map(remindersOf(id).map((r) => [r.id, r.resolvedAt]));
    expect(byId().get(toCoordinator.id)).toBe(at("2026-03-21", "15:00"));
    expect(byId().get(toLead.id)).toBeNull();
    // An extension request of the lead answers the lead's.
    const asked = requestExtension(
      db,
      lead,
      { taskId: id, proposedDueDate: "2026-05-31", reason: "Chờ kinh phí", idempotencyKey: key() },
      origin,
      at("2026-03-22"),
    );
    expect(asked.ok).toBe(true);
    expect(byId().get(toLead.id)).toBe(at("2026-03-22"));
    const audit = db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "extension.request"), eq(auditEvents.entityId, String(id))))
      .get()!;
    expect(audit.after).toMatchObject({ remindersResolved: 1 });
  });
});

describe("escalation", () => {
  it("an overdue task with a 3rd unanswered manual reminder goes to leadership, at once", () => {
    const id = newTask("2026-02-01", "2026-03-10");
    const before = notificationsOf("lanhdao").length;
    expect(remind(id, stttt, "2026-03-18").escalated).toBe(false);
    expect(remind(id, stttt, "2026-03-19").escalated).toBe(false);
    expect(escalatedList(leadership, "2026-03-19")).not.toContain(id);
    const third = remind(id, stttt, "2026-03-20", "Lần 3");
    expect(third).toMatchObject({ escalated: true, ordinal: 3 });

    expect(isEscalated(db, id, "2026-03-20")).toBe(true);
    expect(isEscalated(db, id, "2026-03-19")).toBe(false);
    expect(escalatedList(leadership, "2026-03-20")).toContain(id);
    expect(escalatedList(secretariat, "2026-03-20")).toContain(id);
    // Department users see it in their own list; another department's head does not.
    expect(escalatedList(lead, "2026-03-20")).toContain(id);
    expect(escalatedList(actor("snv.truong"), "2026-03-20")).not.toContain(id);

    for (const login of ["lanhdao", "lanhdao2"]) {
      const escalations = notificationsOf(login, id).filter((n) => n.kind === "escalation");
      expect(escalations, login).toHaveLength(1);
      expect(escalations[0]).toMatchObject({ reminderId: third.id, actorId: secretariat.id, readAt: null });
      expect(JSON.parse(escalations[0]!.params)).toEqual({ ordinal: 3, department: "Sở Thông tin và Truyền thông" });
    }
    expect(notificationsOf("lanhdao").length).toBe(before + 1);
    expect(auditActions(id, "reminder.escalate")).toEqual([
      expect.objectContaining({
        actorId: secretariat.id,
        after: expect.objectContaining({ reminderId: third.id, leadershipNotified: 2 }),
      }),
    ]);

    // The department answers: no longer escalated from that day on; the past stays as it was.
    report(lead, id, "2026-03-21");
    expect(isEscalated(db, id, "2026-03-21")).toBe(false);
    expect(isEscalated(db, id, "2026-03-20")).toBe(true);
    expect(escalatedList(leadership, "2026-03-21")).not.toContain(id);
  });

  it("a task not overdue is not escalated; the job escalates it once it is, and only once", async () => {
    const id = newTask("2026-03-01", "2026-04-30");
    for (const day of ["2026-03-18", "2026-03-19", "2026-03-20"]) expect(remind(id, stttt, day).escalated).toBe(false);
    expect(isEscalated(db, id, "2026-03-20")).toBe(false);
    expect(notificationsOf("lanhdao", id)).toEqual([]);

    const job = await runReminderJob(db, at("2026-05-02"));
    expect(job.escalations).toBeGreaterThanOrEqual(1);
    expect(isEscalated(db, id, "2026-05-02")).toBe(true);
    const escalations = notificationsOf("lanhdao", id).filter((n) => n.kind === "escalation");
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.actorId).toBeNull();
    expect(auditActions(id, "reminder.escalate")).toEqual([
      expect.objectContaining({ actorId: null, after: expect.objectContaining({ by: "system" }) }),
    ]);

    const again = await runReminderJob(db, at("2026-05-02", "11:00"));
    expect(again.escalations).toBe(0);
    expect(notificationsOf("lanhdao", id).filter((n) => n.kind === "escalation")).toHaveLength(1);
  });

  it("automatic reminders share the numbering but do not count toward escalation", async () => {
    const id = newTask("2026-02-01", "2026-03-10");
    remind(id, stttt, "2026-03-12");
    await runReminderJob(db, at("2026-03-13"));
    expect(remindersOf(id).map((r) => [r.kind, r.ordinal])).toEqual([
      ["manual", 1],
      ["automatic", 2],
    ]);
    expect(remind(id, stttt, "2026-03-14")).toMatchObject({ ordinal: 3, escalated: false });
    expect(isEscalated(db, id, "2026-03-14")).toBe(false);
    // The third manual one (fourth in the sequence) escalates.
    expect(remind(id, stttt, "2026-03-15")).toMatchObject({ ordinal: 4, escalated: true });
  });
});

describe("the scheduled job", () => {
  it("creates automatic reminders for tasks due soon and overdue; running it twice creates nothing", async () => {
    const soon = newTask("2026-03-01", "2026-03-22");
    const late = newTask("2026-03-01", "2026-03-15");
    const later = newTask("2026-03-01", "2026-06-30");
    const now = at("2026-03-20", "07:00");
    const first = await runReminderJob(db, now);
    expect(first.day).toBe("2026-03-20");
    expect(remindersOf(soon).map((r) => [r.kind, r.ordinal, r.dedupeKey, r.sentBy])).toEqual([
      ["automatic", 1, `auto:${soon}:${stttt}:due_soon:2026-03-22`, null],
    ]);
    expect(remindersOf(late).map((r) => r.dedupeKey)).toEqual([`auto:${late}:${stttt}:overdue:2026-03-16`]);
    expect(remindersOf(later)).toEqual([]);
    expect(taskReminders(db, soon)[0]).toMatchObject({ rule: "due_soon", sender: null });
    // Only the lead department is reminded automatically, and told by a notification from nobody.
    expect(noticesOf("stttt.truong", late)).toEqual([
      expect.objectContaining({ kind: "reminder", actorId: null, reminderId: remindersOf(late)[0]!.id }),
    ]);
    expect(JSON.parse(noticesOf("stttt.truong", late)[0]!.params)).toMatchObject({
      ordinal: 1,
      rule: "overdue",
      date: "2026-03-15",
    });
    expect(noticesOf("sgddt.truong", late)).toEqual([]);
    expect(auditActions(late, "reminder.auto")).toEqual([
      expect.objectContaining({ actorId: null, after: expect.objectContaining({ by: "system", rule: "overdue" }) }),
    ]);

    const after = totals();
    const second = await runReminderJob(db, now);
    const thirdRun = await runReminderJob(db, at("2026-03-20", "18:00"));
    expect([second.dueSoon, second.overdue, thirdRun.dueSoon, thirdRun.overdue]).toEqual([0, 0, 0, 0]);
    expect(totals()).toEqual(after);
  });

  it("reminds of an overdue task again a week later, once the last notice was answered", async () => {
    const id = newTask("2026-03-01", "2026-03-15");
    await runReminderJob(db, at("2026-03-16"));
    expect(remindersOf(id)).toHaveLength(1);
    // A week later, unanswered: no pile of notices.
    await runReminderJob(db, at("2026-03-24"));
    expect(remindersOf(id)).toHaveLength(1);
    report(lead, id, "2026-03-24");
    await runReminderJob(db, at("2026-03-24", "16:00"));
    expect(remindersOf(id).map((r) => r.dedupeKey)).toEqual([
      `auto:${id}:${stttt}:overdue:2026-03-16`,
      `auto:${id}:${stttt}:overdue:2026-03-23`,
    ]);
  });
});

describe("notifications", () => {
  const kindsFor = (login: string, taskId: number) => noticesOf(login, taskId).map((n) => n.kind);

  it("go to whom the event concerns, never to its actor", () => {
    const id = newTask("2026-03-01", "2026-03-31");
    // A new task in an issued directive is announced to its departments, each in its role.
    const announced = (login: string) =>
      notificationsOf(login, id).map((n) => [n.kind, n.actorId, JSON.parse(n.params) as unknown]);
    const sgddtName = db.get<{ name: string }>(sql`SELECT name FROM departments WHERE id = ${sgddt}`)!.name;
    const sttttName = db.get<{ name: string }>(sql`SELECT name FROM departments WHERE id = ${stttt}`)!.name;
    expect(announced("stttt.truong")).toEqual([
      ["task_assigned", secretariat.id, { department: sttttName, role: "lead" }],
    ]);
    expect(announced("stttt.chuyenvien")).toEqual(announced("stttt.truong"));
    expect(announced("sgddt.truong")).toEqual([
      ["task_assigned", secretariat.id, { department: sgddtName, role: "coordinator" }],
    ]);
    expect(announced("vanphong")).toEqual([]);
    expect(announced("lanhdao")).toEqual([]);
    expect(announced("snv.truong")).toEqual([]);

    remind(id, stttt, "2026-03-18");
    expect(kindsFor("stttt.truong", id)).toEqual(["reminder"]);
    expect(kindsFor("stttt.chuyenvien", id)).toEqual(["reminder"]);
    expect(kindsFor("vanphong", id)).toEqual([]);
    expect(kindsFor("sgddt.truong", id)).toEqual([]);

    const asked = requestExtension(
      db,
      lead,
      { taskId: id, proposedDueDate: "2026-04-30", reason: "Chờ kinh phí", idempotencyKey: key() },
      origin,
      at("2026-03-19"),
    );
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    expect(kindsFor("vanphong", id)).toEqual(["extension_requested"]);
    expect(kindsFor("stttt.truong", id)).toEqual(["reminder"]);
    const version = () => db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v;
    const decided = decideExtension(
      db,
      leadership,
      { requestId: asked.id, baseVersion: version(), outcome: "counter", dueDate: "2026-04-15", note: "Tối đa 15/4" },
      origin,
      at("2026-03-20"),
    );
    expect(decided.ok).toBe(true);
    expect(kindsFor("stttt.chuyenvien", id)).toEqual(["reminder", "extension_decided"]);
    expect(JSON.parse(noticesOf("stttt.chuyenvien", id)[1]!.params)).toEqual({
      outcome: "countered",
      date: "2026-04-15",
      text: "Tối đa 15/4",
    });
    expect(kindsFor("lanhdao", id)).toEqual([]);

    report(lead, id, "2026-03-21", 100);
    const reported = reportCompletion(
      db,
      lead,
      { taskId: id, baseVersion: version(), completionDate: "2026-03-22", result: "Xong", idempotencyKey: key() },
      origin,
      at("2026-03-22"),
    );
    expect(reported.ok).toBe(true);
    expect(kindsFor("vanphong", id)).toEqual(["extension_requested", "completion_reported"]);
    expect(
      returnCompletion(db, secretariat, { taskId: id, baseVersion: version(), reason: "Thiếu số liệu" }, origin).ok,
    ).toBe(true);
    expect(kindsFor("stttt.truong", id)).toEqual(["reminder", "extension_decided", "completion_returned"]);
    expect(kindsFor("vanphong", id)).toEqual(["extension_requested", "completion_reported"]);

    // An instruction reaches the lead and coordinating departments; a department's comment
    // reaches them and the secretariat; the secretariat's comment only the departments.
    expect(addComment(db, leadership, { taskId: id, body: "Khẩn trương" }, origin).ok).toBe(true);
    expect(addComment(db, officer, { taskId: id, body: "Đã nhận" }, origin).ok).toBe(true);
    expect(kindsFor("sgddt.truong", id)).toEqual(["instruction", "comment"]);
    expect(kindsFor("stttt.chuyenvien", id)).toEqual([
      "reminder",
      "extension_decided",
      "completion_returned",
      "instruction",
    ]);
    expect(kindsFor("vanphong", id)).toEqual(["extension_requested", "completion_reported", "comment"]);
    expect(JSON.parse(noticesOf("vanphong", id).at(-1)!.params)).toEqual({ text: "Đã nhận" });
    expect(addComment(db, secretariat, { taskId: id, body: "Đề nghị bổ sung số liệu" }, origin).ok).toBe(true);
    expect(kindsFor("vanphong", id).at(-1)).toBe("comment");
    expect(kindsFor("stttt.chuyenvien", id).at(-1)).toBe("comment");
    expect(kindsFor("sgddt.truong", id)).toEqual(["instruction", "comment", "comment"]);
    expect(kindsFor("lanhdao", id)).toEqual([]);

    // The actor is never among the recipients, even when the event concerns their department.
    const reminderId = remindersOf(id)[0]!.id;
    writeTransaction(db, (tx) =>
      notifyTaskEvent(
        tx,
        id,
        lead.id,
        { kind: "reminder", reminderId, departmentId: stttt, ordinal: 9, rule: null, dueDate: null, message: null },
        Date.now(),
      ),
    );
    expect(kindsFor("stttt.truong", id)).toEqual([
      "reminder",
      "extension_decided",
      "completion_returned",
      "instruction",
      "comment",
      "comment",
    ]);
    expect(kindsFor("stttt.chuyenvien", id).at(-1)).toBe("reminder");

    report(lead, id, "2026-03-23", 100);
    const again = reportCompletion(
      db,
      lead,
      { taskId: id, baseVersion: version(), completionDate: "2026-03-23", result: "Xong", idempotencyKey: key() },
      origin,
      at("2026-03-23"),
    );
    expect(again.ok).toBe(true);
    expect(confirmCompletion(db, secretariat, { taskId: id, baseVersion: version() }, origin).ok).toBe(true);
    expect(kindsFor("stttt.truong", id).at(-1)).toBe("completion_confirmed");
    // Without SMTP configured no e-mail is queued: no address → NULL; an address → skipped.
    expect(
      new Set(
        db
          .select({ s: notifications.emailState })
          .from(notifications)
          .all()
          .map((r) => r.s),
      ),
    ).toEqual(new Set([null]));
  });

  it("count unread per reader; each marks only their own read (audited)", () => {
    const id = newTask("2026-03-01", "2026-03-31");
    const base = { lead: unreadCount(db, lead), officer: unreadCount(db, officer) };
    remind(id, stttt, "2026-03-18");
    remind(id, stttt, "2026-03-19");
    expect(unreadCount(db, lead)).toBe(base.lead + 2);
    expect(unreadCount(db, officer)).toBe(base.officer + 2);

    const [mine] = noticesOf("stttt.truong", id);
    const theirs = noticesOf("stttt.chuyenvien", id)[0]!;
    const before = totals();
    expect(markNotificationRead(db, lead, theirs.id, origin)).toEqual({ ok: false, error: "not_found" });
    expect(totals()).toEqual(before);
    expect(markNotificationRead(db, lead, mine!.id, origin, at("2026-03-20"))).toEqual({ ok: true, changed: 1 });
    expect(markNotificationRead(db, lead, mine!.id, origin)).toEqual({ ok: true, changed: 0 });
    expect(unreadCount(db, lead)).toBe(base.lead + 1);
    expect(unreadCount(db, officer)).toBe(base.officer + 2);

    const page = listNotifications(db, lead, 1);
    expect(page.rows[0]).toMatchObject({ taskId: id, kind: "reminder", readAt: null });
    expect(page.rows[1]).toMatchObject({ id: mine!.id, readAt: at("2026-03-20") });
    expect(page.unread).toBe(base.lead + 1);

    expect(markAllNotificationsRead(db, lead, origin).changed).toBe(base.lead + 1);
    expect(unreadCount(db, lead)).toBe(0);
    expect(unreadCount(db, officer)).toBe(base.officer + 2);
    const audit = db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, entityType: auditEvents.entityType })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "notification"))
      .orderBy(asc(auditEvents.id))
      .all();
    expect(audit).toEqual([
      { action: "notification.read", actorId: lead.id, entityType: "notification" },
      { action: "notification.read_all", actorId: lead.id, entityType: "notification" },
    ]);
  });

  it("never show a task the reader may no longer see", () => {
    const id = newTask("2026-03-01", "2026-03-31");
    remind(id, stttt, "2026-03-18");
    const count = unreadCount(db, lead);
    const mine = notificationsOf("stttt.truong", id)[0]!;
    expect(listNotifications(db, lead, 1).rows.map((r) => r.id)).toContain(mine.id);

    const version = db.select({ v: tasks.version }).from(tasks).where(eq(tasks.id, id)).get()!.v;
    const snv = actor("snv.truong").departmentId!;
    expect(reassignLead(db, secretariat, id, version, { departmentId: snv, reason: "Chuyển" }, origin).ok).toBe(true);
    // STTTT neither leads nor coordinates it any more (SGDDT still coordinates): its
    // announcement of the task and the reminder are gone from the count.
    expect(notificationsOf("stttt.truong", id).map((n) => n.kind)).toEqual(["task_assigned", "reminder"]);
    expect(unreadCount(db, lead)).toBe(count - 2);
    // The new lead is told, as lead.
    expect(
      notificationsOf("snv.truong", id).map((n) => [n.kind, (JSON.parse(n.params) as { role: string }).role]),
    ).toEqual([["task_assigned", "lead"]]);
    expect(listNotifications(db, lead, 1).rows.map((r) => r.id)).not.toContain(mine.id);
    expect(markNotificationRead(db, lead, mine.id, origin)).toEqual({ ok: false, error: "not_found" });
  });

  it("a comment posted twice with the same key is stored once", () => {
    const id = newTask("2026-03-01", "2026-03-31");
    const before = db.select({ n: count() }).from(comments).get()!.n;
    const first = addComment(db, leadership, { taskId: id, body: "Chỉ đạo", idempotencyKey: "comment-1" }, origin);
    const second = addComment(db, leadership, { taskId: id, body: "Chỉ đạo", idempotencyKey: "comment-1" }, origin);
    expect(first).toMatchObject({ ok: true, duplicate: false, isInstruction: true });
    expect(second).toMatchObject({ ok: true, duplicate: true, id: first.ok ? first.id : -1 });
    expect(db.select({ n: count() }).from(comments).get()!.n).toBe(before + 1);
    expect(notificationsOf("stttt.truong", id).filter((n) => n.kind === "instruction")).toHaveLength(1);
    expect(auditActions(id, "comment.")).toHaveLength(1);
    const other = newTask("2026-03-01", "2026-03-31");
    expect(addComment(db, leadership, { taskId: other, body: "Khác", idempotencyKey: "comment-1" }, origin)).toEqual({
      ok: false,
      error: "invalid",
      fields: ["idempotencyKey"],
    });
  });
});
