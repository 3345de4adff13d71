// Items given to many units (decision 026, docs/domain-rules.md §13) on a real, migrated
// database with the Hanoi demo: an item given to a unit group (resolved on the day of
// assignment, merges included) or to several leads becomes one ordinary task per unit in
// one transaction; refusals change nothing; every figure charges each unit for its own
// task, the directive's sentence counts the item once and its units apart, the export
// lists the units under their item, and a district sees only its own unit's task.
import { sql } from "drizzle-orm";
import { directiveProgressLinks } from "../../app/lib/task-list-href";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { scorecard } from "../../app/models/dashboard.server";
import { mergeDepartment } from "../../app/models/departments.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { createDirective, issueDirective } from "../../app/models/directives.server";
import {
  addFanOutUnit,
  createFanOut,
  fanOutForPage,
  fanOutOfTask,
  type FanOutInput,
} from "../../app/models/fan-outs.server";
import { confirmCompletion, reportCompletion, submitProgressReport } from "../../app/models/task-progress.server";
import { taskReport, writtenRows } from "../../app/models/task-report.server";
import { createTask } from "../../app/models/tasks.server";
import { createGroup } from "../../app/models/unit-groups.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { createDuty } from "../../app/models/recurring-duties.server";
import { TASK_LEVELS, TASK_STATUSES } from "../../app/domain/vocabulary";
import { loader as itemListLoader } from "../../app/routes/directives.$id_.items._index/route";
import { action as itemAction, loader as itemLoader } from "../../app/routes/directives.$id_.items.$itemId/route";
import { loader as taskLoader } from "../../app/routes/tasks.$id/route";
import { action as newTaskAction, loader as newTaskLoader } from "../../app/routes/tasks.new/route";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const origin = { ipAddress: "203.0.113.9", userAgent: "vitest", requestId: "fan-out" };
const t = translator("vi");
const TODAY = today();

let db: AppDatabase;
let secretariat: Actor;
let dept: Record<string, number>;
let directiveId: number;

const actorOf = (login: string) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
const districtHead = (code: string): Actor => ({ id: secretariat.id, role: "dept_lead", departmentId: dept[code]! });
const builtinId = (kind: string) =>
  db.get<{ id: number }>(sql`SELECT id FROM unit_groups WHERE builtin_kind = ${kind}`)!.id;
const leadCodes = (taskIds: number[]) =>
  taskIds
    .map(
      (id) =>
        db.get<{ code: string }>(
          sql`SELECT d.code FROM tasks t JOIN departments d ON d.id = t.lead_department_id WHERE t.id = ${id}`,
        )!.code,
    )
    .sort();
const counts = () => ({
  tasks: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM tasks`)!.n,
  items: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_fan_outs`)!.n,
  audit: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`)!.n,
  notifications: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications`)!.n,
  coordinators: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_coordinators`)!.n,
  spans: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM task_status_spans`)!.n,
});

function input(overrides: Partial<FanOutInput> = {}): FanOutInput {
  return {
    directiveId,
    itemNumber: "2",
    title: "Rà soát, chuẩn hóa thủ tục hành chính cấp quận",
    description: null,
    target: { kind: "group", groupId: builtinId("district") },
    coordinatorDepartmentIds: [],
    deadlineKind: "dated",
    dueDate: addDays(TODAY, 20),
    assignedOn: TODAY,
    ...overrides,
  };
}

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretariat = actorOf("vanphong");
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
  const committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
  const created = createDirective(
    db,
    secretariat,
    {
      committeeId,
      meetingId: null,
      number: "99/TB-UBND",
      type: "conclusion_notice",
      issuedOn: null,
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: "Kết luận về cải cách thủ tục hành chính tại các quận, huyện, thị xã",
      fullText: null,
      confidential: false,
    },
    origin,
  );
  if (!created.ok) throw new Error("directive");
  directiveId = created.id;
  const issued = issueDirective(
    db,
    secretariat,
    directiveId,
    created.version,
    { issuedOn: addDays(TODAY, -60) },
    origin,
  );
  if (!issued.ok) throw new Error("issue");
});

describe("giving an item to a group", () => {
  it("makes one ordinary task per member on the day of assignment, with the item's audit event and each head told", () => {
    const before = counts();
    const result = createFanOut(db, secretariat, input({ coordinatorDepartmentIds: [dept.SNV!] }), origin);
    if (!result.ok) throw new Error(result.error);
    expect(leadCodes(result.taskIds)).toEqual(["QBD", "QCG", "QDD", "QHD", "QHK", "TXST"]);
    const tasks = db.all<{ fan_out_id: number; item_number: string; current_due_date: string; parent_id: null }>(
      sql`SELECT fan_out_id, item_number, current_due_date, parent_id FROM tasks WHERE fan_out_id = ${result.id}`,
    );
    expect(tasks).toHaveLength(6);
    for (const task of tasks) {
      expect(task).toMatchObject({ item_number: "2", current_due_date: addDays(TODAY, 20), parent_id: null });
    }
    const after = counts();
    expect(after.tasks - before.tasks).toBe(6);
    expect(after.items - before.items).toBe(1);
    // Each unit's task its own audit event (as a single task has), and the item one.
    expect(after.audit - before.audit).toBe(7);
    expect(
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = 'fan_out.create' AND entity_id = ${String(result.id)}`,
      )!.n,
    ).toBe(1);
    // The shared coordinator on every unit's task.
    expect(after.coordinators - before.coordinators).toBe(6);
    // Every unit's task has its status facts (spans), as any task.
    expect(after.spans).toBeGreaterThan(before.spans);
    expect(fanOutOfTask(db, result.taskIds[0]!)).toMatchObject({ id: result.id, units: 6 });
  });

  it("resolves a custom group on the assignment day, a department merged away standing for its successor", () => {
    const group = createGroup(
      db,
      actorOf("admin"),
      {
        name: "Các quận trung tâm",
        description: null,
        departmentIds: [dept.QBD!, dept.QHK!, dept.QDD!, dept.QCG!],
        fromDay: "2019-09-18",
      },
      origin,
    );
    if (!group.ok) throw new Error("group");
    const groupId = (group as unknown as { groupId: number }).groupId;
    const version = db.get<{ version: number }>(sql`SELECT version FROM departments WHERE id = ${dept.QCG!}`)!.version;
    const merged = mergeDepartment(
      db,
      actorOf("admin"),
      {
        departmentId: dept.QCG!,
        successorId: dept.QDD!,
        version,
        effectiveOn: addDays(TODAY, -10),
        reason: "Sắp xếp đơn vị hành chính",
      },
      origin,
    );
    expect(merged.ok).toBe(true);

    // After the merge: Cầu Giấy is no longer a member; Đống Đa holds its place.
    const after = createFanOut(db, secretariat, input({ itemNumber: "3", target: { kind: "group", groupId } }), origin);
    if (!after.ok) throw new Error(after.error);
    expect(leadCodes(after.taskIds)).toEqual(["QBD", "QDD", "QHK"]);

    // Assigned before the merge (entered today): Cầu Giấy was a member, its successor takes its task.
    const before = createFanOut(
      db,
      secretariat,
      input({ itemNumber: "4", assignedOn: addDays(TODAY, -20), target: { kind: "group", groupId } }),
      origin,
    );
    if (!before.ok) throw new Error(before.error);
    expect(leadCodes(before.taskIds)).toEqual(["QBD", "QDD", "QHK"]);
  });
});

describe("giving an item to several leads", () => {
  it("makes one task per named lead, repeats dropped", () => {
    const result = createFanOut(
      db,
      secretariat,
      input({
        itemNumber: "5",
        target: { kind: "leads", departmentIds: [dept.SNV!, dept.SYT!, dept.SNV!] },
        coordinatorDepartmentIds: [dept.STTTT!],
      }),
      origin,
    );
    if (!result.ok) throw new Error(result.error);
    expect(leadCodes(result.taskIds)).toEqual(["SNV", "SYT"]);
    // Each lead's head hears of its own task, as for a single task.
    for (const taskId of result.taskIds) {
      expect(
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications WHERE task_id = ${taskId}`)!.n,
      ).toBeGreaterThan(0);
    }
  });
});

describe("refusals change nothing", () => {
  const refusals: [string, () => ReturnType<typeof createFanOut>, string][] = [
    [
      "an empty group",
      () =>
        createFanOut(db, secretariat, input({ target: { kind: "group", groupId: builtinId("enterprise") } }), origin),
      "empty_group",
    ],
    [
      "an unknown group",
      () => createFanOut(db, secretariat, input({ target: { kind: "group", groupId: 987_654 } }), origin),
      "unknown_group",
    ],
    [
      "one lead",
      () => createFanOut(db, secretariat, input({ target: { kind: "leads", departmentIds: [dept.SNV!] } }), origin),
      "too_few_leads",
    ],
    [
      "one lead twice",
      () =>
        createFanOut(
          db,
          secretariat,
          input({ target: { kind: "leads", departmentIds: [dept.SNV!, dept.SNV!] } }),
          origin,
        ),
      "too_few_leads",
    ],
    ["leadership", () => createFanOut(db, actorOf("lanhdao"), input(), origin), "forbidden"],
    ["the administrator", () => createFanOut(db, actorOf("admin"), input(), origin), "forbidden"],
    ["a department head", () => createFanOut(db, actorOf("snv.truong"), input(), origin), "forbidden"],
    [
      "a day that does not exist",
      () => createFanOut(db, secretariat, input({ assignedOn: "2026-02-30" }), origin),
      "bad_day",
    ],
    [
      "a deadline before the assignment",
      () => createFanOut(db, secretariat, input({ dueDate: addDays(TODAY, -5) }), origin),
      "rule",
    ],
    ["a dated item without a date", () => createFanOut(db, secretariat, input({ dueDate: null }), origin), "rule"],
    [
      "a lead also coordinating",
      () => createFanOut(db, secretariat, input({ coordinatorDepartmentIds: [dept.QBD!] }), origin),
      "lead_is_coordinator",
    ],
    // The first unit's task is written, the second is refused: the whole item is rolled back.
    [
      "a lead that is not active",
      () =>
        createFanOut(
          db,
          secretariat,
          input({ target: { kind: "leads", departmentIds: [dept.SNV!, 876_543] } }),
          origin,
        ),
      "unknown_department",
    ],
    [
      "an unknown directive",
      () => createFanOut(db, secretariat, input({ directiveId: 765_432 }), origin),
      "unknown_directive",
    ],
  ];
  it.each(refusals)("%s", (_name, attempt, error) => {
    const before = counts();
    const result = attempt();
    expect(result).toMatchObject({ ok: false, error });
    expect(counts()).toEqual(before);
  });
});

describe("what the units' tasks count for", () => {
  let itemId: number;
  let taskOf: Record<string, number>;
  const asOf = addDays(TODAY, 1);

  beforeAll(() => {
    const result = createFanOut(
      db,
      secretariat,
      input({
        itemNumber: "7",
        title: "Báo cáo kết quả số hóa hồ sơ",
        target: { kind: "leads", departmentIds: [dept.QBD!, dept.QHK!, dept.QHD!] },
        assignedOn: addDays(TODAY, -30),
        dueDate: addDays(TODAY, -3),
      }),
      origin,
    );
    if (!result.ok) throw new Error(result.error);
    itemId = result.id;
    taskOf = Object.fromEntries(result.taskIds.map((id) => [leadCodes([id])[0]!, id]));
    // Ba Đình finished on time and is confirmed; Hoàn Kiếm reports progress; Hà Đông is silent.
    const head = districtHead("QBD");
    const versionOf = (id: number) =>
      db.get<{ version: number }>(sql`SELECT version FROM tasks WHERE id = ${id}`)!.version;
    const reported = reportCompletion(
      db,
      head,
      {
        taskId: taskOf.QBD!,
        baseVersion: versionOf(taskOf.QBD!),
        completionDate: addDays(TODAY, -5),
        result: "Đã số hóa 100% hồ sơ",
        idempotencyKey: "fan-out-qbd-done",
      },
      origin,
    );
    expect(reported.ok).toBe(true);
    const confirmed = confirmCompletion(
      db,
      secretariat,
      { taskId: taskOf.QBD!, baseVersion: versionOf(taskOf.QBD!) },
      origin,
    );
    expect(confirmed.ok).toBe(true);
    const progress = submitProgressReport(
      db,
      districtHead("QHK"),
      {
        taskId: taskOf.QHK!,
        baseVersion: versionOf(taskOf.QHK!),
        asOfDate: TODAY,
        percent: 60,
        result: "Đã số hóa 60%",
        idempotencyKey: "fan-out-qhk-progress",
      },
      origin,
    );
    expect(progress.ok).toBe(true);
  });

  it("rolls the item up from its units: 1/3 done, two overdue", () => {
    const page = fanOutForPage(db, secretariat, itemId, asOf, "happened")!;
    expect(page.units.map((u) => [u.lead.name, u.status])).toEqual([
      ["Quận Ba Đình", "done_on_time"],
      ["Quận Hà Đông", "overdue"],
      ["Quận Hoàn Kiếm", "overdue"],
    ]);
    expect(page.rollup).toMatchObject({ status: "overdue", done: 1, counted: 3 });
    // A past day: before the deadline, nothing was overdue.
    const earlier = fanOutForPage(db, secretariat, itemId, addDays(TODAY, -10), "happened")!;
    expect(earlier.rollup.counts.overdue).toBe(0);
    // Before it was assigned, the item has no unit yet (and still has its page).
    const before = fanOutForPage(db, actorOf("lanhdao"), itemId, addDays(TODAY, -40), "happened")!;
    expect(before.units).toEqual([]);
    expect(before.rollup.status).toBeNull();
  });

  it("charges each unit for its own task on the scorecard", () => {
    const rows = scorecard(db, actorOf("lanhdao"), { directive: directiveId }, asOf, false);
    const of = (code: string) => rows.find((r) => r.department.id === dept[code])!;
    // Ba Đình: item 2 (group), items 3 and 4 (custom group), item 7: done on time.
    expect(of("QBD").figures.done_on_time.count).toBe(1);
    expect(of("QHD").figures.overdue.count).toBe(1);
    expect(of("QHK").figures.overdue.count).toBe(1);
    // Every unit's task is counted once for its lead: the item itself is never a row nor a task.
    const assigned = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM tasks WHERE directive_id = ${directiveId} AND lead_department_id = ${dept.QBD!}`,
    )!.n;
    expect(of("QBD").figures.assigned.count).toBe(assigned);
  });

  it("counts each item once in the directive's sentence and its units apart", () => {
    // A task of the directive's own, beside the items.
    const own = createTask(
      db,
      secretariat,
      {
        directiveId,
        parentId: null,
        itemNumber: "1",
        title: "Tổng hợp kết quả, báo cáo Ban Chỉ đạo",
        description: null,
        leadDepartmentId: dept.VPUB!,
        coordinatorDepartmentIds: [],
        deadlineKind: "dated",
        dueDate: addDays(TODAY, 40),
        assignedOn: TODAY,
      },
      origin,
    );
    expect(own.ok).toBe(true);
    const [progress] = directiveProgressByLevel(db, actorOf("lanhdao"), { directive: directiveId }, asOf, "happened");
    const items = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM task_fan_outs WHERE directive_id = ${directiveId}`,
    )!.n;
    const units = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM tasks WHERE directive_id = ${directiveId} AND fan_out_id IS NOT NULL`,
    )!.n;
    const total = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([k]) => k !== "stale")
        .reduce((sum, [, n]) => sum + n, 0);
    // The main tasks' clause counts the directive's own main task only: its list (level=top) lists only it.
    expect(total(progress!.top)).toBe(1);
    expect(progress!.top.overdue).toBe(0);
    // Each item once, by its roll-up, in a clause of its own that opens the directive's list of items.
    expect(total(progress!.items!)).toBe(items);
    expect(progress!.items!.overdue).toBe(1); // item 7
    const links = directiveProgressLinks(directiveId, {}, asOf, false);
    expect(links.itemLinkFor("overdue")).toBe(`/directives/${directiveId}/items?status=overdue&asOf=${asOf}`);
    expect(total(progress!.units!)).toBe(units);
    expect(progress!.units!.overdue).toBe(2);
    expect(links.linkFor("unit", "overdue")).toContain("level=unit");
    expect(progress!.periods).toBeNull();
  });

  it("links every number of the sentence to a list of exactly as many rows, in every scope", async () => {
    // A sub-task and a monthly duty (its past periods overdue), so that every clause is there.
    const own = db.get<{ id: number }>(
      sql`SELECT id FROM tasks WHERE directive_id = ${directiveId} AND item_number = '1' AND fan_out_id IS NULL`,
    )!.id;
    const subTask = createTask(
      db,
      secretariat,
      {
        directiveId,
        parentId: own,
        itemNumber: "1.a",
        title: "Tổng hợp số liệu các quận",
        description: null,
        leadDepartmentId: dept.VPUB!,
        coordinatorDepartmentIds: [],
        deadlineKind: "dated",
        dueDate: addDays(TODAY, 30),
        assignedOn: TODAY,
      },
      origin,
    );
    expect(subTask.ok).toBe(true);
    const duty = createDuty(
      db,
      secretariat,
      {
        directiveId,
        itemNumber: "9",
        title: "Báo cáo tiến độ cải cách thủ tục hành chính",
        description: null,
        leadDepartmentId: dept.QHK!,
        coordinatorDepartmentIds: [],
        frequency: "monthly",
        day: 5,
        workingDays: false,
        startsOn: `${addDays(TODAY, -70).slice(0, 7)}-01`,
        endsOn: null,
      },
      origin,
    );
    if (!duty.ok) throw new Error(`duty: ${duty.error}`);

    const total = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([k]) => k !== "stale")
        .reduce((sum, [, n]) => sum + n, 0);
    const listed = (actor: Actor, href: string) => {
      const url = new URL(href, "http://localhost");
      expect(url.pathname).toBe("/tasks");
      const raw = Object.fromEntries(url.searchParams);
      const day = raw.asOf ?? TODAY;
      delete raw.asOf;
      return listTasks(db, actor, taskListQuery(t).parse(raw), day, "happened", 1).rowCount;
    };
    const listedItems = async (login: string, href: string) => {
      const url = new URL(href, "http://localhost");
      const match = /^\/directives\/(\d+)\/items$/.exec(url.pathname);
      expect(match, href).not.toBeNull();
      const outcome = await callRoute(itemListLoader, {
        path: href,
        params: { id: match![1]! },
        token: await sessionFor(login),
      });
      expect(outcome.status, href).toBe(200);
      const body = outcome.body as { items: { status: string; units: Record<string, number>; unitsHref: string }[] };
      // Each item's own number (its units' tasks in scope) opens its units' tasks too.
      for (const item of body.items) expect(listed(actorOf(login), item.unitsHref)).toBe(total(item.units));
      return body.items;
    };

    const scopes = [
      { login: "lanhdao", filters: { directive: directiveId } },
      { login: "lanhdao", filters: {} },
      { login: "lanhdao", filters: { directive: directiveId, department: dept.QHK! } },
      { login: "vanphong", filters: { directive: directiveId, period: TODAY.slice(0, 7) } },
    ];
    let checked = 0;
    for (const { login, filters } of scopes) {
      for (const [day, isToday] of [
        [asOf, false],
        [TODAY, true],
      ] as const) {
        const actor = actorOf(login);
        const progress = directiveProgressByLevel(db, actor, filters, day, "happened", 1000).find(
          (d) => d.id === directiveId,
        )!;
        const what = `${login} ${JSON.stringify(filters)} ${day}`;
        // The links the pages build (app/lib/task-list-href.ts), from the same scope and day.
        const { linkFor, itemLinkFor } = directiveProgressLinks(directiveId, filters, day, isToday);
        for (const level of TASK_LEVELS) {
          const counts =
            level === "top"
              ? progress.top
              : progress[level === "unit" ? "units" : level === "period" ? "periods" : "sub"];
          if (counts === null) continue;
          expect(listed(actor, linkFor(level)), `${what} ${level}`).toBe(total(counts));
          for (const status of TASK_STATUSES) {
            expect(listed(actor, linkFor(level, status)), `${what} ${level} ${status}`).toBe(counts[status]);
            checked += 1;
          }
        }
        if (progress.items !== null) {
          expect((await listedItems(login, itemLinkFor())).length, `${what} items`).toBe(total(progress.items));
          for (const status of TASK_STATUSES) {
            const rows = await listedItems(login, itemLinkFor(status));
            expect(rows.length, `${what} items ${status}`).toBe(progress.items[status]);
            expect(rows.every((row) => row.status === status)).toBe(true);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // The scope's clauses are all there, and the duty's periods are not among the main tasks.
    const [whole] = directiveProgressByLevel(db, actorOf("lanhdao"), { directive: directiveId }, asOf, "happened");
    expect(total(whole!.top)).toBe(1);
    expect(total(whole!.sub!)).toBe(1);
    const periods = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM tasks WHERE duty_id = ${duty.id}`)!.n;
    expect(total(whole!.periods!)).toBe(periods);
    expect(whole!.periods!.overdue).toBeGreaterThanOrEqual(1);
    expect(total(whole!.items!)).toBeGreaterThanOrEqual(1);
    // Every task of the directive once, in exactly one clause.
    const tasksOfDirective = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM tasks WHERE directive_id = ${directiveId}`,
    )!.n;
    expect(total(whole!.top) + total(whole!.sub!) + total(whole!.units!) + total(whole!.periods!)).toBe(
      tasksOfDirective,
    );
  });

  it("lists the units under their item in the export", () => {
    const result = taskReport(
      db,
      actorOf("lanhdao"),
      taskListQuery(t).parse({ directive: String(directiveId), fanOut: String(itemId) }),
      asOf,
      "happened",
      t,
    );
    if (!result.ok) throw new Error(result.message);
    const rows = writtenRows(result.report);
    expect(rows.map((r) => [r.stt, r.item, r.lead, r.status])).toEqual([
      [1, "7", "3 đơn vị chủ trì", "Quá hạn"],
      ["1.1", "7", "Quận Ba Đình", "Hoàn thành đúng hạn"],
      ["1.2", "7", "Quận Hoàn Kiếm", "Quá hạn"],
      ["1.3", "7", "Quận Hà Đông", "Quá hạn"],
    ]);
    expect(result.report.filters).toContain("Nội dung giao nhiều đơn vị: 7. Báo cáo kết quả số hóa hồ sơ");
    // The report's rows are the tasks; the item's row is written, never counted.
    expect(result.report.rows).toHaveLength(3);
  });

  it("shows a district head only its own unit's task, in the item, the list and the sentence", () => {
    const head = districtHead("QHK");
    const page = fanOutForPage(db, head, itemId, asOf, "happened")!;
    expect(page.units.map((u) => u.id)).toEqual([taskOf.QHK]);
    const listed = listTasks(db, head, taskListQuery(t).parse({ fanOut: String(itemId) }), asOf);
    expect(listed.rows.map((r) => r.id)).toEqual([taskOf.QHK]);
    // A department with no unit in the item does not see it at all.
    expect(fanOutForPage(db, actorOf("syt.truong"), itemId, asOf, "happened")).toBeNull();
  });
});

describe("the pages", () => {
  const form = (fields: [string, string][]) => new URLSearchParams(fields);
  const base = (): [string, string][] => [
    ["itemNumber", "8"],
    ["title", "Tổ chức đối thoại với doanh nghiệp"],
    ["deadlineKind", "dated"],
    ["dueDate", addDays(TODAY, 30).split("-").reverse().join("/")],
    ["assignedOn", TODAY.split("-").reverse().join("/")],
  ];

  it("offers the unit groups with their members on the new-task form", async () => {
    const token = await sessionFor("vanphong");
    const page = await callRoute(newTaskLoader, { path: `/tasks/new?directive=${directiveId}`, token });
    const groups = (page.body as { groups: { name: string; members: string[] }[] }).groups;
    expect(
      groups.find((g) => g.name === "UBND các quận, huyện, thị xã" || g.members.includes("Quận Ba Đình")),
    ).toBeDefined();
  });

  it("gives an item to two leads from the form, and opens the item's page", async () => {
    const token = await sessionFor("vanphong");
    const before = counts();
    const posted = await callRoute(newTaskAction, {
      path: `/tasks/new?directive=${directiveId}`,
      method: "POST",
      token,
      form: form([
        ...base(),
        ["assignTo", "leads"],
        ["leadDepartmentIds", String(dept.SYT)],
        ["leadDepartmentIds", String(dept.SNV)],
      ]),
    });
    expect(posted.status).toBe(302);
    const match = /^\/directives\/(\d+)\/items\/(\d+)\?saved=created$/.exec(posted.location ?? "");
    expect(match?.[1]).toBe(String(directiveId));
    expect(counts().tasks - before.tasks).toBe(2);
    const itemId = Number(match![2]);

    // The secretariat sees both units; Sở Y tế's head only its own; another department nothing.
    const path = `/directives/${directiveId}/items/${itemId}`;
    const params = { id: String(directiveId), itemId: String(itemId) };
    const all = await callRoute(itemLoader, { path, params, token });
    expect(all.status).toBe(200);
    expect((all.body as { units: { lead: { name: string } }[] }).units.map((u) => u.lead.name)).toEqual([
      "Sở Nội vụ",
      "Sở Y tế",
    ]);
    const own = await callRoute(itemLoader, { path, params, token: await sessionFor("syt.truong") });
    expect(own.status).toBe(200);
    const ownUnits = (own.body as { units: { id: number; lead: { name: string } }[] }).units;
    expect(ownUnits.map((u) => u.lead.name)).toEqual(["Sở Y tế"]);
    expect((await callRoute(itemLoader, { path, params, token: await sessionFor("stttt.truong") })).status).toBe(404);

    // The unit's task page links back to its item.
    const task = await callRoute(taskLoader, {
      path: `/tasks/${ownUnits[0]!.id}`,
      params: { id: String(ownUnits[0]!.id) },
      token: await sessionFor("syt.truong"),
    });
    expect((task.body as { fanOut: { id: number; units: number } }).fanOut).toMatchObject({ id: itemId, units: 2 });
  });

  it("refuses one lead, no group, or a lead also coordinating, in the reader's words, changing nothing", async () => {
    const token = await sessionFor("vanphong");
    const cases: [[string, string][], string, string][] = [
      [
        [
          ["assignTo", "leads"],
          ["leadDepartmentIds", String(dept.SYT)],
        ],
        "leadDepartmentIds",
        "ít nhất hai đơn vị",
      ],
      [
        [
          ["assignTo", "group"],
          ["groupId", ""],
        ],
        "groupId",
        "Hãy chọn nhóm đơn vị",
      ],
      [
        [
          ["assignTo", "leads"],
          ["leadDepartmentIds", String(dept.SYT)],
          ["leadDepartmentIds", String(dept.SNV)],
          ["coordinatorDepartmentIds", String(dept.SNV)],
        ],
        "coordinatorDepartmentIds",
        "phối hợp",
      ],
      [
        [
          ["assignTo", "group"],
          ["groupId", String(builtinId("enterprise"))],
        ],
        "groupId",
        "không có đơn vị nào vào ngày giao",
      ],
    ];
    for (const [fields, field, words] of cases) {
      const before = counts();
      const posted = await callRoute(newTaskAction, {
        path: `/tasks/new?directive=${directiveId}`,
        method: "POST",
        token,
        form: form([...base(), ...fields]),
      });
      expect(posted.status, field).toBe(400);
      const errors = (posted.body as { result: { error: Record<string, string[]> } }).result.error;
      expect(errors[field]?.join(" "), field).toContain(words);
      expect(counts()).toEqual(before);
    }
  });

  it("lists the directive's items a reader sees by roll-up status, and refuses what it cannot read", async () => {
    const params = { id: String(directiveId) };
    const list = async (login: string, query: string) =>
      callRoute(itemListLoader, {
        path: `/directives/${directiveId}/items${query}`,
        params,
        token: await sessionFor(login),
      });
    // A department sees the items only through its own units' tasks: those and no other.
    const head = actorOf("syt.truong");
    const own = [
      ...new Set(
        listTasks(db, head, taskListQuery(t).parse({ directive: String(directiveId), level: "unit" }), TODAY).rows.map(
          (row) => row.fanOutId,
        ),
      ),
    ].sort();
    expect(own.length).toBeGreaterThanOrEqual(2);
    const seen = await list("syt.truong", "");
    expect(seen.status).toBe(200);
    const rows = (seen.body as { items: { id: number; units: Record<string, number> }[] }).items;
    expect(rows.map((row) => row.id).sort()).toEqual(own);
    const all = (await list("lanhdao", "")).body as { items: { id: number }[] };
    expect(all.items.length).toBeGreaterThan(rows.length);
    // Bad input: a translated 400 or a 404, never a 500.
    for (const [query, status] of [
      ["?status=bogus", 400],
      ["?period=2019-Q9", 400],
      ["?asOf=31/02/2020", 400],
      ["?department=999999", 404],
      [`?department=${dept.SNV}`, 400],
    ] as const) {
      const login = query.startsWith("?department=") && status === 400 ? "syt.truong" : "lanhdao";
      expect((await list(login, query)).status, query).toBe(status);
    }
    const hidden = await callRoute(itemListLoader, {
      path: `/directives/999999/items`,
      params: { id: "999999" },
      token: await sessionFor("lanhdao"),
    });
    expect(hidden.status).toBe(404);
  });
});

describe("a unit added later", () => {
  it("gets an ordinary task of the item, its coordinators copied; a unit already there, a stale form or another role change nothing", async () => {
    const created = createFanOut(
      db,
      secretariat,
      input({
        itemNumber: "9",
        target: { kind: "leads", departmentIds: [dept.QBD!, dept.QHK!] },
        coordinatorDepartmentIds: [dept.SNV!],
      }),
      origin,
    );
    if (!created.ok) throw new Error(created.error);
    const version = () =>
      db.get<{ version: number }>(sql`SELECT version FROM task_fan_outs WHERE id = ${created.id}`)!.version;
    const unit = { fanOutId: created.id, dueDate: addDays(TODAY, 25), assignedOn: TODAY };

    for (const [attempt, error] of [
      [
        () => addFanOutUnit(db, secretariat, { ...unit, baseVersion: version(), departmentId: dept.QBD! }, origin),
        "already_a_unit",
      ],
      [
        () => addFanOutUnit(db, secretariat, { ...unit, baseVersion: version() + 1, departmentId: dept.QHD! }, origin),
        "conflict",
      ],
      [
        () =>
          addFanOutUnit(db, actorOf("lanhdao"), { ...unit, baseVersion: version(), departmentId: dept.QHD! }, origin),
        "forbidden",
      ],
      [
        () =>
          addFanOutUnit(
            db,
            secretariat,
            { ...unit, baseVersion: version(), dueDate: addDays(TODAY, -1), departmentId: dept.QHD! },
            origin,
          ),
        "rule",
      ],
      [
        () =>
          addFanOutUnit(
            db,
            secretariat,
            { ...unit, baseVersion: version(), dueDate: null, departmentId: dept.QHD! },
            origin,
          ),
        "rule",
      ],
    ] as const) {
      const before = counts();
      expect(attempt()).toMatchObject({ ok: false, error });
      expect(counts()).toEqual(before);
    }

    // Through the item's page, as the secretariat posts it.
    const token = await sessionFor("vanphong");
    const path = `/directives/${directiveId}/items/${created.id}`;
    const params = { id: String(directiveId), itemId: String(created.id) };
    const posted = await callRoute(itemAction, {
      path,
      params,
      method: "POST",
      token,
      form: {
        version: String(version()),
        departmentId: String(dept.QHD),
        dueDate: addDays(TODAY, 25).split("-").reverse().join("/"),
        assignedOn: TODAY.split("-").reverse().join("/"),
      },
    });
    expect(posted.status).toBe(302);
    expect(posted.location).toBe(`${path}?saved=updated`);
    const added = db.get<{ id: number; item: string; due: string }>(
      sql`SELECT id, item_number AS item, current_due_date AS due FROM tasks
          WHERE fan_out_id = ${created.id} AND lead_department_id = ${dept.QHD!}`,
    )!;
    expect(added).toMatchObject({ item: "9", due: addDays(TODAY, 25) });
    expect(
      db.all<{ id: number }>(sql`SELECT department_id AS id FROM task_coordinators WHERE task_id = ${added.id}`),
    ).toEqual([{ id: dept.SNV }]);
    expect(version()).toBe(2);
    expect(fanOutForPage(db, secretariat, created.id, TODAY, "happened")!.units).toHaveLength(3);

    // A department head may not.
    const refused = await callRoute(itemAction, {
      path,
      params,
      method: "POST",
      token: await sessionFor("snv.truong"),
      form: { version: "2", departmentId: String(dept.QDD), assignedOn: TODAY.split("-").reverse().join("/") },
    });
    expect(refused.status).toBe(403);
  });
});
