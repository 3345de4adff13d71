// The department's desk through the task page's real action and the "My
// department" loader: each intent's success and refusals (400 with the translated
// message and nothing changed, 403/404 per role), a double submission stored once,
// a stale version answered 409 with what changed, and the docs/domain-rules.md §4 status of a
// task as of each day along the done-when loop, driven through the routes.
import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, comments, directives, extensionRequests, progressReports, tasks, users } from "../../db/schema";
import { addDays, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { createTask } from "../../app/models/tasks.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import * as myDepartmentRoute from "../../app/routes/my-department/route";
import * as taskPageRoute from "../../app/routes/tasks.$id/route";
import { callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

let db: AppDatabase;
let secretariat: Actor;
let stttt: number;
let directiveId: number;
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "progress-routes" };

/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);

function actor(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretariat = actor("vanphong");
  stttt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
  directiveId = db.select({ id: directives.id }).from(directives).where(eq(directives.number, "412/TB-UBND")).get()!.id;
  // Sign everyone in before any test moves the clock.
  for (const login of [
    "vanphong",
    "lanhdao",
    "stttt.truong",
    "stttt.chuyenvien",
    "snv.truong",
    "sgddt.truong",
    "admin",
  ]) {
    await sessionFor(login);
  }
});

afterEach(() => {
  vi.useRealTimers();
});

/** A fresh task led by STTTT (SGDDT coordinates), assigned on `assignedOn`, due `dueDate`. */
function newTask(
  assignedOn: LocalDate = "2026-03-16",
  dueDate: LocalDate = "2026-05-15",
  now = at(assignedOn),
): number {
  const sgddt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'SGDDT'`)!.id;
  const result = createTask(
    db,
    { ...secretariat },
    {
      directiveId,
      parentId: null,
      itemNumber: "T",
      title: `Nhiệm vụ kiểm thử ${Math.random().toString(36).slice(2)}`,
      description: null,
      leadDepartmentId: stttt,
      coordinatorDepartmentIds: [sgddt],
      deadlineKind: "dated",
      dueDate,
      assignedOn,
    },
    origin,
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

function taskRow(id: number) {
  return db.select().from(tasks).where(eq(tasks.id, id)).get()!;
}

async function post(login: string, taskId: number, fields: Record<string, string>): Promise<RouteOutcome> {
  return callRoute(taskPageRoute.action, {
    path: `/tasks/${taskId}`,
    method: "POST",
    params: { id: String(taskId) },
    token: await sessionFor(login),
    form: fields,
  });
}

async function page(login: string, taskId: number) {
  const outcome = await callRoute(taskPageRoute.loader, {
    path: `/tasks/${taskId}`,
    params: { id: String(taskId) },
    token: await sessionFor(login),
  });
  return outcome.body as {
    idempotencyKey: string;
    task: { version: number; state: string };
    deadline: {
      originalDueDate: string;
      currentDueDate: string;
      extensionCount: number;
      pending: { id: number } | null;
    };
    extensionRequest: { id: number; state: string; note: string | null; approvedDueDate: string | null } | null;
  };
}

interface Reply {
  intent: string | null;
  result: { error?: Record<string, string[] | null> };
  conflict: { changes: { field: string; from: string; to: string; by: string }[] } | null;
}
const errorsOf = (outcome: RouteOutcome, field: string) => (outcome.body as Reply).result.error?.[field] ?? [];

function writes() {
  return {
    audit: db.select({ n: count() }).from(auditEvents).get()!.n,
    reports: db.select({ n: count() }).from(progressReports).get()!.n,
    requests: db.select({ n: count() }).from(extensionRequests).get()!.n,
    comments: db.select({ n: count() }).from(comments).get()!.n,
  };
}

/** Runs a step of the loop on a given Hanoi day and time. */
function on(date: LocalDate, time = "10:00") {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at(date, time));
}

async function reportFields(login: string, taskId: number, extra: Record<string, string> = {}) {
  const shown = await page(login, taskId);
  return {
    intent: "report",
    version: String(shown.task.version),
    idempotencyKey: shown.idempotencyKey,
    asOfDate: "20/03/2026",
    percent: "60",
    result: "Đã hoàn thành khảo sát",
    ...extra,
  };
}

describe("the department's desk on the task page", () => {
  it("runs the done-when loop; the status as of each day is docs/domain-rules.md §4's", async () => {
    const id = newTask();
    on("2026-03-20");
    expect(await post("stttt.truong", id, await reportFields("stttt.truong", id))).toMatchObject({
      status: 302,
      location: `/tasks/${id}?done=reported`,
    });
    expect(taskRow(id)).toMatchObject({ state: "in_progress", percent: 60 });

    on("2026-05-13");
    const asked = await post("stttt.truong", id, {
      intent: "request_extension",
      idempotencyKey: (await page("stttt.truong", id)).idempotencyKey,
      proposedDueDate: "30/06/2026",
      reason: "Chờ kinh phí",
    });
    expect(asked.location).toBe(`/tasks/${id}?done=extensionRequested`);
    const pending = (await page("lanhdao", id)).deadline.pending!;
    expect(pending).toMatchObject({ proposedDueDate: "2026-06-30" });

    on("2026-05-20");
    const countered = await post("lanhdao", id, {
      intent: "decide_extension",
      version: String(taskRow(id).version),
      requestId: String(pending.id),
      outcome: "counter",
      dueDate: "15/06/2026",
      note: "Gia hạn đến giữa tháng 6",
    });
    expect(countered.location).toBe(`/tasks/${id}?done=extensionCountered`);
    // The requester sees the decision; the deadline box shows both dates and the count.
    const afterDecision = await page("stttt.truong", id);
    expect(afterDecision.extensionRequest).toMatchObject({ state: "countered", approvedDueDate: "2026-06-15" });
    expect(afterDecision.deadline).toMatchObject({
      originalDueDate: "2026-05-15",
      currentDueDate: "2026-06-15",
      extensionCount: 1,
      pending: null,
    });

    const complete = async (date: string) => {
      const shown = await page("stttt.truong", id);
      return post("stttt.truong", id, {
        intent: "report_completion",
        version: String(shown.task.version),
        idempotencyKey: shown.idempotencyKey,
        completionDate: date,
        result: "Đã triển khai",
      });
    };
    on("2026-06-10", "16:00");
    expect((await complete("10/06/2026")).location).toBe(`/tasks/${id}?done=completionReported`);

    on("2026-06-20");
    // The return form says what would stand: the 60% reported before the completion.
    expect((await page("vanphong", id)) as unknown).toMatchObject({ percentAfterReturn: 60 });
    const returned = await post("vanphong", id, {
      intent: "return_completion",
      version: String(taskRow(id).version),
      reason: "Chưa kết nối đủ các quận",
    });
    expect(returned.location).toBe(`/tasks/${id}?done=completionReturned`);
    expect(taskRow(id)).toMatchObject({ state: "returned", stateReason: "Chưa kết nối đủ các quận", percent: 60 });
    expect(((await page("stttt.truong", id)) as unknown as { row: { percent: number } }).row.percent).toBe(60);

    on("2026-06-25");
    expect((await complete("24/06/2026")).location).toBe(`/tasks/${id}?done=completionReported`);
    on("2026-06-28");
    const confirmed = await post("vanphong", id, {
      intent: "confirm_completion",
      version: String(taskRow(id).version),
    });
    expect(confirmed.location).toBe(`/tasks/${id}?done=completionConfirmed`);
    vi.useRealTimers();

    const expected: [LocalDate, Record<string, unknown>][] = [
      ["2026-03-19", { status: "on_track", dueDate: "2026-05-15" }],
      ["2026-03-20", { status: "on_track", dueDate: "2026-05-15" }],
      ["2026-05-12", { status: "due_soon", dueDate: "2026-05-15" }],
      ["2026-05-13", { status: "due_soon", dueDate: "2026-05-15" }],
      ["2026-05-16", { status: "overdue", daysLate: 1 }],
      ["2026-05-19", { status: "overdue", daysLate: 4 }],
      ["2026-05-20", { status: "on_track", dueDate: "2026-06-15" }],
      ["2026-06-09", { status: "on_track", dueDate: "2026-06-15" }],
      // Rule 3: a reported completion is judged by its date C (10/06, before the due date 15/06),
      // never by the day D — so it is not late while it waits, even after 15/06.
      ["2026-06-10", { status: "awaiting_confirmation", late: false, daysLate: 0, awaitingSince: "2026-06-10" }],
      ["2026-06-19", { status: "awaiting_confirmation", late: false, daysLate: 0, awaitingSince: "2026-06-10" }],
      ["2026-06-20", { status: "overdue", daysLate: 5 }],
      ["2026-06-24", { status: "overdue", daysLate: 9 }],
      // Reported again with C = 24/06: late by C − due = 9 days, the same on every day it waits.
      ["2026-06-25", { status: "awaiting_confirmation", late: true, daysLate: 9, awaitingSince: "2026-06-25" }],
      ["2026-06-27", { status: "awaiting_confirmation", late: true, daysLate: 9, awaitingSince: "2026-06-25" }],
      ["2026-06-28", { status: "done_late", dueDate: "2026-06-15" }],
      ["2026-12-31", { status: "done_late", dueDate: "2026-06-15" }],
    ];
    for (const [day, status] of expected) {
      const row = taskStatusesAsOf(db, [id], day).get(id);
      expect({ day, ...row }).toMatchObject({ day, ...status });
    }
    expect(taskRow(id)).toMatchObject({ state: "done", completionDate: "2026-06-24", percent: 100 });
  });

  it("stores a report posted twice (double click, retry) once", async () => {
    const id = newTask();
    // The demo's "today": the extension asked for below is still ahead (a day already past is refused).
    on("2026-03-20");
    const fields = await reportFields("stttt.truong", id);
    const before = writes();
    const first = await post("stttt.truong", id, fields);
    const second = await post("stttt.truong", id, fields);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(writes().reports).toBe(before.reports + 1);

    // An extension request, and a decision, posted twice: stored once.
    const key = (await page("stttt.truong", id)).idempotencyKey;
    const ask = { intent: "request_extension", idempotencyKey: key, proposedDueDate: "30/06/2026", reason: "Chờ" };
    await post("stttt.truong", id, ask);
    await post("stttt.truong", id, ask);
    const requests = db.select().from(extensionRequests).where(eq(extensionRequests.taskId, id)).all();
    expect(requests).toHaveLength(1);
    const decision = {
      intent: "decide_extension",
      version: String(taskRow(id).version),
      requestId: String(requests[0]!.id),
      outcome: "approve",
    };
    expect((await post("vanphong", id, decision)).status).toBe(302);
    expect((await post("vanphong", id, decision)).status).toBe(302);
    expect(taskRow(id).currentDueDate).toBe("2026-06-30");
    expect(
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM audit_events WHERE action = 'extension.approve' AND entity_id = ${String(id)}`,
      )!.n,
    ).toBe(1);
  });

  it("refuses bad input with a translated message on the field, and changes nothing", async () => {
    const id = newTask();
    // The demo's "today": the extension asked for below is still ahead (a day already past is refused).
    on("2026-03-20");
    const cases: [string, Record<string, string>, string, string][] = [
      [
        "stttt.truong",
        await reportFields("stttt.truong", id, { percent: "150" }),
        "percent",
        "Tỷ lệ hoàn thành là số nguyên từ 0 đến 100.",
      ],
      [
        "stttt.truong",
        await reportFields("stttt.truong", id, { result: " " }),
        "result",
        "Vui lòng nhập kết quả thực hiện.",
      ],
      [
        "stttt.truong",
        await reportFields("stttt.truong", id, { asOfDate: "01/01/2099" }),
        "asOfDate",
        "Ngày này chưa đến: không được sau hôm nay.",
      ],
      [
        "stttt.truong",
        { intent: "request_extension", idempotencyKey: "k-early", proposedDueDate: "01/05/2026", reason: "Chờ" },
        "proposedDueDate",
        "Ngày gia hạn phải sau hạn hiện hành.",
      ],
    ];
    for (const [login, fields, field, message] of cases) {
      const before = writes();
      const outcome = await post(login, id, fields);
      expect(outcome.status, field).toBe(400);
      expect(errorsOf(outcome, field).join(" "), field).toContain(message);
      expect(writes(), field).toEqual(before);
    }

    // A rejection needs a reason; a counter-offer needs its date.
    await post("stttt.truong", id, {
      intent: "request_extension",
      idempotencyKey: "k-1",
      proposedDueDate: "30/06/2026",
      reason: "Chờ",
    });
    const requestId = String((await page("vanphong", id)).deadline.pending!.id);
    const version = String(taskRow(id).version);
    const reject = await post("vanphong", id, { intent: "decide_extension", version, requestId, outcome: "reject" });
    expect(reject.status).toBe(400);
    expect(errorsOf(reject, "note")).toEqual(["Hãy nêu lý do không đồng ý."]);
    const counter = await post("vanphong", id, { intent: "decide_extension", version, requestId, outcome: "counter" });
    expect(counter.status).toBe(400);
    expect(errorsOf(counter, "dueDate").join(" ")).toMatch(/ngày gia hạn khác/i);
    expect(
      db
        .select()
        .from(extensionRequests)
        .where(eq(extensionRequests.id, Number(requestId)))
        .get()!.state,
    ).toBe("pending");
    // A second request while one is pending is refused by the rule.
    const again = await post("stttt.truong", id, {
      intent: "request_extension",
      idempotencyKey: "k-2",
      proposedDueDate: "30/07/2026",
      reason: "Chờ",
    });
    expect(again.status).toBe(400);
    expect(errorsOf(again, "")).toContain("Nhiệm vụ đã có một đề nghị gia hạn đang chờ quyết định.");

    // Confirming what was not reported done is refused with the state.
    const confirm = await post("vanphong", id, { intent: "confirm_completion", version: String(taskRow(id).version) });
    expect(confirm.status).toBe(400);
    expect(errorsOf(confirm, "").join(" ")).toContain("Mới giao");
  });

  it("answers 403 to a role without the intent's permission and 404 to a department not assigned", async () => {
    const id = newTask();
    const before = writes();
    const cases: [string, Record<string, string>, number][] = [
      [
        "stttt.chuyenvien",
        { intent: "request_extension", idempotencyKey: "x", proposedDueDate: "30/06/2026", reason: "r" },
        403,
      ],
      [
        "stttt.chuyenvien",
        { intent: "report_completion", version: "1", idempotencyKey: "y", completionDate: "20/03/2026", result: "r" },
        403,
      ],
      ["stttt.truong", { intent: "confirm_completion", version: "1" }, 403],
      ["lanhdao", { intent: "return_completion", version: "1", reason: "r" }, 403],
      ["admin", { intent: "comment", body: "Xin chào" }, 403],
      ["snv.truong", { intent: "comment", body: "Xin chào" }, 404],
      ["snv.truong", await reportFields("stttt.truong", id), 404],
      // SGDDT coordinates: it reports its part, but may not report completion.
      [
        "sgddt.truong",
        { intent: "report_completion", version: "1", idempotencyKey: "z", completionDate: "20/03/2026", result: "r" },
        403,
      ],
    ];
    for (const [login, fields, status] of cases) {
      const outcome = await post(login, id, fields);
      expect(outcome.status, `${login} ${fields.intent}`).toBe(status);
    }
    const after = writes();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    // An empty form is 400 for everyone who sees the task (the registry's probe).
    expect((await post("stttt.chuyenvien", id, {})).status).toBe(400);
  });

  it("answers a stale version with 409 and what changed; a coordinator's report leaves the task's percent", async () => {
    const id = newTask();
    const stale = await reportFields("stttt.truong", id);
    const coordinator = await reportFields("sgddt.truong", id, { percent: "30" });
    expect((await post("stttt.truong", id, await reportFields("stttt.truong", id, { percent: "40" }))).status).toBe(
      302,
    );
    const before = writes();
    const refused = await post("stttt.truong", id, { ...stale, idempotencyKey: "another-key" });
    expect(refused.status).toBe(409);
    const reply = refused.body as Reply;
    expect(errorsOf(refused, "")).toEqual(
      ["Chưa lưu: nhiệm vụ đã được người khác cập nhật."].map((m) => expect.stringContaining(m.slice(0, 20))),
    );
    expect(reply.conflict!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["Tỷ lệ hoàn thành"]));
    expect(writes()).toEqual(before);
    // A coordinator's report on an in-progress task does not touch the row: no version needed.
    expect((await post("sgddt.truong", id, coordinator)).status).toBe(302);
    expect(taskRow(id).percent).toBe(40);
  });

  it("shows leadership's comments as instructions", async () => {
    const id = newTask();
    expect((await post("lanhdao", id, { intent: "comment", body: "Khẩn trương hoàn thành" })).status).toBe(302);
    expect((await post("stttt.chuyenvien", id, { intent: "comment", body: "Đã nhận" })).status).toBe(302);
    const thread = db
      .select({ body: comments.body, isInstruction: comments.isInstruction, author: users.login })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.taskId, id))
      .all();
    expect(thread).toEqual([
      { body: "Khẩn trương hoàn thành", isInstruction: true, author: "lanhdao" },
      { body: "Đã nhận", isInstruction: false, author: "stttt.chuyenvien" },
    ]);
    const empty = await post("lanhdao", id, { intent: "comment", body: "" });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty, "body")).toEqual(
      ["Vui lòng nhập ý kiến chỉ đạo."].map(() => expect.stringMatching(/ý kiến/)),
    );
  });
});

describe("My department", () => {
  it("groups STTTT's tasks by urgency, lead or coordinator, each with what is expected next", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const returnedId = newTask(addDays(today, -20), addDays(today, 20), Date.now());
    const lead = actor("stttt.truong");
    const version = () => String(taskRow(returnedId).version);
    const shown = await page("stttt.truong", returnedId);
    await post("stttt.truong", returnedId, {
      intent: "report_completion",
      version: version(),
      idempotencyKey: shown.idempotencyKey,
      completionDate: today.split("-").reverse().join("/"),
      result: "Xong",
    });
    await post("vanphong", returnedId, { intent: "return_completion", version: version(), reason: "Thiếu số liệu" });

    const outcome = await callRoute(myDepartmentRoute.loader, {
      path: "/my-department",
      token: await sessionFor("stttt.truong"),
    });
    expect(outcome.status).toBe(200);
    const body = outcome.body as {
      groups: Record<
        string,
        { id: number; status: string; state: string; role: string; next: string; lead: { id: number } }[]
      >;
    };
    const groups = body.groups;
    expect(Object.keys(groups)).toEqual([
      "overdue",
      "due_soon",
      "awaiting_confirmation",
      "returned",
      "on_track",
      "ongoing",
    ]);
    for (const task of groups.overdue!) expect(task.status).toBe("overdue");
    for (const task of groups.due_soon!) expect(task.status).toBe("due_soon");
    for (const task of groups.awaiting_confirmation!) {
      expect(task.status).toBe("awaiting_confirmation");
      expect(task.next).toBe("await_confirmation");
    }
    for (const task of groups.on_track!) expect(task.status).toBe("on_track");
    for (const task of groups.ongoing!) expect(task.status).toBe("ongoing");
    for (const task of Object.values(groups).flat()) {
      expect(task.role).toBe(task.lead.id === lead.departmentId ? "lead" : "coordinator");
    }
    expect(groups.returned!.find((t) => t.id === returnedId)).toMatchObject({
      state: "returned",
      next: "redo_returned",
    });
    // The demo gives STTTT tasks in several groups, as lead and as coordinator.
    const all = Object.values(groups).flat();
    expect(new Set(all.map((t) => t.role))).toEqual(new Set(["lead", "coordinator"]));
    expect(groups.overdue!.length + groups.due_soon!.length + groups.on_track!.length).toBeGreaterThan(0);

    // Other roles get an explanation, not the page.
    const other = await callRoute(myDepartmentRoute.loader, {
      path: "/my-department",
      token: await sessionFor("vanphong"),
    });
    expect(other.status).toBe(200);
    expect((other.body as { groups: unknown }).groups).toBeNull();
  });
});
