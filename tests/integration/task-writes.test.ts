import { count, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, departments, directives, taskLeadAssignments, tasks } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import type { AppDatabase } from "../../app/models/db.server";
import { createDirective, setDirectiveState, updateDirective } from "../../app/models/directives.server";
import { changeTaskState, createTask, reassignLead, updateTask, type TaskInput } from "../../app/models/tasks.server";
import { freshDatabase } from "../setup/database";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "r1" };
let db: AppDatabase;
let secretary: { id: number };
let other: { id: number };
let dept: Record<string, number>;
let directiveId: number;

const rows = (table: typeof tasks | typeof auditEvents | typeof taskLeadAssignments) =>
  (db.select({ n: count() }).from(table).get()?.n ?? 0) as number;

beforeEach(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: Date.parse("2026-03-16T03:00:00Z") });
  secretary = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!;
  other = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'lanhdao'`)!;
  dept = Object.fromEntries(
    db
      .select({ code: departments.code, id: departments.id })
      .from(departments)
      .all()
      .map((d) => [d.code, d.id]),
  );
  directiveId = db.select({ id: directives.id }).from(directives).where(eq(directives.number, "412/TB-UBND")).get()!.id;
});

const input = (overrides: Partial<TaskInput> = {}): TaskInput => ({
  directiveId,
  parentId: null,
  itemNumber: "15",
  title: "Xây dựng kho dữ liệu dùng chung",
  description: null,
  leadDepartmentId: dept.STTTT!,
  coordinatorDepartmentIds: [dept.STC!],
  deadlineKind: "dated",
  dueDate: "2026-12-31",
  assignedOn: "2026-03-16",
  ...overrides,
});

describe("creating a task", () => {
  it("records the task, its coordinators, its first lead period and an audit event", () => {
    const result = createTask(db, secretary, input(), origin);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const task = db.select().from(tasks).where(eq(tasks.id, result.id)).get()!;
    expect(task).toMatchObject({
      state: "open",
      originalDueDate: "2026-12-31",
      currentDueDate: "2026-12-31",
      version: 1,
    });
    const audit = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(result.id)))
      .all();
    expect(audit.map((a) => a.action)).toEqual(["task.create"]);
    expect(audit[0]).toMatchObject({ actorId: secretary.id, ipAddress: "127.0.0.1", requestId: "r1" });
  });

  it.each([
    ["a coordinator equal to the lead", { coordinatorDepartmentIds: [1] as number[], leadDepartmentId: 1 }, "rule"],
    ["a dated task without a date", { dueDate: null }, "rule"],
    ["a due date before the assignment", { dueDate: "2026-01-01" }, "rule"],
    ["an unknown department", { coordinatorDepartmentIds: [99999] }, "unknown_department"],
    ["an unknown directive", { directiveId: 99999 }, "unknown_directive"],
    ["an unknown parent", { parentId: 99999 }, "unknown_parent"],
  ])("refuses %s and writes nothing", (_label, overrides, error) => {
    const before = [rows(tasks), rows(auditEvents), rows(taskLeadAssignments)];
    const result = createTask(db, secretary, input(overrides as Partial<TaskInput>), origin);
    expect(result).toMatchObject({ ok: false, error });
    expect([rows(tasks), rows(auditEvents), rows(taskLeadAssignments)]).toEqual(before);
  });

  it("refuses a sub-task due after its parent", () => {
    const parent = createTask(db, secretary, input({ dueDate: "2026-06-30" }), origin);
    if (!parent.ok) throw new Error("setup");
    const child = createTask(
      db,
      secretary,
      input({ parentId: parent.id, itemNumber: "15.a", dueDate: "2026-07-01" }),
      origin,
    );
    expect(child).toMatchObject({ ok: false, error: "rule", violations: ["subtask_due_after_parent"] });
  });
});

describe("editing a task", () => {
  it("refuses a save based on a stale version, keeps the first save and says what changed", () => {
    const created = createTask(db, secretary, input(), origin);
    if (!created.ok) throw new Error("setup");
    const first = updateTask(db, other, created.id, 1, { ...input(), title: "Tiêu đề của người thứ nhất" }, origin);
    expect(first).toMatchObject({ ok: true, version: 2 });
    const second = updateTask(db, secretary, created.id, 1, { ...input(), title: "Tiêu đề của người thứ hai" }, origin);
    expect(second.ok).toBe(false);
    if (second.ok || second.error !== "conflict") throw new Error("expected a conflict");
    expect(second.changes).toEqual([
      expect.objectContaining({
        field: "title",
        from: "Xây dựng kho dữ liệu dùng chung",
        to: "Tiêu đề của người thứ nhất",
      }),
    ]);
    expect(db.select({ title: tasks.title }).from(tasks).where(eq(tasks.id, created.id)).get()?.title).toBe(
      "Tiêu đề của người thứ nhất",
    );
  });

  it("re-assigns the lead with its history kept", () => {
    const created = createTask(db, secretary, input(), origin);
    if (!created.ok) throw new Error("setup");
    const result = reassignLead(
      db,
      secretary,
      created.id,
      1,
      { departmentId: dept.STC!, reason: "Đổi đơn vị chủ trì" },
      origin,
    );
    expect(result).toMatchObject({ ok: true, version: 2 });
    const periods = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, created.id)).all();
    expect(periods.map((p) => [p.departmentId, p.untilAt === null])).toEqual([
      [dept.STTTT, false],
      [dept.STC, true],
    ]);
    // The new lead was a coordinator: it is not both.
    expect(db.get(sql`SELECT count(*) AS n FROM task_coordinators WHERE task_id = ${created.id}`)).toEqual({ n: 0 });
  });

  it("puts on hold, resumes and withdraws through the workflow, with history", () => {
    const created = createTask(db, secretary, input(), origin);
    if (!created.ok) throw new Error("setup");
    expect(changeTaskState(db, secretary, created.id, 1, { to: "resume", reason: null }, origin)).toMatchObject({
      ok: false,
      error: "invalid_move",
    });
    expect(changeTaskState(db, secretary, created.id, 1, { to: "on_hold", reason: "Chờ kinh phí" }, origin).ok).toBe(
      true,
    );
    expect(changeTaskState(db, secretary, created.id, 2, { to: "resume", reason: null }, origin)).toMatchObject({
      ok: true,
    });
    expect(db.select({ state: tasks.state }).from(tasks).where(eq(tasks.id, created.id)).get()?.state).toBe("open");
    expect(changeTaskState(db, secretary, created.id, 3, { to: "cancelled", reason: "Rút" }, origin).ok).toBe(true);
    expect(changeTaskState(db, secretary, created.id, 4, { to: "on_hold", reason: "x" }, origin)).toMatchObject({
      ok: false,
      error: "invalid_move",
    });
  });
});

describe("directives", () => {
  const directive = {
    committeeId: 1,
    meetingId: null,
    number: "99/TB-UBND",
    type: "conclusion_notice" as const,
    issuedOn: "2026-03-16",
    issuer: "UBND Thành phố Hà Nội",
    signer: null,
    abstract: "Kết luận thử",
    fullText: null,
    confidential: false,
  };

  it("starts as a draft, refuses a duplicate number per issuer, issues and closes", () => {
    const created = createDirective(db, secretary, directive, origin);
    if (!created.ok) throw new Error("setup");
    expect(
      db.select({ state: directives.state }).from(directives).where(eq(directives.id, created.id)).get()?.state,
    ).toBe("draft");
    expect(createDirective(db, secretary, { ...directive, number: "99/tb-ubnd" }, origin)).toEqual({
      ok: false,
      error: "duplicate_number",
    });
    expect(createDirective(db, secretary, { ...directive, issuer: "Văn phòng Chính phủ" }, origin).ok).toBe(true);
    expect(setDirectiveState(db, secretary, created.id, 1, "closed", origin)).toEqual({
      ok: false,
      error: "invalid_move",
    });
    expect(setDirectiveState(db, secretary, created.id, 1, "issued", origin)).toMatchObject({ ok: true, version: 2 });
    expect(updateDirective(db, secretary, created.id, 1, directive, origin)).toEqual({ ok: false, error: "conflict" });
  });
});
