// The department's desk and its decisions (app/models/task-progress.server.ts) on
// the real demo database: every success path with its history rows and audit
// events, every refusal writing nothing, resubmissions stored once, and the
// docs/domain-rules.md §4 status along a full loop, as computed in TypeScript and in SQL.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  comments,
  extensionRequests,
  progressReports,
  reminders,
  targets,
  targetValues,
  tasks,
  taskTransitions,
} from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { addDays, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { taskStatusAsOf } from "../../app/domain/status";
import type { AppDatabase } from "../../app/models/db.server";
import {
  addComment,
  confirmCompletion,
  decideExtension,
  extensionSummary,
  reportCompletion,
  requestExtension,
  returnCompletion,
  submitProgressReport,
} from "../../app/models/task-progress.server";
import { loadTaskFacts } from "../../app/models/status-facts.server";
import { percentStandingAfterReturn, taskRows } from "../../app/models/task-rows.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { changeTaskState, createTask } from "../../app/models/tasks.server";
import { freshDatabase } from "../setup/database";

/** 16 March 2026, 10:00 in Hanoi: the demo's "today". */
const DEMO_NOW = Date.parse("2026-03-16T03:00:00Z");
/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);
const NOW = at("2026-03-20");
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "progress" };

let db: AppDatabase;
let lead: Actor; // stttt.truong, dept_lead of STTTT
let officer: Actor; // stttt.chuyenvien, dept_officer of STTTT
let secretariat: Actor; // vanphong
let leadership: Actor; // lanhdao
let admin: Actor;
let otherLead: Actor; // snv.truong

function actor(login: string): Actor {
  const row = db.get<{ id: number; role: Actor["role"]; departmentId: number | null }>(
    sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`,
  );
  if (!row) throw new Error(`No demo user ${login}`);
  return row;
}

/** The first task matching a condition over `t` (tasks), `d` (directives) and STTTT's id. */
function pickTask(where: ReturnType<typeof sql>): number {
  const row = db.get<{ id: number }>(sql`
    SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE d.state <> 'draft' AND d.confidential = 0 AND (${where}) ORDER BY t.id LIMIT 1`);
  if (!row) throw new Error("No demo task fits");
  return row.id;
}
const stttt = () => lead.departmentId!;
const ledBySTTTT = () => sql`t.lead_department_id = ${stttt()} AND t.parent_id IS NULL`;
const coordinatedBySTTTT = () =>
  sql`t.lead_department_id <> ${stttt()} AND EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${stttt()})`;
const notSeenBySTTTT = () =>
  sql`t.lead_department_id <> ${stttt()} AND NOT EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${stttt()})`;

const task = (id: number) => db.select().from(tasks).where(eq(tasks.id, id)).get()!;
const versionOf = (id: number) => task(id).version;
const transitionsOf = (id: number) =>
  db.select().from(taskTransitions).where(eq(taskTransitions.taskId, id)).orderBy(asc(taskTransitions.id)).all();
const auditOf = (id: number) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "task"), eq(auditEvents.entityId, String(id))))
    .orderBy(asc(auditEvents.id))
    .all();
const lastAudit = (id: number) => auditOf(id).at(-1)!;

/** Everything a refused call must leave alone. */
function everything() {
  const n = (table: Parameters<ReturnType<AppDatabase["select"]>["from"]>[0]) =>
    db.select({ n: count() }).from(table).get()?.n;
  return {
    counts: [
      n(tasks),
      n(taskTransitions),
      n(progressReports),
      n(targetValues),
      n(extensionRequests),
      n(comments),
      n(auditEvents),
    ],
    tasks: db.select().from(tasks).orderBy(asc(tasks.id)).all(),
    extensions: db.select().from(extensionRequests).orderBy(asc(extensionRequests.id)).all(),
    targets: db.select().from(targets).orderBy(asc(targets.id)).all(),
    reminders: db.select().from(reminders).orderBy(asc(reminders.id)).all(),
  };
}

function expectRefusedWithoutWriting(call: () => unknown, expected: Record<string, unknown>, label?: string) {
  const before = everything();
  const result = call();
  expect(result, label).toMatchObject({ ok: false, ...expected });
  expect(everything(), label).toEqual(before);
}

function addTarget(taskId: number): number {
  return db
    .insert(targets)
    .values({
      taskId,
      name: "Tỷ lệ dịch vụ công mức độ 4",
      unit: "%",
      baseline: 15.9,
      targetValue: 30,
      direction: "at_least",
      currentValue: 15.9,
    })
    .returning({ id: targets.id })
    .get().id;
}

function addReminder(taskId: number, departmentId: number): number {
  const ordinal =
    (db.get<{ n: number | null }>(
      sql`SELECT max(ordinal) AS n FROM reminders WHERE task_id = ${taskId} AND department_id = ${departmentId}`,
    )?.n ?? 0) + 1;
  return db
    .insert(reminders)
    .values({ taskId, departmentId, kind: "manual", ordinal, sentBy: secretariat.id, sentAt: at("2026-03-18") })
    .returning({ id: reminders.id })
    .get().id;
}

const report = (taskId: number, overrides: Record<string, unknown> = {}) => ({
  taskId,
  baseVersion: versionOf(taskId),
  asOfDate: "2026-03-20",
  percent: 40,
  result: "Đã hoàn thành khảo sát hiện trạng",
  difficulties: "Thiếu nhân lực",
  proposals: null,
  ...overrides,
});

const ask = (taskId: number, overrides: Record<string, unknown> = {}) => ({
  taskId,
  proposedDueDate: addDays(task(taskId).currentDueDate!, 30),
  reason: "Chờ phê duyệt kinh phí",
  ...overrides,
});

beforeEach(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: DEMO_NOW });
  lead = actor("stttt.truong");
  officer = actor("stttt.chuyenvien");
  secretariat = actor("vanphong");
  leadership = actor("lanhdao");
  admin = actor("admin");
  otherLead = actor("snv.truong");
});

// ---------------------------------------------------------------- progress reports

describe("progress reports", () => {
  it("the lead's first report starts the work, sets the percent and the targets, resolves reminders", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    const targetId = addTarget(id);
    const reminderId = addReminder(id, stttt());
    const before = task(id);

    const result = submitProgressReport(
      db,
      lead,
      { ...report(id), targetValues: [{ targetId, value: 22.5 }], idempotencyKey: "r-1" },
      origin,
      NOW,
    );
    expect(result).toMatchObject({ ok: true, duplicate: false, version: before.version + 1 });
    if (!result.ok) return;

    expect(task(id)).toMatchObject({
      state: "in_progress",
      stateReason: null,
      percent: 40,
      lastReportedAt: NOW,
      version: before.version + 1,
      updatedAt: NOW,
    });
    expect(transitionsOf(id).at(-1)).toMatchObject({
      fromState: "open",
      toState: "in_progress",
      changedAt: NOW,
      changedBy: lead.id,
    });
    const stored = db.select().from(progressReports).where(eq(progressReports.id, result.id)).get();
    expect(stored).toMatchObject({
      taskId: id,
      departmentId: stttt(),
      authorId: lead.id,
      asOfDate: "2026-03-20",
      percent: 40,
      difficulties: "Thiếu nhân lực",
      proposals: null,
      createdAt: NOW,
    });
    expect(db.select().from(targetValues).where(eq(targetValues.progressReportId, result.id)).all()).toMatchObject([
      { targetId, value: 22.5, asOfDate: "2026-03-20", recordedBy: lead.id },
    ]);
    expect(db.select().from(targets).where(eq(targets.id, targetId)).get()?.currentValue).toBe(22.5);
    expect(db.select().from(reminders).where(eq(reminders.id, reminderId)).get()?.resolvedAt).toBe(NOW);
    // Indexed for search (rowid = id * 4 + 2 for reports).
    expect(db.get(sql`SELECT rowid FROM search_index WHERE rowid = ${result.id * 4 + 2}`)).toBeDefined();
    expect(lastAudit(id)).toMatchObject({
      action: "progress.report",
      actorId: lead.id,
      at: NOW,
      requestId: "progress",
    });
    expect(lastAudit(id).after).toMatchObject({ state: "in_progress", percent: 40, progressReportId: result.id });
  });

  it("a coordinator's report is stored but leaves the task's percent, version and the lead's reminders alone", () => {
    const id = pickTask(sql`${coordinatedBySTTTT()} AND t.state = 'in_progress'`);
    const leadReminder = addReminder(id, task(id).leadDepartmentId);
    const ownReminder = addReminder(id, stttt());
    const before = task(id);
    // A stale version does not matter: the row does not change.
    const result = submitProgressReport(db, officer, { ...report(id), baseVersion: 1, percent: 10 }, origin, NOW);
    expect(result).toMatchObject({ ok: true, version: before.version });
    expect(task(id)).toEqual(before);
    expect(
      db.select().from(progressReports).where(eq(progressReports.taskId, id)).orderBy(desc(progressReports.id)).get(),
    ).toMatchObject({ departmentId: stttt(), authorId: officer.id, percent: 10 });
    expect(db.select().from(reminders).where(eq(reminders.id, leadReminder)).get()?.resolvedAt).toBeNull();
    expect(db.select().from(reminders).where(eq(reminders.id, ownReminder)).get()?.resolvedAt).toBe(NOW);
    expect(lastAudit(id)).toMatchObject({ action: "progress.report", before: null });
    expect((lastAudit(id).after as Record<string, unknown>).version).toBeUndefined();
  });

  it("a resubmitted report (same key) is stored once", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    const input = { ...report(id), idempotencyKey: "same-form" };
    const first = submitProgressReport(db, lead, input, origin, NOW);
    const reports = everything();
    const second = submitProgressReport(db, lead, input, origin, NOW + 500);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(second).toMatchObject({ ok: true, duplicate: true, id: (first as { id: number }).id });
    expect(everything()).toEqual(reports);
  });

  it("refuses what it may not do and writes nothing", () => {
    const own = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    const invisible = pickTask(sql`${notSeenBySTTTT()} AND t.state = 'in_progress'`);
    const cancelled = pickTask(sql`${coordinatedBySTTTT()} AND t.state = 'cancelled'`);
    const confidential = db.get<{ id: number }>(sql`
      SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.confidential = 1 AND t.lead_department_id <> ${otherLead.departmentId}
        AND NOT EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${otherLead.departmentId})`)!.id;
    const otherTarget = addTarget(invisible);

    const cases: [string, Actor, Record<string, unknown>, Record<string, unknown>][] = [
      ["a task of another department", lead, report(invisible), { error: "not_found" }],
      ["a confidential task not assigned to the department", otherLead, report(confidential), { error: "not_found" }],
      ["a missing task", lead, report(own, { taskId: 999_999 }), { error: "not_found" }],
      ["leadership", leadership, report(own), { error: "forbidden" }],
      ["a cancelled task", lead, report(cancelled), { error: "invalid_state", state: "cancelled" }],
      ["a percent above 100", lead, report(own, { percent: 101 }), { error: "invalid", fields: ["percent"] }],
      ["a negative percent", lead, report(own, { percent: -1 }), { error: "invalid", fields: ["percent"] }],
      ["a fractional percent", lead, report(own, { percent: 50.5 }), { error: "invalid", fields: ["percent"] }],
      ["an empty result", lead, report(own, { result: "  " }), { error: "invalid", fields: ["result"] }],
      ["a malformed date", lead, report(own, { asOfDate: "2026-02-30" }), { error: "invalid", fields: ["asOfDate"] }],
      ["an as-of date after today", lead, report(own, { asOfDate: "2026-03-21" }), { error: "date_in_future" }],
      [
        "an as-of date before the assignment",
        lead,
        report(own, { asOfDate: "2025-01-01" }),
        {
          error: "date_before_assigned",
        },
      ],
      [
        "another task's target",
        lead,
        report(own, { targetValues: [{ targetId: otherTarget, value: 1 }] }),
        {
          error: "unknown_target",
          targetIds: [otherTarget],
        },
      ],
      ["a stale version", lead, report(own, { baseVersion: versionOf(own) - 1 }), { error: "conflict" }],
    ];
    for (const [label, who, input, expected] of cases) {
      expectRefusedWithoutWriting(
        () => submitProgressReport(db, who, input as Parameters<typeof submitProgressReport>[2], origin, NOW),
        expected,
        label,
      );
    }
  });

  it("a stale save is refused with what the other person changed, and the first save survives", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    const base = versionOf(id);
    expect(submitProgressReport(db, lead, report(id, { baseVersion: base, percent: 70 }), origin, NOW)).toMatchObject({
      ok: true,
    });
    const second = submitProgressReport(db, officer, report(id, { baseVersion: base, percent: 65 }), origin, NOW + 1);
    expect(second).toMatchObject({ ok: false, error: "conflict" });
    if (second.ok || second.error !== "conflict") return;
    expect(second.changes).toContainEqual(expect.objectContaining({ field: "percent", to: 70 }));
    expect(task(id).percent).toBe(70);
  });
});

// ---------------------------------------------------------------- extensions

describe("extension requests", () => {
  it("the lead department asks; the request is pending and the task row is untouched", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    const reminderId = addReminder(id, stttt());
    const before = task(id);
    const result = requestExtension(db, lead, { ...ask(id), idempotencyKey: "x-1" }, origin, NOW);
    expect(result).toMatchObject({ ok: true, duplicate: false });
    if (!result.ok) return;
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.id, result.id)).get()).toMatchObject({
      taskId: id,
      requestedBy: lead.id,
      departmentId: stttt(),
      currentDueDate: before.currentDueDate,
      proposedDueDate: addDays(before.currentDueDate!, 30),
      state: "pending",
      createdAt: NOW,
    });
    expect(task(id)).toEqual(before);
    expect(db.select().from(reminders).where(eq(reminders.id, reminderId)).get()?.resolvedAt).toBe(NOW);
    expect(lastAudit(id)).toMatchObject({ action: "extension.request", actorId: lead.id });

    // Resubmitted: stored once.
    const again = everything();
    expect(requestExtension(db, lead, { ...ask(id), idempotencyKey: "x-1" }, origin, NOW + 1)).toMatchObject({
      ok: true,
      duplicate: true,
      id: result.id,
    });
    expect(everything()).toEqual(again);
  });

  it("refuses what docs/domain-rules.md §5 forbids and writes nothing", () => {
    const own = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    const coordinated = pickTask(
      sql`${coordinatedBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`,
    );
    const invisible = pickTask(sql`${notSeenBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    const ongoing = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'ongoing'`);
    const done = pickTask(sql`${ledBySTTTT()} AND t.state = 'done'`);

    expectRefusedWithoutWriting(() => requestExtension(db, lead, ask(invisible), origin, NOW), { error: "not_found" });
    expectRefusedWithoutWriting(() => requestExtension(db, lead, ask(coordinated), origin, NOW), {
      error: "forbidden",
    });
    expectRefusedWithoutWriting(() => requestExtension(db, officer, ask(own), origin, NOW), { error: "forbidden" });
    expectRefusedWithoutWriting(() => requestExtension(db, secretariat, ask(own), origin, NOW), { error: "forbidden" });
    expectRefusedWithoutWriting(
      () => requestExtension(db, lead, ask(own, { proposedDueDate: task(own).currentDueDate }), origin, NOW),
      { error: "rule", violations: ["not_later"] },
    );
    // Asked ten days after the deadline for a day already past: refused, whatever the date in force.
    const due = task(own).currentDueDate!;
    expectRefusedWithoutWriting(
      () => requestExtension(db, lead, ask(own, { proposedDueDate: addDays(due, 5) }), origin, at(addDays(due, 10))),
      { error: "rule", violations: ["in_past"] },
    );
    expectRefusedWithoutWriting(() => requestExtension(db, lead, ask(own, { reason: "" }), origin, NOW), {
      error: "invalid",
      fields: ["reason"],
    });
    expectRefusedWithoutWriting(
      () => requestExtension(db, lead, { taskId: ongoing, proposedDueDate: "2027-01-01", reason: "x" }, origin, NOW),
      { error: "rule", violations: ["no_deadline"] },
    );
    // (A finished task's date in force is long past: the day asked for is past too.)
    expectRefusedWithoutWriting(() => requestExtension(db, lead, ask(done), origin, NOW), {
      error: "rule",
      violations: ["task_closed", "in_past"],
    });

    expect(requestExtension(db, lead, ask(own), origin, NOW)).toMatchObject({ ok: true });
    expectRefusedWithoutWriting(
      () =>
        requestExtension(db, lead, ask(own, { proposedDueDate: addDays(task(own).currentDueDate!, 60) }), origin, NOW),
      { error: "rule", violations: ["pending_exists"] },
    );
  });

  it("never extends a sub-task beyond its parent", () => {
    const parentId = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    const parent = task(parentId);
    const created = createTask(
      db,
      secretariat,
      {
        directiveId: parent.directiveId,
        parentId,
        itemNumber: `${parent.itemNumber}.a`,
        title: "Khảo sát hiện trạng",
        description: null,
        leadDepartmentId: stttt(),
        coordinatorDepartmentIds: [],
        deadlineKind: "dated",
        dueDate: addDays(parent.currentDueDate!, -10),
        assignedOn: "2026-03-16",
      },
      origin,
      DEMO_NOW,
    );
    if (!created.ok) throw new Error("could not create the sub-task");
    expectRefusedWithoutWriting(
      () =>
        requestExtension(
          db,
          lead,
          { taskId: created.id, proposedDueDate: addDays(parent.currentDueDate!, 1), reason: "Chậm" },
          origin,
          NOW,
        ),
      { error: "rule", violations: ["after_parent_due"] },
    );
    expect(
      requestExtension(
        db,
        lead,
        { taskId: created.id, proposedDueDate: parent.currentDueDate!, reason: "Chậm" },
        origin,
        NOW,
      ),
    ).toMatchObject({ ok: true });
  });
});

describe("extension decisions", () => {
  let taskId: number;
  let requestId: number;
  let original: LocalDate;

  beforeEach(() => {
    taskId = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    original = task(taskId).currentDueDate!;
    const asked = requestExtension(db, lead, ask(taskId), origin, NOW);
    if (!asked.ok) throw new Error("could not ask");
    requestId = asked.id;
  });

  const decide = (who: Actor, decision: Record<string, unknown>, when = NOW + 60_000) =>
    decideExtension(
      db,
      who,
      { requestId, baseVersion: versionOf(taskId), ...decision } as Parameters<typeof decideExtension>[2],
      origin,
      when,
    );
  const request = () => db.select().from(extensionRequests).where(eq(extensionRequests.id, requestId)).get()!;

  it("approval puts the proposed date in force, keeps the original, and counts", () => {
    const before = task(taskId);
    const when = NOW + 60_000;
    const result = decide(secretariat, { outcome: "approve", note: "Đồng ý" }, when);
    expect(result).toMatchObject({ ok: true, duplicate: false, dueDate: addDays(original, 30) });
    expect(request()).toMatchObject({
      state: "approved",
      decidedBy: secretariat.id,
      decidedAt: when,
      decisionNote: "Đồng ý",
      approvedDueDate: addDays(original, 30),
    });
    expect(task(taskId)).toMatchObject({
      originalDueDate: before.originalDueDate,
      currentDueDate: addDays(original, 30),
      version: before.version + 1,
      updatedAt: when,
    });
    expect(lastAudit(taskId)).toMatchObject({ action: "extension.approve", actorId: secretariat.id });
    expect(extensionSummary(db, taskId)).toEqual({
      originalDueDate: original,
      currentDueDate: addDays(original, 30),
      extensionCount: 1,
      pending: null,
    });

    // Submitted twice: stored once.
    const again = everything();
    expect(
      decideExtension(
        db,
        secretariat,
        { requestId, baseVersion: before.version, outcome: "approve" },
        origin,
        when + 1,
      ),
    ).toMatchObject({ ok: true, duplicate: true, id: requestId });
    expect(everything()).toEqual(again);
  });

  it("a counter-offer puts the other date in force", () => {
    const result = decide(leadership, { outcome: "counter", dueDate: addDays(original, 10) });
    expect(result).toMatchObject({ ok: true, dueDate: addDays(original, 10) });
    expect(request()).toMatchObject({
      state: "countered",
      decidedBy: leadership.id,
      approvedDueDate: addDays(original, 10),
    });
    expect(task(taskId)).toMatchObject({ originalDueDate: original, currentDueDate: addDays(original, 10) });
    expect(lastAudit(taskId).action).toBe("extension.counter");
  });

  it("rejection needs a reason and leaves the due date and version alone", () => {
    const before = task(taskId);
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "reject" }), {
      error: "invalid",
      fields: ["note"],
    });
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "reject", note: "   " }), { error: "invalid" });
    // A rejection does not change the task row, so a stale version does not block it.
    expect(decide(secretariat, { outcome: "reject", note: "Không có căn cứ", baseVersion: 1 })).toMatchObject({
      ok: true,
      dueDate: null,
    });
    expect(request()).toMatchObject({ state: "rejected", decisionNote: "Không có căn cứ", approvedDueDate: null });
    expect(task(taskId)).toEqual(before);
    expect(lastAudit(taskId).action).toBe("extension.reject");
    expect(extensionSummary(db, taskId)).toMatchObject({ currentDueDate: original, extensionCount: 0, pending: null });
  });

  it("refuses what docs/domain-rules.md §5 forbids and writes nothing", () => {
    expectRefusedWithoutWriting(() => decide(lead, { outcome: "approve" }), { error: "forbidden" });
    expectRefusedWithoutWriting(() => decide(officer, { outcome: "approve" }), { error: "forbidden" });
    expectRefusedWithoutWriting(() => decide(admin, { outcome: "approve" }), { error: "forbidden" });
    expectRefusedWithoutWriting(() => decide(otherLead, { outcome: "approve" }), { error: "not_found" });
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "counter", dueDate: original }), {
      error: "rule",
      violations: ["not_later"],
    });
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "counter", dueDate: addDays(original, -5) }), {
      error: "rule",
      violations: ["not_later"],
    });
    // The page was read before the lead's report: the approval is refused, the report survives.
    const seen = versionOf(taskId);
    expect(submitProgressReport(db, lead, report(taskId, { percent: 30 }), origin, NOW + 1000)).toMatchObject({
      ok: true,
    });
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "approve", baseVersion: seen }), {
      error: "conflict",
      changes: expect.arrayContaining([expect.objectContaining({ field: "percent", to: 30 })]) as unknown,
    });
    expectRefusedWithoutWriting(
      () => decideExtension(db, secretariat, { requestId: 999_999, baseVersion: 1, outcome: "approve" }, origin, NOW),
      { error: "not_found" },
    );

    // Decided once; another decider cannot decide it again.
    expect(decide(secretariat, { outcome: "approve" })).toMatchObject({ ok: true });
    expectRefusedWithoutWriting(() => decide(leadership, { outcome: "reject", note: "Không" }), {
      error: "rule",
      violations: ["not_pending"],
    });
  });

  it("nobody decides a request they made", () => {
    decide(secretariat, { outcome: "reject", note: "Chưa cần" });
    // A request filed in the secretariat's name (only possible by direct insert).
    requestId = db
      .insert(extensionRequests)
      .values({
        taskId,
        requestedBy: secretariat.id,
        departmentId: secretariat.departmentId!,
        currentDueDate: original,
        proposedDueDate: addDays(original, 5),
        reason: "Thử",
        createdAt: NOW,
      })
      .returning({ id: extensionRequests.id })
      .get().id;
    expectRefusedWithoutWriting(() => decide(secretariat, { outcome: "approve" }), {
      error: "forbidden",
      reason: "own_request",
    });
    expect(decide(leadership, { outcome: "approve" })).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------- completion

describe("two-step completion", () => {
  let taskId: number;
  const complete = (who: Actor, overrides: Record<string, unknown> = {}, when = NOW) =>
    reportCompletion(
      db,
      who,
      {
        taskId,
        baseVersion: versionOf(taskId),
        completionDate: "2026-03-19",
        result: "Đã ban hành kế hoạch",
        ...overrides,
      } as Parameters<typeof reportCompletion>[2],
      origin,
      when,
    );

  beforeEach(() => {
    taskId = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
  });

  it("the lead reports done: awaiting confirmation, a 100% report, the completion on the transition", () => {
    const before = task(taskId);
    const reminderId = addReminder(taskId, stttt());
    const result = complete(lead, { idempotencyKey: "done-1" });
    expect(result).toMatchObject({ ok: true, duplicate: false, id: taskId, version: before.version + 1 });
    if (!result.ok) return;
    expect(task(taskId)).toMatchObject({
      state: "awaiting_confirmation",
      percent: 100,
      lastReportedAt: NOW,
      completionDate: "2026-03-19",
      completionReportedAt: NOW,
      completionResult: "Đã ban hành kế hoạch",
      confirmedAt: null,
    });
    expect(transitionsOf(taskId).at(-1)).toMatchObject({
      id: result.transitionId,
      fromState: "in_progress",
      toState: "awaiting_confirmation",
      changedBy: lead.id,
      completionDate: "2026-03-19",
    });
    expect(
      db.select().from(progressReports).where(eq(progressReports.id, result.progressReportId)).get(),
    ).toMatchObject({ percent: 100, asOfDate: "2026-03-19", departmentId: stttt(), idempotencyKey: "done-1" });
    expect(db.select().from(reminders).where(eq(reminders.id, reminderId)).get()?.resolvedAt).toBe(NOW);
    expect(lastAudit(taskId).action).toBe("completion.report");

    const again = everything();
    expect(complete(lead, { idempotencyKey: "done-1", baseVersion: before.version }, NOW + 1)).toMatchObject({
      ok: true,
      duplicate: true,
      progressReportId: result.progressReportId,
    });
    expect(everything()).toEqual(again);
  });

  it("the secretariat confirms: done, with the same completion date", () => {
    complete(lead);
    const when = NOW + 3_600_000;
    const result = confirmCompletion(db, secretariat, { taskId, baseVersion: versionOf(taskId) }, origin, when);
    expect(result).toMatchObject({ ok: true, duplicate: false });
    expect(task(taskId)).toMatchObject({
      state: "done",
      confirmedAt: when,
      confirmedBy: secretariat.id,
      completionDate: "2026-03-19",
    });
    expect(transitionsOf(taskId).at(-1)).toMatchObject({
      fromState: "awaiting_confirmation",
      toState: "done",
      changedBy: secretariat.id,
      completionDate: "2026-03-19",
    });
    expect(lastAudit(taskId).action).toBe("completion.confirm");
    const again = everything();
    expect(confirmCompletion(db, secretariat, { taskId, baseVersion: 1 }, origin, when + 1)).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(everything()).toEqual(again);
  });

  it("the secretariat returns it with a reason: returned, says why, completion cleared", () => {
    complete(lead);
    const result = returnCompletion(
      db,
      secretariat,
      { taskId, baseVersion: versionOf(taskId), reason: "Thiếu biên bản nghiệm thu" },
      origin,
      NOW + 1000,
    );
    expect(result).toMatchObject({ ok: true });
    expect(task(taskId)).toMatchObject({
      state: "returned",
      stateReason: "Thiếu biên bản nghiệm thu",
      completionDate: null,
      completionReportedAt: null,
      completionResult: null,
      confirmedAt: null,
    });
    expect(transitionsOf(taskId).at(-1)).toMatchObject({
      toState: "returned",
      reason: "Thiếu biên bản nghiệm thu",
      completionDate: null,
    });
    expect(lastAudit(taskId).action).toBe("completion.return");
    // The department's next report puts it back in progress.
    expect(submitProgressReport(db, lead, report(taskId, { percent: 90 }), origin, NOW + 2000)).toMatchObject({
      ok: true,
    });
    expect(task(taskId)).toMatchObject({ state: "in_progress", stateReason: null, percent: 90 });
  });

  it("a return says what percent stands: the lead's last report before the completion, not its 100%", () => {
    expect(submitProgressReport(db, lead, report(taskId, { percent: 65 }), origin, NOW - 60_000)).toMatchObject({
      ok: true,
    });
    complete(lead);
    expect(task(taskId).percent).toBe(100);
    expect(percentStandingAfterReturn(db, taskId)).toBe(65);
    const returned = returnCompletion(
      db,
      secretariat,
      { taskId, baseVersion: versionOf(taskId), reason: "Thiếu biên bản nghiệm thu" },
      origin,
      NOW + 1000,
    );
    expect(returned).toMatchObject({ ok: true });
    expect(task(taskId)).toMatchObject({ state: "returned", percent: 65 });
    // The list, the task page and the exports read the same percent from the history.
    const [row] = taskRows(db, { asOf: "2026-03-20", taskFilter: sql`t.id = ${taskId}` });
    expect(row).toMatchObject({ percent: 65 });
    // The department is told what stands.
    const told = db.get<{ params: string }>(
      sql`SELECT params FROM notifications WHERE task_id = ${taskId} AND kind = 'completion_returned' LIMIT 1`,
    )!;
    expect(JSON.parse(told.params)).toMatchObject({ percent: 65, text: "Thiếu biên bản nghiệm thu" });
    // Reported done again and returned again: the report between the two is the one that stands.
    expect(submitProgressReport(db, lead, report(taskId, { percent: 85 }), origin, NOW + 2000)).toMatchObject({
      ok: true,
    });
    complete(lead, {}, NOW + 3000);
    expect(
      returnCompletion(
        db,
        secretariat,
        { taskId, baseVersion: versionOf(taskId), reason: "Lần 2" },
        origin,
        NOW + 4000,
      ),
    ).toMatchObject({ ok: true });
    expect(task(taskId).percent).toBe(85);
  });

  it("refuses what it may not do and writes nothing", () => {
    const coordinated = pickTask(
      sql`${coordinatedBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`,
    );
    expectRefusedWithoutWriting(() => complete(officer), { error: "forbidden" });
    expectRefusedWithoutWriting(() => complete(secretariat), { error: "forbidden" });
    expectRefusedWithoutWriting(() => complete(lead, { taskId: coordinated, baseVersion: versionOf(coordinated) }), {
      error: "forbidden",
    });
    expectRefusedWithoutWriting(() => complete(lead, { result: "" }), { error: "invalid", fields: ["result"] });
    expectRefusedWithoutWriting(() => complete(lead, { completionDate: "2026-03-21" }), {
      error: "date_in_future",
      field: "completionDate",
    });
    expectRefusedWithoutWriting(() => complete(lead, { completionDate: "2025-01-01" }), {
      error: "date_before_assigned",
    });
    expectRefusedWithoutWriting(() => complete(lead, { baseVersion: versionOf(taskId) - 1 }), { error: "conflict" });
    // Nothing to confirm or return yet.
    expectRefusedWithoutWriting(
      () => confirmCompletion(db, secretariat, { taskId, baseVersion: versionOf(taskId) }, origin, NOW),
      { error: "invalid_state", state: "in_progress" },
    );

    complete(lead);
    const base = versionOf(taskId);
    expectRefusedWithoutWriting(() => confirmCompletion(db, lead, { taskId, baseVersion: base }, origin, NOW), {
      error: "forbidden",
    });
    expectRefusedWithoutWriting(() => confirmCompletion(db, leadership, { taskId, baseVersion: base }, origin, NOW), {
      error: "forbidden",
    });
    expectRefusedWithoutWriting(
      () => returnCompletion(db, secretariat, { taskId, baseVersion: base, reason: " " }, origin, NOW),
      { error: "invalid", fields: ["reason"] },
    );
    expectRefusedWithoutWriting(
      () => confirmCompletion(db, secretariat, { taskId, baseVersion: base - 1 }, origin, NOW),
      { error: "conflict" },
    );
    // A report while awaiting confirmation is refused too.
    expectRefusedWithoutWriting(() => submitProgressReport(db, lead, report(taskId), origin, NOW), {
      error: "invalid_state",
      state: "awaiting_confirmation",
    });
  });
});

// ---------------------------------------------------------------- comments

describe("comments and instructions", () => {
  it("stores leadership's comments as instructions, others' as comments", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress'`);
    const before = task(id);
    const instruction = addComment(db, leadership, { taskId: id, body: "Đề nghị đẩy nhanh tiến độ" }, origin, NOW);
    const reply = addComment(db, officer, { taskId: id, body: "  Sở đã tiếp thu  " }, origin, NOW + 1);
    expect(instruction).toMatchObject({ ok: true, isInstruction: true });
    expect(reply).toMatchObject({ ok: true, isInstruction: false });
    const stored = db.select().from(comments).where(eq(comments.taskId, id)).orderBy(desc(comments.id)).limit(2).all();
    expect(stored.map((c) => [c.authorId, c.isInstruction, c.body])).toEqual([
      [officer.id, false, "Sở đã tiếp thu"],
      [leadership.id, true, "Đề nghị đẩy nhanh tiến độ"],
    ]);
    expect(task(id)).toEqual(before);
    expect(
      auditOf(id)
        .slice(-2)
        .map((e) => e.action),
    ).toEqual(["comment.add", "comment.add"]);
  });

  it("refuses an empty or oversized body, an invisible task, a role that may not comment", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress'`);
    const invisible = pickTask(sql`${notSeenBySTTTT()}`);
    expectRefusedWithoutWriting(() => addComment(db, lead, { taskId: id, body: "   " }, origin, NOW), {
      error: "invalid",
      fields: ["body"],
    });
    expectRefusedWithoutWriting(() => addComment(db, lead, { taskId: id, body: "x".repeat(4001) }, origin, NOW), {
      error: "invalid",
    });
    expectRefusedWithoutWriting(() => addComment(db, lead, { taskId: invisible, body: "?" }, origin, NOW), {
      error: "not_found",
    });
    expectRefusedWithoutWriting(() => addComment(db, admin, { taskId: id, body: "?" }, origin, NOW), {
      error: "forbidden",
    });
  });
});

// ---------------------------------------------------------------- the status along a full loop

describe("the docs/domain-rules.md §4 status along a full loop", () => {
  it("report 60% → ask extension → counter → report done → return → done again → confirm", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    // The demo's open STTTT task is due 60 days after the demo's today.
    expect(task(id)).toMatchObject({ state: "open", originalDueDate: "2026-05-15", currentDueDate: "2026-05-15" });
    const expectOk = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true, duplicate: false });

    expectOk(submitProgressReport(db, lead, report(id, { percent: 60 }), origin, at("2026-03-20")));
    const asked = requestExtension(
      db,
      lead,
      { taskId: id, proposedDueDate: "2026-06-30", reason: "Chờ kinh phí" },
      origin,
      at("2026-05-13"),
    );
    expectOk(asked);
    expectOk(
      decideExtension(
        db,
        leadership,
        {
          requestId: (asked as { id: number }).id,
          baseVersion: versionOf(id),
          outcome: "counter",
          dueDate: "2026-06-15",
        },
        origin,
        at("2026-05-20"),
      ),
    );
    const completion = (date: LocalDate, when: number) =>
      reportCompletion(
        db,
        lead,
        { taskId: id, baseVersion: versionOf(id), completionDate: date, result: "Đã triển khai" },
        origin,
        when,
      );
    expectOk(completion("2026-06-10", at("2026-06-10", "16:00")));
    expectOk(
      returnCompletion(
        db,
        secretariat,
        { taskId: id, baseVersion: versionOf(id), reason: "Chưa kết nối đủ các quận" },
        origin,
        at("2026-06-20"),
      ),
    );
    expectOk(completion("2026-06-24", at("2026-06-25")));
    expectOk(confirmCompletion(db, secretariat, { taskId: id, baseVersion: versionOf(id) }, origin, at("2026-06-28")));

    const facts = loadTaskFacts(db, [id]).get(id)!;
    const statusOn = (day: LocalDate) => taskStatusAsOf(facts, day);
    const expected: [LocalDate, Record<string, unknown>][] = [
      ["2026-03-19", { status: "on_track", dueDate: "2026-05-15" }],
      ["2026-03-20", { status: "on_track", dueDate: "2026-05-15" }],
      ["2026-05-12", { status: "due_soon", dueDate: "2026-05-15" }],
      ["2026-05-13", { status: "due_soon", dueDate: "2026-05-15" }],
      ["2026-05-16", { status: "overdue", daysLate: 1, stale: true }],
      ["2026-05-19", { status: "overdue", daysLate: 4, stale: true }],
      ["2026-05-20", { status: "on_track", dueDate: "2026-06-15", late: false }],
      ["2026-06-09", { status: "on_track", dueDate: "2026-06-15" }],
      ["2026-06-10", { status: "awaiting_confirmation", late: false, awaitingSince: "2026-06-10" }],
      ["2026-06-12", { status: "awaiting_confirmation", late: false }],
      // Rule 3: reported done on 10/06 (C ≤ the due date 15/06), so it is not late while it
      // waits, even once D is past the due date; the wait is the secretariat's.
      ["2026-06-19", { status: "awaiting_confirmation", late: false, daysLate: 0, awaitingSince: "2026-06-10" }],
      ["2026-06-20", { status: "overdue", daysLate: 5, stale: false }],
      ["2026-06-24", { status: "overdue", daysLate: 9 }],
      // Reported again with C = 24/06: late by C − due = 9 days, the same whatever D is.
      ["2026-06-25", { status: "awaiting_confirmation", late: true, daysLate: 9, awaitingSince: "2026-06-25" }],
      ["2026-06-27", { status: "awaiting_confirmation", late: true, daysLate: 9, awaitingSince: "2026-06-25" }],
      ["2026-06-28", { status: "done_late", dueDate: "2026-06-15" }],
      ["2026-12-31", { status: "done_late", dueDate: "2026-06-15" }],
    ];
    for (const [day, status] of expected) {
      expect({ day, ...statusOn(day) }).toMatchObject({ day, ...status });
    }

    // The row agrees with its history, as the demo's rows do.
    expect(task(id)).toMatchObject({
      state: "done",
      originalDueDate: "2026-05-15",
      currentDueDate: "2026-06-15",
      completionDate: "2026-06-24",
      confirmedBy: secretariat.id,
      confirmedAt: at("2026-06-28"),
      percent: 100,
    });
    expect(transitionsOf(id).map((t) => [t.toState, t.completionDate])).toEqual([
      ["open", null],
      ["in_progress", null],
      ["awaiting_confirmation", "2026-06-10"],
      ["returned", null],
      ["awaiting_confirmation", "2026-06-24"],
      ["done", "2026-06-24"],
    ]);
    expect(auditOf(id).map((e) => e.action)).toEqual([
      "progress.report",
      "extension.request",
      "extension.counter",
      "completion.report",
      "completion.return",
      "completion.report",
      "completion.confirm",
    ]);
    expect(extensionSummary(db, id)).toMatchObject({ extensionCount: 1, pending: null });

    // The stored spans agree with the reference on every day of the loop.
    const touched = [
      id,
      ...db
        .select({ id: tasks.id })
        .from(tasks)
        .where(eq(tasks.directiveId, task(id).directiveId))
        .all()
        .map((t) => t.id),
    ];
    const allFacts = loadTaskFacts(db, touched);
    for (let day: LocalDate = "2026-03-15"; day <= "2026-07-05"; day = addDays(day, 1)) {
      const fromSql = taskStatusesAsOf(db, touched, day);
      for (const taskId of touched) {
        const reference = taskStatusAsOf(allFacts.get(taskId)!, day);
        const row = fromSql.get(taskId);
        expect({
          taskId,
          day,
          status: row?.status,
          dueDate: row?.dueDate,
          late: Boolean(row?.late),
          daysLate: row?.daysLate,
          stale: Boolean(row?.stale),
          awaitingSince: row?.awaitingSince,
        }).toEqual({
          taskId,
          day,
          status: reference?.status,
          dueDate: reference?.dueDate,
          late: reference?.late ?? false,
          daysLate: reference?.daysLate,
          stale: reference?.stale ?? false,
          awaitingSince: reference?.awaitingSince,
        });
      }
    }
  });
});

// ---------------------------------------------------------------- hold and resume (issue #12)

describe("holding and resuming a task", () => {
  const expectOk = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true });
  const hold = (id: number, when: number) =>
    changeTaskState(db, secretariat, id, versionOf(id), { to: "on_hold", reason: "Chờ ý kiến lãnh đạo" }, origin, when);
  const resume = (id: number, when: number) =>
    changeTaskState(db, secretariat, id, versionOf(id), { to: "resume", reason: null }, origin, when);

  it("a completion reported on time, held and resumed, still awaits confirmation; confirmed, it is done on time", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'open' AND t.deadline_kind = 'dated'`);
    expect(task(id)).toMatchObject({ state: "open", currentDueDate: "2026-05-15" });
    expectOk(submitProgressReport(db, lead, report(id, { percent: 60 }), origin, at("2026-03-20")));
    expectOk(
      reportCompletion(
        db,
        lead,
        { taskId: id, baseVersion: versionOf(id), completionDate: "2026-05-08", result: "Đã vận hành hệ thống" },
        origin,
        at("2026-05-08", "16:00"),
      ),
    );
    const reported = {
      completionDate: "2026-05-08",
      completionResult: "Đã vận hành hệ thống",
      completionReportedAt: at("2026-05-08", "16:00"),
      confirmedAt: null,
      percent: 100,
    };

    expectOk(hold(id, at("2026-05-11")));
    // The hold keeps the department's report on the row.
    expect(task(id)).toMatchObject({ state: "on_hold", stateReason: "Chờ ý kiến lãnh đạo", ...reported });
    // While held, nobody decides or reports: the moves are refused and write nothing.
    expectRefusedWithoutWriting(
      () => confirmCompletion(db, secretariat, { taskId: id, baseVersion: versionOf(id) }, origin, at("2026-05-12")),
      { error: "invalid_state", state: "on_hold" },
      "confirm while held",
    );
    expectRefusedWithoutWriting(
      () =>
        returnCompletion(
          db,
          secretariat,
          { taskId: id, baseVersion: versionOf(id), reason: "Thiếu hồ sơ" },
          origin,
          at("2026-05-12"),
        ),
      { error: "invalid_state", state: "on_hold" },
      "return while held",
    );
    expectRefusedWithoutWriting(
      () =>
        reportCompletion(
          db,
          lead,
          { taskId: id, baseVersion: versionOf(id), completionDate: "2026-05-12", result: "Báo cáo lại" },
          origin,
          at("2026-05-12"),
        ),
      { error: "invalid_state", state: "on_hold" },
      "report done while held",
    );

    // Resumed after the deadline: the report stands, with the same date and result.
    expectOk(resume(id, at("2026-05-25")));
    expect(task(id)).toMatchObject({ state: "awaiting_confirmation", stateReason: null, ...reported });
    expect(transitionsOf(id).slice(-2)).toMatchObject([
      { fromState: "awaiting_confirmation", toState: "on_hold", changedBy: secretariat.id },
      {
        fromState: "on_hold",
        toState: "awaiting_confirmation",
        changedBy: secretariat.id,
        changedAt: at("2026-05-25"),
        completionDate: "2026-05-08",
      },
    ]);
    expect(lastAudit(id)).toMatchObject({
      action: "task.resume",
      actorId: secretariat.id,
      before: { state: "on_hold" },
      after: { state: "awaiting_confirmation" },
    });

    // The secretariat can decide again: confirmed, it counts on the department's date.
    expectOk(confirmCompletion(db, secretariat, { taskId: id, baseVersion: versionOf(id) }, origin, at("2026-07-01")));
    expect(task(id)).toMatchObject({
      state: "done",
      confirmedBy: secretariat.id,
      ...reported,
      confirmedAt: at("2026-07-01"),
    });
    expect(transitionsOf(id).at(-1)).toMatchObject({ toState: "done", completionDate: "2026-05-08" });

    const facts = loadTaskFacts(db, [id]).get(id)!;
    const expected: [LocalDate, Record<string, unknown>][] = [
      ["2026-05-08", { status: "awaiting_confirmation", late: false }],
      ["2026-05-11", { status: "on_hold" }],
      ["2026-05-20", { status: "on_hold" }],
      // Not overdue nor stale: the department reported done before the deadline.
      ["2026-05-25", { status: "awaiting_confirmation", stale: false }],
      ["2026-06-30", { status: "awaiting_confirmation", stale: false }],
      ["2026-07-01", { status: "done_on_time", dueDate: "2026-05-15" }],
      ["2026-12-31", { status: "done_on_time", dueDate: "2026-05-15" }],
    ];
    for (const [day, status] of expected) {
      expect({ day, ...taskStatusAsOf(facts, day) }).toMatchObject({ day, ...status });
    }
    // The stored spans agree with the reference on every day around the hold.
    for (let day: LocalDate = "2026-05-01"; day <= "2026-07-05"; day = addDays(day, 1)) {
      const reference = taskStatusAsOf(facts, day)!;
      const row = taskStatusesAsOf(db, [id], day).get(id)!;
      expect({ day, status: row.status, late: Boolean(row.late), stale: Boolean(row.stale) }).toEqual({
        day,
        status: reference.status,
        late: reference.late,
        stale: reference.stale,
      });
    }
  });

  it("resumes to the state of the latest hold", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    expectOk(hold(id, at("2026-03-17")));
    expectOk(resume(id, at("2026-03-18")));
    expect(task(id)).toMatchObject({ state: "in_progress", completionDate: null });
    expectOk(
      reportCompletion(
        db,
        lead,
        { taskId: id, baseVersion: versionOf(id), completionDate: "2026-03-19", result: "Đã ban hành kế hoạch" },
        origin,
        NOW,
      ),
    );
    expectOk(hold(id, NOW + 1000));
    expectOk(resume(id, NOW + 2000));
    expect(task(id)).toMatchObject({ state: "awaiting_confirmation", completionDate: "2026-03-19" });
    expect(transitionsOf(id).at(-1)).toMatchObject({ toState: "awaiting_confirmation", completionDate: "2026-03-19" });
  });

  it("a task held from in progress resumes in progress, with no completion", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    const before = task(id);
    expectOk(hold(id, NOW));
    expectOk(resume(id, NOW + 1000));
    expect(task(id)).toMatchObject({
      state: "in_progress",
      stateReason: null,
      percent: before.percent,
      completionDate: null,
      completionResult: null,
      completionReportedAt: null,
    });
    expect(transitionsOf(id).at(-1)).toMatchObject({
      fromState: "on_hold",
      toState: "in_progress",
      completionDate: null,
    });
    expect(lastAudit(id)).toMatchObject({ action: "task.resume", after: { state: "in_progress" } });
  });

  it("a task held after its completion was returned resumes in progress, the completion still cleared", () => {
    const id = pickTask(sql`${ledBySTTTT()} AND t.state = 'in_progress' AND t.deadline_kind = 'dated'`);
    expectOk(
      reportCompletion(
        db,
        lead,
        { taskId: id, baseVersion: versionOf(id), completionDate: "2026-03-19", result: "Đã ban hành kế hoạch" },
        origin,
        NOW,
      ),
    );
    expectOk(
      returnCompletion(
        db,
        secretariat,
        { taskId: id, baseVersion: versionOf(id), reason: "Thiếu biên bản" },
        origin,
        NOW + 1000,
      ),
    );
    expectOk(hold(id, NOW + 2000));
    expectOk(resume(id, NOW + 3000));
    expect(task(id)).toMatchObject({ state: "in_progress", completionDate: null, completionResult: null });
    expect(transitionsOf(id).at(-1)).toMatchObject({ toState: "in_progress", completionDate: null });
  });
});
