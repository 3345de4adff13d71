// Department administration and the merge of docs/domain-rules.md §3 (app/models/departments.server.ts),
// on a real, migrated database: the demo's Hanoi departments for the real 2025 merger
// of Information and Communications into Science and Technology, and small fixtures
// for the edge cases. Refused input changes nothing.
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  departments,
  directives,
  extensionRequests,
  progressReports,
  reminders,
  taskCoordinators,
  taskLeadAssignments,
  tasks,
  users,
} from "../../db/schema";
import { addDays, today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import type { RequestOrigin } from "../../app/models/audit.server";
import {
  CLOSED_TASK_STATES,
  createDepartment,
  mergeDepartment,
  setDepartmentActive,
  updateDepartment,
  type NewDepartmentInput,
} from "../../app/models/departments.server";
import { loadDemoData } from "../../db/seed/demo";
import { freshDatabase } from "../setup/database";

const origin: RequestOrigin = { ipAddress: "203.0.113.7", userAgent: "vitest", requestId: "test" };
/** 16 March 2026, 10:00 in Hanoi. */
const NOW = Date.UTC(2026, 2, 16, 3, 0, 0);

let db: AppDatabase;
let admin: Actor;

function addAdmin(): void {
  const { id } = db
    .insert(users)
    .values({ login: "quantri", displayName: "Quản trị", passwordHash: "x", role: "admin" })
    .returning({ id: users.id })
    .get();
  admin = { id, role: "admin", departmentId: null };
}

function department(code: string, name: string, extra: Partial<typeof departments.$inferInsert> = {}): number {
  return db
    .insert(departments)
    .values({ code, name, kind: "department", createdAt: Date.UTC(2019, 0, 1), ...extra })
    .returning({ id: departments.id })
    .get().id;
}

/** Everything a department change could have touched. */
function state() {
  return {
    departments: db.select().from(departments).orderBy(asc(departments.id)).all(),
    users: db.select().from(users).orderBy(asc(users.id)).all(),
    tasks: db.select().from(tasks).orderBy(asc(tasks.id)).all(),
    coordinators: db
      .select()
      .from(taskCoordinators)
      .orderBy(asc(taskCoordinators.taskId), asc(taskCoordinators.departmentId))
      .all(),
    leads: db.select().from(taskLeadAssignments).orderBy(asc(taskLeadAssignments.id)).all(),
    audit: db.select().from(auditEvents).orderBy(asc(auditEvents.id)).all(),
  };
}

const auditOf = (action: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id)).all();

describe("creating and editing departments", () => {
  beforeEach(() => {
    db = freshDatabase();
    addAdmin();
  });

  const input = (overrides: Partial<NewDepartmentInput> = {}): NewDepartmentInput => ({
    code: "skhcn",
    name: "Sở Khoa học và Công nghệ",
    shortName: "Sở KH&CN",
    kind: "department",
    parentId: null,
    ...overrides,
  });

  it("creates a department with an upper-case code, audited", () => {
    const result = createDepartment(db, admin, input(), origin, NOW);
    expect(result).toEqual({ ok: true, departmentId: expect.any(Number) });
    if (!result.ok) return;
    expect(db.select().from(departments).where(eq(departments.id, result.departmentId)).get()).toMatchObject({
      code: "SKHCN",
      name: "Sở Khoa học và Công nghệ",
      shortName: "Sở KH&CN",
      kind: "department",
      parentId: null,
      active: true,
    });
    expect(auditOf("department.create")[0]).toMatchObject({
      actorId: admin.id,
      entityId: String(result.departmentId),
      after: { code: "SKHCN", name: "Sở Khoa học và Công nghệ", active: true },
    });
  });

  it("refuses bad input, a taken code, an unknown or inactive parent, and changes nothing", () => {
    department("SKHCN", "Sở Khoa học và Công nghệ");
    const dissolved = department("SKHDT", "Sở Kế hoạch và Đầu tư", { active: false });
    const before = state();
    const cases: [Partial<NewDepartmentInput>, string, string | undefined][] = [
      [{ code: "" }, "invalid", "code"],
      [{ code: "S" }, "invalid", "code"],
      [{ code: "SỞ KH" }, "invalid", "code"],
      [{ code: "X".repeat(21) }, "invalid", "code"],
      [{ code: "new", name: "  " }, "invalid", "name"],
      [{ code: "new", name: "S".repeat(201) }, "invalid", "name"],
      [{ code: "new", shortName: "S".repeat(61) }, "invalid", "shortName"],
      [{ code: "new", kind: "ministry" as never }, "invalid", "kind"],
      [{ code: "Skhcn" }, "code_taken", "code"],
      [{ code: "new", parentId: 999_999 }, "parent_unknown", "parentId"],
      [{ code: "new", parentId: dissolved }, "parent_inactive", "parentId"],
    ];
    for (const [overrides, code, field] of cases) {
      expect(createDepartment(db, admin, input(overrides), origin), JSON.stringify(overrides)).toEqual({
        ok: false,
        code,
        field,
      });
    }
    expect(state()).toEqual(before);
  });

  it("renames and re-parents, auditing what changed", () => {
    const city = department("UBND", "UBND Thành phố");
    const id = department("STTTT", "Sở Thông tin và Truyền thông");
    const result = updateDepartment(
      db,
      admin,
      {
        departmentId: id,
        name: "Sở Thông tin và Truyền thông Hà Nội",
        shortName: "Sở TT&TT",
        kind: "department",
        parentId: city,
      },
      origin,
    );
    expect(result).toEqual({ ok: true, changed: true });
    const [event] = auditOf("department.update");
    expect(event!.before).toEqual({ name: "Sở Thông tin và Truyền thông", shortName: null, parentId: null });
    expect(event!.after).toEqual({
      name: "Sở Thông tin và Truyền thông Hà Nội",
      shortName: "Sở TT&TT",
      parentId: city,
      version: 2,
    });
  });

  it("refuses a cycle in the hierarchy, and edits of a merged department", () => {
    const city = department("UBND", "UBND Thành phố");
    const agency = department("STTTT", "Sở Thông tin và Truyền thông", { parentId: city });
    const centre = department("TTTT", "Trung tâm Thông tin", { parentId: agency });
    const merged = department("SBCVT", "Sở Bưu chính Viễn thông", { active: false, successorId: agency });
    const before = state();
    const edit = (departmentId: number, parentId: number | null) =>
      updateDepartment(db, admin, { departmentId, name: "Tên", shortName: null, kind: "department", parentId }, origin);
    expect(edit(city, city)).toEqual({ ok: false, code: "parent_cycle", field: "parentId" });
    expect(edit(city, agency)).toEqual({ ok: false, code: "parent_cycle", field: "parentId" });
    expect(edit(city, centre)).toEqual({ ok: false, code: "parent_cycle", field: "parentId" });
    expect(edit(agency, centre)).toEqual({ ok: false, code: "parent_cycle", field: "parentId" });
    expect(edit(merged, null)).toMatchObject({ ok: false, code: "merged_readonly" });
    expect(edit(999_999, null)).toMatchObject({ ok: false, code: "not_found" });
    expect(
      updateDepartment(
        db,
        admin,
        { departmentId: agency, name: "", shortName: null, kind: "department", parentId: city },
        origin,
      ),
    ).toMatchObject({ ok: false, code: "invalid", field: "name" });
    expect(state()).toEqual(before);
    // Moving a sub-unit up is fine.
    expect(edit(centre, city)).toEqual({ ok: true, changed: true });
  });
});

// ---------------------------------------------------------------- deactivation

/** A directive with tasks, for the fixtures below. */
function directive(): number {
  db.run(sql`INSERT INTO committees (code, name) VALUES ('BCD', 'Ban Chỉ đạo') ON CONFLICT DO NOTHING`);
  return db
    .insert(directives)
    .values({
      committeeId: db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD'`)!.id,
      type: "conclusion_notice",
      issuer: "UBND Thành phố",
      abstract: "Kết luận",
      state: "issued",
      issuedOn: "2025-01-10",
    })
    .returning({ id: directives.id })
    .get().id;
}

function task(
  directiveId: number,
  lead: number,
  options: { coordinators?: number[]; state?: "open" | "in_progress" | "on_hold" | "done" | "cancelled" } = {},
): number {
  const state = options.state ?? "in_progress";
  const done = state === "done";
  const { id } = db
    .insert(tasks)
    .values({
      directiveId,
      itemNumber: "1",
      title: "Nhiệm vụ",
      leadDepartmentId: lead,
      deadlineKind: "none",
      assignedOn: "2025-01-10",
      state,
      completionDate: done ? "2025-02-01" : null,
      confirmedAt: done ? Date.UTC(2025, 1, 2) : null,
    })
    .returning({ id: tasks.id })
    .get();
  db.insert(taskLeadAssignments)
    .values({ taskId: id, departmentId: lead, fromAt: Date.UTC(2025, 0, 10) })
    .run();
  for (const coordinator of options.coordinators ?? []) {
    db.insert(taskCoordinators).values({ taskId: id, departmentId: coordinator }).run();
  }
  return id;
}

describe("deactivating and reactivating", () => {
  beforeEach(() => {
    db = freshDatabase();
    addAdmin();
  });

  it("switches off a department with no work left and back on, audited", () => {
    const id = department("BQLDA", "Ban Quản lý dự án");
    expect(setDepartmentActive(db, admin, { departmentId: id, active: false }, origin, NOW)).toEqual({
      ok: true,
      changed: true,
    });
    expect(db.select().from(departments).where(eq(departments.id, id)).get()).toMatchObject({
      active: false,
      dissolvedOn: today(NOW),
    });
    expect(setDepartmentActive(db, admin, { departmentId: id, active: true }, origin, NOW)).toEqual({
      ok: true,
      changed: true,
    });
    expect(db.select().from(departments).where(eq(departments.id, id)).get()).toMatchObject({
      active: true,
      dissolvedOn: null,
    });
    expect(auditOf("department.deactivate")).toHaveLength(1);
    expect(auditOf("department.reactivate")).toHaveLength(1);
  });

  it("refuses to switch off a department that still has work, users or sub-units, and to revive a merged one", () => {
    const d = directive();
    const leading = department("A", "Sở A");
    const coordinating = department("B", "Sở B");
    const staffed = department("C", "Sở C");
    const parent = department("D", "Sở D");
    department("E", "Phòng E", { parentId: parent });
    const merged = department("F", "Sở F", { active: false, successorId: leading });
    const finished = department("G", "Sở G");
    task(d, leading, { coordinators: [coordinating] });
    task(d, finished, { state: "done" });
    db.insert(users)
      .values({ login: "c", displayName: "C", passwordHash: "x", role: "dept_lead", departmentId: staffed })
      .run();
    const before = state();
    const off = (departmentId: number) => setDepartmentActive(db, admin, { departmentId, active: false }, origin);
    expect(off(leading)).toMatchObject({ ok: false, code: "has_open_tasks", count: 1 });
    expect(off(coordinating)).toMatchObject({ ok: false, code: "has_open_tasks", count: 1 });
    expect(off(staffed)).toMatchObject({ ok: false, code: "has_active_users", count: 1 });
    expect(off(parent)).toMatchObject({ ok: false, code: "has_active_children", count: 1 });
    expect(setDepartmentActive(db, admin, { departmentId: merged, active: true }, origin)).toMatchObject({
      ok: false,
      code: "reactivate_merged",
    });
    expect(state()).toEqual(before);
    // Finished tasks do not stand in the way: they keep the department's name.
    expect(off(finished)).toEqual({ ok: true, changed: true });
  });
});

// ---------------------------------------------------------------- merging

describe("merging: the edge cases", () => {
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  beforeEach(() => {
    db = freshDatabase();
    addAdmin();
    a = department("A", "Sở A");
    b = department("B", "Sở B");
    c = department("C", "Sở C");
    d = directive();
  });

  it("moves coordinations to the successor, and drops them where the successor already leads or coordinates", () => {
    const ledWithSuccessorCoordinating = task(d, a, { coordinators: [b, c] });
    const bothCoordinate = task(d, c, { coordinators: [a, b] });
    const successorLeads = task(d, b, { coordinators: [a] });
    const plainCoordination = task(d, c, { coordinators: [a] });
    const cancelledCoordination = task(d, c, { coordinators: [a], state: "cancelled" });
    const onHold = task(d, a, { state: "on_hold" });
    const result = mergeDepartment(
      db,
      admin,
      { departmentId: a, successorId: b, reason: "Hợp nhất theo Nghị quyết của HĐND" },
      origin,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      summary: { tasksReassigned: 2, coordinationsMoved: 1, coordinationsDropped: 2, usersMoved: 0, subunitsMoved: 0 },
    });
    const coordinators = (taskId: number) =>
      db
        .select({ id: taskCoordinators.departmentId })
        .from(taskCoordinators)
        .where(eq(taskCoordinators.taskId, taskId))
        .orderBy(asc(taskCoordinators.departmentId))
        .all()
        .map((row) => row.id);
    const lead = (taskId: number) => db.select().from(tasks).where(eq(tasks.id, taskId)).get()!.leadDepartmentId;
    expect([lead(ledWithSuccessorCoordinating), coordinators(ledWithSuccessorCoordinating)]).toEqual([b, [c]]);
    expect(coordinators(bothCoordinate)).toEqual([b]);
    expect(coordinators(successorLeads)).toEqual([]);
    expect(coordinators(plainCoordination)).toEqual([b]);
    expect(coordinators(cancelledCoordination)).toEqual([a]);
    expect(lead(onHold)).toBe(b);
    expect(auditOf("task.reassign").map((e) => Number(e.entityId))).toEqual([ledWithSuccessorCoordinating, onHold]);
    expect(auditOf("task.coordinators_change").map((e) => Number(e.entityId))).toEqual([
      bothCoordinate,
      successorLeads,
      plainCoordination,
    ]);
  });

  it("moves active sub-units under the successor", () => {
    const unit = department("A1", "Trung tâm thuộc Sở A", { parentId: a });
    const oldUnit = department("A2", "Trung tâm cũ", { parentId: a, active: false });
    const result = mergeDepartment(db, admin, { departmentId: a, successorId: b, reason: "Hợp nhất" }, origin, NOW);
    expect(result).toMatchObject({ ok: true, summary: { subunitsMoved: 1 } });
    const parentOf = (id: number) => db.select().from(departments).where(eq(departments.id, id)).get()!.parentId;
    expect(parentOf(unit)).toBe(b);
    expect(parentOf(oldUnit)).toBe(a);
  });

  it("refuses what makes no sense, and changes nothing", () => {
    const child = department("A1", "Phòng thuộc Sở A", { parentId: a });
    const grandchild = department("A11", "Tổ thuộc phòng", { parentId: child });
    const inactive = department("X", "Sở đã giải thể", { active: false });
    const mergedAlready = department("M", "Sở đã hợp nhất", { active: false, successorId: b });
    const young = department("Y", "Sở mới", { createdAt: Date.UTC(2026, 0, 1) });
    task(d, a, { coordinators: [c] });
    const before = state();
    const merge = (departmentId: number, successorId: number, extra: { effectiveOn?: string; reason?: string } = {}) =>
      mergeDepartment(db, admin, { departmentId, successorId, reason: "Hợp nhất", ...extra }, origin, NOW);
    expect(merge(a, a)).toEqual({ ok: false, code: "merge_into_self", field: "successorId" });
    expect(merge(a, inactive)).toEqual({ ok: false, code: "successor_inactive", field: "successorId" });
    expect(merge(a, mergedAlready)).toEqual({ ok: false, code: "successor_inactive", field: "successorId" });
    expect(merge(a, 999_999)).toEqual({ ok: false, code: "successor_unknown", field: "successorId" });
    expect(merge(a, child)).toEqual({ ok: false, code: "successor_descendant", field: "successorId" });
    expect(merge(a, grandchild)).toEqual({ ok: false, code: "successor_descendant", field: "successorId" });
    expect(merge(mergedAlready, c)).toMatchObject({ ok: false, code: "merged_readonly" });
    expect(merge(inactive, c)).toMatchObject({ ok: false, code: "already_inactive" });
    expect(merge(999_999, c)).toMatchObject({ ok: false, code: "not_found" });
    expect(merge(a, b, { effectiveOn: addDays(today(NOW), 1) })).toEqual({
      ok: false,
      code: "effective_in_future",
      field: "effectiveOn",
    });
    expect(merge(young, b, { effectiveOn: "2025-12-31" })).toEqual({
      ok: false,
      code: "effective_before_creation",
      field: "effectiveOn",
    });
    expect(merge(a, b, { effectiveOn: "2025-02-30" })).toMatchObject({
      ok: false,
      code: "invalid",
      field: "effectiveOn",
    });
    expect(merge(a, b, { reason: "   " })).toMatchObject({ ok: false, code: "invalid", field: "reason" });
    expect(merge(a, b, { reason: "x".repeat(501) })).toMatchObject({ ok: false, code: "invalid", field: "reason" });
    expect(state()).toEqual(before);
  });

  it("a repeated merge (double submission) is refused the second time and moves nothing twice", () => {
    task(d, a);
    expect(mergeDepartment(db, admin, { departmentId: a, successorId: b, reason: "Hợp nhất" }, origin, NOW).ok).toBe(
      true,
    );
    const before = state();
    expect(
      mergeDepartment(db, admin, { departmentId: a, successorId: c, reason: "Hợp nhất" }, origin, NOW),
    ).toMatchObject({ ok: false, code: "merged_readonly" });
    expect(state()).toEqual(before);
    expect(auditOf("task.reassign")).toHaveLength(1);
  });
});

describe("merging Information and Communications into Science and Technology (2025)", () => {
  let sttt: number;
  let skhcn: number;

  beforeEach(async () => {
    db = freshDatabase();
    await loadDemoData(db, { now: NOW });
    const byCode = (code: string) => db.select().from(departments).where(eq(departments.code, code)).get()!.id;
    sttt = byCode("STTTT");
    skhcn = byCode("SKHCN");
    admin = {
      id: db.select().from(users).where(eq(users.login, "admin")).get()!.id,
      role: "admin",
      departmentId: null,
    };
  });

  const openTask = notInArray(tasks.state, [...CLOSED_TASK_STATES]);
  const closedTask = inArray(tasks.state, [...CLOSED_TASK_STATES]);

  it("moves exactly the open tasks it led, one audited re-assignment each, and leaves history where it was", () => {
    const openLed = db
      .select()
      .from(tasks)
      .where(and(eq(tasks.leadDepartmentId, sttt), openTask))
      .orderBy(asc(tasks.id))
      .all();
    const closedLed = db
      .select()
      .from(tasks)
      .where(and(eq(tasks.leadDepartmentId, sttt), closedTask))
      .all();
    expect(openLed.length).toBeGreaterThan(0);
    // One of them has Science and Technology as a coordinator: it must stop coordinating what it now leads.
    const coordinatedBySuccessor = openLed.filter((t) =>
      db
        .select()
        .from(taskCoordinators)
        .where(and(eq(taskCoordinators.taskId, t.id), eq(taskCoordinators.departmentId, skhcn)))
        .get(),
    );
    expect(coordinatedBySuccessor.length).toBeGreaterThan(0);
    expect(closedLed.some((t) => t.state === "done")).toBe(true);
    const reports = db.select().from(progressReports).where(eq(progressReports.departmentId, sttt)).all();
    const extensions = db.select().from(extensionRequests).where(eq(extensionRequests.departmentId, sttt)).all();
    const remindersBefore = db.select().from(reminders).where(eq(reminders.departmentId, sttt)).all();
    expect(reports.length).toBeGreaterThan(0);
    expect(extensions.length).toBeGreaterThan(0);
    const closedCoordinations = db
      .select({ taskId: taskCoordinators.taskId })
      .from(taskCoordinators)
      .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
      .where(and(eq(taskCoordinators.departmentId, sttt), closedTask))
      .all();
    const staff = db.select().from(users).where(eq(users.departmentId, sttt)).all();
    expect(staff.map((u) => u.login).sort()).toEqual(["stttt.chuyenvien", "stttt.truong"]);
    const auditBefore = db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .get()!.n;

    const result = mergeDepartment(
      db,
      admin,
      {
        departmentId: sttt,
        successorId: skhcn,
        reason: "Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ (2025)",
      },
      origin,
      NOW,
    );
    expect(result).toMatchObject({ ok: true, summary: { tasksReassigned: openLed.length, usersMoved: 2 } });

    // The open tasks it led: now led by Science and Technology, one version later.
    for (const before of openLed) {
      const after = db.select().from(tasks).where(eq(tasks.id, before.id)).get()!;
      expect(after.leadDepartmentId, `task ${before.id}`).toBe(skhcn);
      expect(after.version).toBe(before.version + 1);
      const assignments = db
        .select()
        .from(taskLeadAssignments)
        .where(eq(taskLeadAssignments.taskId, before.id))
        .orderBy(asc(taskLeadAssignments.id))
        .all();
      expect(assignments.at(-2)).toMatchObject({ departmentId: sttt, untilAt: NOW });
      expect(assignments.at(-1)).toMatchObject({
        departmentId: skhcn,
        fromAt: NOW,
        untilAt: null,
        assignedBy: admin.id,
        reason: expect.stringContaining("Hợp nhất"),
      });
      expect(
        db
          .select()
          .from(taskCoordinators)
          .where(and(eq(taskCoordinators.taskId, before.id), eq(taskCoordinators.departmentId, skhcn)))
          .all(),
      ).toEqual([]);
    }
    const reassigned = auditOf("task.reassign");
    expect(reassigned.map((e) => Number(e.entityId))).toEqual(openLed.map((t) => t.id));
    expect(reassigned.every((e) => e.actorId === admin.id && e.at === NOW)).toBe(true);
    expect(reassigned[0]!.before).toMatchObject({ leadDepartmentId: sttt });
    expect(reassigned[0]!.after).toMatchObject({ leadDepartmentId: skhcn });

    // Finished and withdrawn tasks keep it as lead, and so keep its name.
    for (const before of closedLed) {
      expect(db.select().from(tasks).where(eq(tasks.id, before.id)).get()).toEqual(before);
    }
    const seedDone = db.all<{ name: string }>(sql`
      SELECT d.name FROM tasks t JOIN departments d ON d.id = t.lead_department_id
      JOIN directives v ON v.id = t.directive_id
      WHERE v.number = '1198/TB-UBND' AND t.state = 'done' AND d.code = 'STTTT'`);
    expect(seedDone.length).toBeGreaterThan(0);
    expect(seedDone.every((row) => row.name === "Sở Thông tin và Truyền thông")).toBe(true);

    // Reports, extension requests and reminders stay with it.
    expect(db.select().from(progressReports).where(eq(progressReports.departmentId, sttt)).all()).toEqual(reports);
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.departmentId, sttt)).all()).toEqual(
      extensions,
    );
    expect(db.select().from(reminders).where(eq(reminders.departmentId, sttt)).all()).toEqual(remindersBefore);

    // It no longer coordinates any open task; its coordinations of closed tasks stay.
    expect(
      db
        .select({ taskId: taskCoordinators.taskId })
        .from(taskCoordinators)
        .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
        .where(and(eq(taskCoordinators.departmentId, sttt), openTask))
        .all(),
    ).toEqual([]);
    expect(
      db
        .select({ taskId: taskCoordinators.taskId })
        .from(taskCoordinators)
        .innerJoin(tasks, eq(tasks.id, taskCoordinators.taskId))
        .where(and(eq(taskCoordinators.departmentId, sttt), closedTask))
        .all(),
    ).toEqual(closedCoordinations);

    // Its staff now belong to the successor, each move audited.
    for (const member of staff) {
      expect(db.select().from(users).where(eq(users.id, member.id)).get()!.departmentId).toBe(skhcn);
    }
    expect(
      auditOf("user.move")
        .map((e) => Number(e.entityId))
        .sort(),
    ).toEqual(staff.map((u) => u.id).sort());

    // It is history now: inactive, with its successor and the day the merge took effect.
    expect(db.select().from(departments).where(eq(departments.id, sttt)).get()).toMatchObject({
      name: "Sở Thông tin và Truyền thông",
      active: false,
      successorId: skhcn,
      dissolvedOn: today(NOW),
    });
    const [merge] = auditOf("department.merge");
    expect(merge).toMatchObject({ entityId: String(sttt), actorId: admin.id });
    expect(merge!.after).toMatchObject({ successorId: skhcn, tasksReassigned: openLed.length, usersMoved: 2 });

    // Every write is in the log, at the same instant (one transaction).
    const written = db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${auditBefore}`)
      .all();
    expect(new Set(written.map((e) => e.at))).toEqual(new Set([NOW]));
    // No open lead assignment is left behind for the old lead.
    expect(
      db
        .select()
        .from(taskLeadAssignments)
        .where(and(eq(taskLeadAssignments.departmentId, sttt), isNull(taskLeadAssignments.untilAt)))
        .all()
        .map((row) => row.taskId)
        .filter((taskId) => openLed.some((t) => t.id === taskId)),
    ).toEqual([]);
  });

  it("takes a past effective date as given", () => {
    const result = mergeDepartment(
      db,
      admin,
      { departmentId: sttt, successorId: skhcn, effectiveOn: "2025-03-01", reason: "Nghị quyết số 15/NQ-HĐND" },
      origin,
      NOW,
    );
    expect(result.ok).toBe(true);
    expect(db.select().from(departments).where(eq(departments.id, sttt)).get()!.dissolvedOn).toBe("2025-03-01");
  });
});
