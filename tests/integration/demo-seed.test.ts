// The demo data (db/seed/demo.ts): the 2019 seed case comes out with the statuses
// its story implies, the current directive shows every status today, and every
// task row agrees with the history it was derived from.
import { asc, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, startOfLocalDay, today, type LocalDate } from "../../app/domain/dates";
import { taskStatusAsOf, type TaskFacts, type TaskStatusAsOf } from "../../app/domain/status";
import { TASK_STATUSES, type TaskStatus } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { verifyPassword } from "../../app/lib/password.server";
import { loadTaskFacts } from "../../app/models/status-facts.server";
import { DEMO_PASSWORD, loadDemoData, type DemoLogin } from "../../db/seed/demo";
import {
  auditEvents,
  comments,
  departments,
  directives,
  extensionRequests,
  progressReports,
  reminders,
  targets,
  targetValues,
  taskCoordinators,
  taskLeadAssignments,
  tasks,
  taskTransitions,
  users,
} from "../../db/schema";
import { freshDatabase } from "../setup/database";

/** 16 March 2026, 10:00 in Hanoi. */
const FIXED_NOW = Date.UTC(2026, 2, 16, 3, 0, 0);

type TaskRow = typeof tasks.$inferSelect;

/** The task's facts as the app loads them for the status rules (the stored spans are built from the same). */
function taskFacts(db: AppDatabase, task: TaskRow): TaskFacts {
  return loadTaskFacts(db, [task.id]).get(task.id)!;
}

function directiveByNumber(db: AppDatabase, number: string) {
  const found = db.select().from(directives).where(eq(directives.number, number)).get();
  if (!found) throw new Error(`No directive ${number}`);
  return found;
}

function tasksOf(db: AppDatabase, directiveId: number): TaskRow[] {
  return db.select().from(tasks).where(eq(tasks.directiveId, directiveId)).orderBy(asc(tasks.position)).all();
}

function statusesAsOf(db: AppDatabase, rows: TaskRow[], day: LocalDate): Map<string, TaskStatusAsOf> {
  return new Map(
    rows.map((row) => {
      const status = taskStatusAsOf(taskFacts(db, row), day);
      if (status === null) throw new Error(`Task ${row.itemNumber} did not exist on ${day}`);
      return [row.itemNumber, status];
    }),
  );
}

function departmentIdOf(db: AppDatabase, code: string): number {
  const found = db.select({ id: departments.id }).from(departments).where(eq(departments.code, code)).get();
  if (!found) throw new Error(`No department ${code}`);
  return found.id;
}

describe.each([
  ["a fixed clock", FIXED_NOW],
  ["the real clock", Date.now()],
])("demo data loaded with %s", (_label, now) => {
  let db: AppDatabase;
  let logins: DemoLogin[];
  const todayDate = today(now);

  beforeAll(async () => {
    db = freshDatabase();
    ({ logins } = await loadDemoData(db, { now }));
  });

  it("creates the demo users, all with the demo password", async () => {
    expect(logins.map((l) => l.login).sort()).toEqual(
      [
        "admin",
        "lanhdao",
        "lanhdao2",
        "sgddt.truong",
        "snv.truong",
        "stttt.chuyenvien",
        "stttt.truong",
        "syt.truong",
        "vanphong",
      ].sort(),
    );
    expect(logins.every((l) => l.password === DEMO_PASSWORD)).toBe(true);
    expect(logins.find((l) => l.login === "stttt.truong")).toMatchObject({ role: "dept_lead", department: "STTTT" });
    expect(logins.find((l) => l.login === "vanphong")).toMatchObject({ role: "secretariat", department: "VPUB" });
    expect(logins.find((l) => l.login === "admin")).toMatchObject({ role: "admin", department: null });

    const rows = db.select().from(users).all();
    expect(rows).toHaveLength(logins.length);
    for (const login of logins) {
      const row = rows.find((r) => r.login === login.login);
      expect(row?.role).toBe(login.role);
      expect(row?.displayName).toBe(login.displayName);
    }
    // One hash, reused: verifying it once verifies them all.
    expect(new Set(rows.map((r) => r.passwordHash)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.passwordHash)).toBe(true);
  });

  it("lists Hanoi's departments with unique names and codes", () => {
    const rows = db.select().from(departments).all();
    const names = rows.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(rows.map((d) => d.code)).size).toBe(rows.length);
    expect(names).toContain("Sở Thông tin và Truyền thông");
    expect(names).toContain("Văn phòng UBND Thành phố");
    expect(names).toContain("Bảo hiểm xã hội Hà Nội");
    expect(rows.filter((d) => d.kind === "district").map((d) => d.name)).toEqual([
      "Quận Ba Đình",
      "Quận Hoàn Kiếm",
      "Quận Đống Đa",
      "Quận Cầu Giấy",
      "Quận Hà Đông",
      "Thị xã Sơn Tây",
    ]);
    expect(rows.find((d) => d.code === "STTTT")?.shortName).toBe("Sở TT&TT");
  });

  it("carries the seed case: the 18/9/2019 meeting and the chairman's ten tasks", () => {
    const seed = directiveByNumber(db, "1198/TB-UBND");
    expect(seed).toMatchObject({
      type: "conclusion_notice",
      state: "issued",
      confidential: false,
      issuedOn: "2019-09-24",
    });
    expect(seed.abstract).toContain("cuộc họp ngày 18/9/2019");
    expect(seed.note).toMatch(/dựng lại/);
    const rows = tasksOf(db, seed.id);
    const topLevel = rows.filter((t) => t.parentId === null);
    expect(topLevel.map((t) => t.itemNumber)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    for (const task of topLevel) expect(seed.fullText).toContain(`${task.itemNumber}. ${task.title}`);
    const ten = topLevel.find((t) => t.itemNumber === "10")!;
    expect(ten.title).toContain("Đào tạo");
    const subtasks = rows.filter((t) => t.parentId !== null);
    expect(subtasks.map((t) => t.itemNumber)).toEqual(["10.a", "10.b", "10.c"]);
    for (const sub of subtasks) {
      expect(sub.parentId).toBe(ten.id);
      expect(sub.currentDueDate! <= ten.currentDueDate!).toBe(true);
    }
    // Assignment instants are historical.
    for (const task of rows) expect(task.assignedOn).toBe("2019-09-24");
  });

  it("gives the seed tasks the statuses their stories imply, today", () => {
    const seed = directiveByNumber(db, "1198/TB-UBND");
    const statuses = statusesAsOf(db, tasksOf(db, seed.id), todayDate);
    const expected: Record<string, TaskStatus> = {
      "1": "done_on_time",
      "2": "done_on_time",
      "3": "done_late",
      "4": "done_late",
      "5": "done_on_time",
      "6": "ongoing",
      "7": "done_late",
      "8": "overdue",
      "9": "ongoing",
      "10": "done_late",
      "10.a": "done_on_time",
      "10.b": "done_on_time",
      "10.c": "done_late",
    };
    expect(Object.fromEntries([...statuses].map(([item, s]) => [item, s.status]))).toEqual(expected);
    expect(statuses.get("8")).toMatchObject({ stale: true, dueDate: "2020-06-30" });
    // Task 2 is on time only thanks to its approved extension.
    expect(statuses.get("2")?.dueDate).toBe("2019-12-31");
  });

  it("freezes past statuses at their cut-off", () => {
    const seed = directiveByNumber(db, "1198/TB-UBND");
    const rows = tasksOf(db, seed.id);
    const midJanuary = statusesAsOf(db, rows, "2020-01-10");
    expect(Object.fromEntries([...midJanuary].map(([item, s]) => [item, s.status]))).toEqual({
      "1": "done_on_time",
      "2": "done_on_time",
      "3": "overdue",
      "4": "overdue",
      "5": "done_on_time",
      "6": "ongoing",
      "7": "overdue",
      "8": "on_track",
      "9": "ongoing",
      "10": "on_track",
      "10.a": "done_on_time",
      "10.b": "on_track",
      "10.c": "on_track",
    });
    // Before the extension was approved task 2 was due on 30/11; after, on 31/12.
    expect(statusesAsOf(db, rows, "2019-11-24").get("2")).toMatchObject({ status: "on_track", dueDate: "2019-11-30" });
    expect(statusesAsOf(db, rows, "2019-11-28").get("2")).toMatchObject({ status: "on_track", dueDate: "2019-12-31" });
    expect(statusesAsOf(db, rows, "2019-11-28").get("3")).toMatchObject({ status: "on_track" });
    expect(statusesAsOf(db, rows, "2019-12-29").get("3")).toMatchObject({ status: "due_soon" });
    // On 31/12/2019 the leasing guidance (Sở Tài chính) was a month late but had reported in December.
    expect(statusesAsOf(db, rows, "2019-12-31").get("7")).toMatchObject({
      status: "overdue",
      daysLate: 31,
      stale: false,
    });
  });

  it("tracks the level-4 online services target and the extensions of the seed case", () => {
    const seed = directiveByNumber(db, "1198/TB-UBND");
    const rows = tasksOf(db, seed.id);
    const three = rows.find((t) => t.itemNumber === "3")!;
    const target = db.select().from(targets).where(eq(targets.taskId, three.id)).get();
    expect(target).toMatchObject({
      name: "Tỷ lệ dịch vụ công trực tuyến mức độ 4",
      unit: "%",
      baseline: 15.9,
      targetValue: 30,
      direction: "at_least",
      dueDate: "2019-12-31",
      currentValue: 31.2,
    });
    const values = db
      .select()
      .from(targetValues)
      .where(eq(targetValues.targetId, target!.id))
      .orderBy(asc(targetValues.id))
      .all();
    expect(values.map((v) => v.value)).toEqual([18.4, 22.6, 27.8, 31.2]);
    expect(values.every((v) => v.progressReportId !== null)).toBe(true);

    const rejected = db.select().from(extensionRequests).where(eq(extensionRequests.taskId, three.id)).all();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ state: "rejected", currentDueDate: "2019-12-31", approvedDueDate: null });
    expect(rejected[0]!.decisionNote?.length).toBeGreaterThan(10);
    expect(three.currentDueDate).toBe("2019-12-31");

    const two = rows.find((t) => t.itemNumber === "2")!;
    expect(two).toMatchObject({ originalDueDate: "2019-11-30", currentDueDate: "2019-12-31" });
    const approved = db.select().from(extensionRequests).where(eq(extensionRequests.taskId, two.id)).all();
    expect(approved).toMatchObject([
      { state: "approved", currentDueDate: "2019-11-30", approvedDueDate: "2019-12-31" },
    ]);

    const eight = rows.find((t) => t.itemNumber === "8")!;
    const nudges = db
      .select()
      .from(reminders)
      .where(eq(reminders.taskId, eight.id))
      .orderBy(asc(reminders.ordinal))
      .all();
    expect(nudges.map((r) => [r.ordinal, r.kind])).toEqual([
      [1, "manual"],
      [2, "manual"],
    ]);
  });

  it("shows every status in the current directive today", () => {
    const current = directiveByNumber(db, "412/TB-UBND");
    expect(current.issuedOn).toBe(addDays(todayDate, -90));
    expect(current.meetingId).not.toBeNull();
    const rows = tasksOf(db, current.id);
    const statuses = statusesAsOf(db, rows, todayDate);
    const all = [...statuses.values()];
    for (const status of TASK_STATUSES)
      expect(
        all.map((s) => s.status),
        status,
      ).toContain(status);

    const awaiting = all.filter((s) => s.status === "awaiting_confirmation");
    expect(awaiting.map((s) => s.late).sort()).toEqual([false, true]);
    const overdue = all.filter((s) => s.status === "overdue");
    expect(overdue.map((s) => s.stale).sort()).toEqual([false, true]);
    const dueSoon = all.filter((s) => s.status === "due_soon").map((s) => s.dueDate);
    expect(dueSoon.sort()).toEqual([todayDate, addDays(todayDate, 2)]);

    // Led by Sở TT&TT: at least one overdue and one open, on-track task.
    const stttt = departmentIdOf(db, "STTTT");
    const ledBySttt = rows.filter((t) => t.leadDepartmentId === stttt);
    expect(ledBySttt.some((t) => statuses.get(t.itemNumber)?.status === "overdue")).toBe(true);
    expect(ledBySttt.some((t) => t.state === "open" && statuses.get(t.itemNumber)?.status === "on_track")).toBe(true);

    // Set apart with a reason.
    for (const task of rows.filter((t) => t.state === "on_hold" || t.state === "cancelled")) {
      expect(task.stateReason?.length).toBeGreaterThan(10);
    }

    // One task was returned and is back in progress.
    const returned = rows.filter((t) => {
      const history = db.select().from(taskTransitions).where(eq(taskTransitions.taskId, t.id)).all();
      return history.some((h) => h.toState === "returned");
    });
    expect(returned).toHaveLength(1);
    expect(returned[0]!.state).toBe("in_progress");

    // One pending extension request, on a task of this directive.
    const pending = db.select().from(extensionRequests).where(eq(extensionRequests.state, "pending")).all();
    expect(pending).toHaveLength(1);
    expect(rows.map((t) => t.id)).toContain(pending[0]!.taskId);

    // A countered extension is in force somewhere.
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.state, "countered")).all()).toHaveLength(1);

    // Leadership's comments are instructions.
    const instructions = db.select().from(comments).where(eq(comments.isInstruction, true)).all();
    expect(instructions.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps a confidential directive led by Công an Thành phố with Sở TT&TT coordinating", () => {
    const secret = db.select().from(directives).where(eq(directives.confidential, true)).all();
    expect(secret).toHaveLength(1);
    const rows = tasksOf(db, secret[0]!.id);
    expect(rows).toHaveLength(2);
    const catp = departmentIdOf(db, "CATP");
    const stttt = departmentIdOf(db, "STTTT");
    for (const task of rows) {
      expect(task.leadDepartmentId).toBe(catp);
      const coordinators = db.select().from(taskCoordinators).where(eq(taskCoordinators.taskId, task.id)).all();
      expect(coordinators.map((c) => c.departmentId)).toEqual([stttt]);
    }
  });

  it("keeps every task row consistent with its history", () => {
    const rows = db.select().from(tasks).all();
    expect(rows.length).toBeGreaterThan(25);
    for (const task of rows) {
      const label = `task ${task.id} (${task.itemNumber})`;
      const history = db
        .select()
        .from(taskTransitions)
        .where(eq(taskTransitions.taskId, task.id))
        .orderBy(asc(taskTransitions.id))
        .all();
      expect(history.length, label).toBeGreaterThan(0);
      expect(history[0], label).toMatchObject({ fromState: null, toState: "open", changedAt: task.createdAt });
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.fromState, label).toBe(history[i - 1]!.toState);
        expect(history[i]!.changedAt, label).toBeGreaterThanOrEqual(history[i - 1]!.changedAt);
      }
      const last = history.at(-1)!;
      expect(task.state, label).toBe(last.toState);
      expect(task.completionDate, label).toBe(last.completionDate);
      expect(task.stateReason, label).toBe(last.reason);
      if (task.state === "done") {
        expect(task.confirmedAt, label).toBe(last.changedAt);
        expect(task.confirmedBy, label).toBe(last.changedBy);
        expect(task.percent, label).toBe(100);
      } else {
        expect(task.confirmedAt, label).toBeNull();
      }
      if (task.state === "awaiting_confirmation" || task.state === "done") {
        const reported = history.findLast((h) => h.toState === "awaiting_confirmation")!;
        expect(task.completionReportedAt, label).toBe(reported.changedAt);
        expect(task.completionResult, label).toBeTruthy();
      } else {
        expect(task.completionReportedAt, label).toBeNull();
      }

      const requests = db
        .select()
        .from(extensionRequests)
        .where(eq(extensionRequests.taskId, task.id))
        .orderBy(asc(extensionRequests.id))
        .all();
      const inForce = requests.filter((r) => r.state === "approved" || r.state === "countered");
      if (task.deadlineKind === "dated") {
        expect(task.currentDueDate, label).toBe(inForce.at(-1)?.approvedDueDate ?? task.originalDueDate);
      } else {
        expect([task.originalDueDate, task.currentDueDate, requests.length], label).toEqual([null, null, 0]);
      }
      // A request records the due date in force when it was made.
      const facts = taskFacts(db, task);
      for (const request of requests) {
        const inForceThen = inForce.filter((r) => (r.decidedAt as number) < request.createdAt).at(-1)?.approvedDueDate;
        expect(request.currentDueDate, label).toBe(inForceThen ?? task.originalDueDate);
        expect(request.departmentId, label).toBe(task.leadDepartmentId);
        if (request.state !== "pending") expect(request.decidedBy, label).not.toBe(request.requestedBy);
      }

      const reports = db
        .select()
        .from(progressReports)
        .where(eq(progressReports.taskId, task.id))
        .orderBy(asc(progressReports.createdAt), asc(progressReports.id))
        .all();
      expect(task.lastReportedAt, label).toBe(reports.at(-1)?.createdAt ?? null);
      expect(task.percent, label).toBe(reports.at(-1)?.percent ?? 0);
      if (reports.length > 0) expect(reports.at(-1)!.departmentId, label).toBe(task.leadDepartmentId);
      expect(task.updatedAt, label).toBeGreaterThanOrEqual(Math.max(last.changedAt, task.lastReportedAt ?? 0));
      expect(task.updatedAt, label).toBeLessThan(now);
      // A task exists from the start of its assignment day, or from its entry if that was earlier.
      expect(facts.createdAt, label).toBe(Math.min(task.createdAt, startOfLocalDay(task.assignedOn)));

      const leads = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, task.id)).all();
      expect(leads, label).toMatchObject([
        { departmentId: task.leadDepartmentId, fromAt: task.createdAt, untilAt: null },
      ]);

      if (task.parentId !== null) {
        const parent = rows.find((r) => r.id === task.parentId)!;
        if (parent.currentDueDate !== null) expect(task.currentDueDate! <= parent.currentDueDate, label).toBe(true);
      }
    }
  });

  it("never makes a coordinator also the lead", () => {
    const clashes = db
      .select({ n: count() })
      .from(taskCoordinators)
      .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
      .where(eq(tasks.leadDepartmentId, taskCoordinators.departmentId))
      .get();
    expect(clashes?.n).toBe(0);
    expect(db.select({ n: count() }).from(taskCoordinators).get()?.n).toBeGreaterThan(20);
  });

  it("records the load in the audit log with its counts", () => {
    const events = db.select().from(auditEvents).where(eq(auditEvents.action, "demo.load")).all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ at: now, entityType: "database", actorId: null });
    const taskCount = db.select({ n: count() }).from(tasks).get()?.n;
    expect(events[0]!.after).toMatchObject({ tasks: taskCount, departments: 31, users: 9, directives: 3 });
    expect(db.select({ n: count() }).from(tasks).where(isNull(tasks.parentId)).get()?.n).toBe(taskCount! - 3);
  });

  it("refuses to load a second time and leaves the data untouched", async () => {
    const before = db.select({ n: count() }).from(tasks).get()?.n;
    await expect(loadDemoData(db, { now })).rejects.toThrow(/already has \d+ department/);
    expect(db.select({ n: count() }).from(tasks).get()?.n).toBe(before);
    expect(db.select({ n: count() }).from(auditEvents).get()?.n).toBe(1);
  });
});
