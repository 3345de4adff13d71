// "Who may see what" exists twice: as rules in app/domain/permissions.ts
// (canSeeTask, canSeeDirective: record pages) and as SQL in
// app/models/visibility.server.ts (lists, counts, search). For every demo user,
// every department user there could be, and every task and directive of the demo
// (plus a draft and a directive without tasks), both must pick the same records.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { canSeeDirective, canSeeTask, type Actor } from "../../app/domain/permissions";
import { DEPARTMENT_ROLES } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "../../app/models/visibility.server";
import { directives, taskCoordinators, tasks } from "../../db/schema";
import { allDirectiveFacts, allTaskFacts, demoActors, useFreshDemoDatabase } from "../setup/remix-harness";

let db: AppDatabase;
let draftDirectiveId: number;
let draftTaskId: number;

function departmentId(code: string): number {
  const row = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`);
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  const committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
  const draft = db
    .insert(directives)
    .values({
      committeeId,
      type: "plan",
      issuer: "UBND Thành phố Hà Nội",
      abstract: "Dự thảo kế hoạch chuyển đổi số năm sau",
      state: "draft",
    })
    .returning({ id: directives.id })
    .get();
  draftDirectiveId = draft.id;
  // Assigned to STTTT (lead) and SGDDT (coordinator): assignment does not open a draft to them.
  draftTaskId = db
    .insert(tasks)
    .values({
      directiveId: draft.id,
      itemNumber: "1",
      title: "Xây dựng kế hoạch chuyển đổi số",
      leadDepartmentId: departmentId("STTTT"),
      deadlineKind: "none",
      assignedOn: "2026-01-05",
    })
    .returning({ id: tasks.id })
    .get().id;
  db.insert(taskCoordinators)
    .values({ taskId: draftTaskId, departmentId: departmentId("SGDDT") })
    .run();
  // An issued confidential directive with no task yet: no department is assigned in it.
  db.insert(directives)
    .values({
      committeeId,
      number: "99/UBND-NC",
      type: "official_letter",
      issuedOn: "2026-01-10",
      issuer: "UBND Thành phố Hà Nội",
      abstract: "Công văn mật chưa giao nhiệm vụ",
      confidential: true,
      state: "issued",
    })
    .run();
});

/** The demo's users, and a department head and focal point for every department. */
function actors(): { name: string; actor: Actor }[] {
  const departments = db.all<{ id: number; code: string }>(sql`SELECT id, code FROM departments ORDER BY id`);
  return [
    ...demoActors(db).map(({ login, actor }) => ({ name: login, actor })),
    ...departments.flatMap((d) =>
      DEPARTMENT_ROLES.map((role) => ({
        name: `${role} of ${d.code}`,
        actor: { id: -d.id, role, departmentId: d.id },
      })),
    ),
  ];
}

const visibleTaskIds = (actor: Actor) =>
  db
    .all<{ id: number }>(sql`SELECT t.id FROM tasks t WHERE ${visibleTasksFilter(actor)} ORDER BY t.id`)
    .map((r) => r.id);
const visibleDirectiveIds = (actor: Actor) =>
  db
    .all<{ id: number }>(sql`SELECT d.id FROM directives d WHERE ${visibleDirectivesFilter(actor)} ORDER BY d.id`)
    .map((r) => r.id);

describe("the SQL filters select exactly what the permission rules allow", () => {
  it("for tasks, for every user", () => {
    const facts = allTaskFacts(db);
    expect(facts.size).toBeGreaterThan(20);
    for (const { name, actor } of actors()) {
      const allowed = [...facts].filter(([, task]) => canSeeTask(actor, task)).map(([id]) => id);
      expect(visibleTaskIds(actor), name).toEqual(allowed);
    }
  });

  it("for directives, for every user", () => {
    const facts = allDirectiveFacts(db);
    expect(facts.size).toBeGreaterThanOrEqual(5);
    for (const { name, actor } of actors()) {
      const allowed = [...facts].filter(([, directive]) => canSeeDirective(actor, directive)).map(([id]) => id);
      expect(visibleDirectiveIds(actor), name).toEqual(allowed);
    }
  });

  it("is not vacuous: each role sees something, and no role but the secretariat sees everything", () => {
    const taskCount = allTaskFacts(db).size;
    for (const { name, actor } of demoActors(db).map(({ login, actor }) => ({ name: login, actor }))) {
      const seen = visibleTaskIds(actor).length;
      expect(seen, name).toBeGreaterThan(0);
      if (actor.role === "secretariat") expect(seen, name).toBe(taskCount);
      else expect(seen, name).toBeLessThan(taskCount);
    }
  });
});

describe("the rules themselves, on the demo", () => {
  const seesDraft = (actor: Actor) => ({
    directive: visibleDirectiveIds(actor).includes(draftDirectiveId),
    task: visibleTaskIds(actor).includes(draftTaskId),
  });

  it("only the secretariat sees a draft, even the departments assigned in it do not", () => {
    for (const { name, actor } of actors()) {
      const expected = actor.role === "secretariat";
      expect(seesDraft(actor), name).toEqual({ directive: expected, task: expected });
    }
  });

  it("the confidential directive: the secretariat, leadership and the departments assigned see it; the administrator and others do not", () => {
    const confidential = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '1563/UBND-NC'`)!.id;
    const seen = Object.fromEntries(
      demoActors(db).map(({ login, actor }) => [login, visibleDirectiveIds(actor).includes(confidential)]),
    );
    expect(seen).toEqual({
      admin: false,
      vanphong: true,
      lanhdao: true,
      lanhdao2: true,
      "stttt.truong": true,
      "stttt.chuyenvien": true,
      "sgddt.truong": false,
      "syt.truong": false,
      "snv.truong": false,
    });
  });
});
