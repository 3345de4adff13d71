// The secretariat's page for deadline changes and records entered after the fact
// (app/routes/tasks.$id_.history), through its real loader and action: a signed-in
// cookie, a url-encoded form, the Express load context. Each intent saves and
// redirects to ?saved=<intent>; bad input answers 400 with the translated message on
// the field it is about (Vietnamese unless the reader chose English) and writes
// nothing; a stale form answers 409 with what changed; roles without
// "history.enter" get 403, and a task the user may not see is 404.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, extensionRequests, taskDeadlineChanges, tasks, taskTransitions } from "../../db/schema";
import type { LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import { createDirective, setDirectiveState } from "../../app/models/directives.server";
import { requestExtension } from "../../app/models/task-progress.server";
import { createTask } from "../../app/models/tasks.server";
import * as historyRoute from "../../app/routes/tasks.$id_.history/route";
import { callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "history-route" };
/** An instant on a Hanoi calendar day. */
const at = (date: LocalDate, time = "10:00") => Date.parse(`${date}T${time}:00+07:00`);

let db: AppDatabase;
let secretariat: Actor;
let dept: Record<string, number>;
let committeeId: number;
let directiveNumber = 0;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretariat = db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'vanphong'`)!;
  dept = Object.fromEntries(
    db.all<{ code: string; id: number }>(sql`SELECT code, id FROM departments`).map((d) => [d.code, d.id]),
  );
  committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
  for (const login of ["vanphong", "admin", "lanhdao", "stttt.truong", "snv.truong"]) await sessionFor(login);
});

/**
 * A task of a directive issued on 10/12/2019, led by STTTT, due 31/01/2020 (or
 * without a deadline), entered in 2019 or today.
 */
function newTask(options: { dueDate?: LocalDate | null; confidential?: boolean; enteredAt?: number } = {}) {
  const { dueDate = "2020-01-31", confidential = false, enteredAt = at("2019-12-10", "15:00") } = options;
  directiveNumber += 1;
  const directive = createDirective(
    db,
    secretariat,
    {
      committeeId,
      meetingId: null,
      number: `${700 + directiveNumber}/TB-UBND`,
      type: "conclusion_notice",
      issuedOn: "2019-12-10",
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: "Kết luận của Trưởng Ban Chỉ đạo",
      fullText: null,
      confidential,
    },
    origin,
    enteredAt,
  );
  if (!directive.ok) throw new Error(JSON.stringify(directive));
  const task = createTask(
    db,
    secretariat,
    {
      directiveId: directive.id,
      parentId: null,
      itemNumber: "1",
      title: "Hướng dẫn thuê dịch vụ công nghệ thông tin",
      description: null,
      leadDepartmentId: dept.STTTT!,
      coordinatorDepartmentIds: [dept.SGDDT!],
      deadlineKind: dueDate === null ? "ongoing" : "dated",
      dueDate,
      assignedOn: "2019-12-10",
    },
    origin,
    enteredAt,
  );
  if (!task.ok) throw new Error(JSON.stringify(task));
  const issued = setDirectiveState(db, secretariat, directive.id, 1, "issued", origin, enteredAt);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return task.id;
}

const row = (id: number) => db.select().from(tasks).where(eq(tasks.id, id)).get()!;

async function page(login: string, id: number | string, headers?: Record<string, string>) {
  return callRoute(historyRoute.loader, {
    path: `/tasks/${id}/history`,
    params: { id: String(id) },
    token: await sessionFor(login),
    ...(headers ? { headers } : {}),
  });
}

async function post(
  login: string | null,
  id: number,
  form: Record<string, string>,
  headers?: Record<string, string>,
): Promise<RouteOutcome> {
  return callRoute(historyRoute.action, {
    path: `/tasks/${id}/history`,
    method: "POST",
    params: { id: String(id) },
    token: login === null ? null : await sessionFor(login),
    form,
    ...(headers ? { headers } : {}),
  });
}

interface Reply {
  intent: string | null;
  result: { error?: Record<string, string[] | null> };
  changes: { field: string; from: string; to: string; by: string; at: string }[] | null;
}
const reply = (outcome: RouteOutcome) => outcome.body as Reply;
const errorsOf = (outcome: RouteOutcome, field: string) => reply(outcome).result.error?.[field] ?? [];

/** What a refused post must leave as it was: the task row and every table a record writes. */
function writes(id: number) {
  const n = (
    table: typeof auditEvents | typeof extensionRequests | typeof taskTransitions | typeof taskDeadlineChanges,
  ) => db.select({ n: count() }).from(table).get()!.n;
  return {
    task: row(id),
    audit: n(auditEvents),
    requests: n(extensionRequests),
    transitions: n(taskTransitions),
    deadlineChanges: n(taskDeadlineChanges),
  };
}

const deadlineForm = (id: number, over: Record<string, string> = {}) => ({
  intent: "deadline",
  version: String(row(id).version),
  kind: "change",
  dueDate: "31/03/2020",
  effectiveOn: "15/01/2020",
  reason: "Quyết định số 88/QĐ-UBND điều chỉnh thời hạn",
  ...over,
});
const extensionForm = (id: number, over: Record<string, string> = {}) => ({
  intent: "extension",
  version: String(row(id).version),
  dueDate: "29/02/2020",
  decidedOn: "20/02/2020",
  reason: "Công văn số 215/UBND-KGVX ngày 20/02/2020",
  ...over,
});
const completionForm = (id: number, over: Record<string, string> = {}) => ({
  intent: "completion",
  version: String(row(id).version),
  completionDate: "25/02/2020",
  reportedOn: "25/02/2020",
  confirmedOn: "02/03/2020",
  result: "Đã ban hành văn bản hướng dẫn.",
  reason: "Báo cáo số 41/BC-STTTT ngày 25/02/2020",
  ...over,
});

describe("the history page", () => {
  it("shows the secretariat and the administrator the task's deadlines and the version the forms are based on", async () => {
    const id = newTask();
    for (const login of ["vanphong", "admin"]) {
      const outcome = await page(login, id);
      expect(outcome.status, login).toBe(200);
      expect(outcome.body, login).toMatchObject({
        title: `Điều chỉnh thời hạn và nhập bổ sung — 1. Hướng dẫn thuê dịch vụ công nghệ thông tin`,
        task: {
          id,
          assignedOn: "2019-12-10",
          deadlineKind: "dated",
          originalDueDate: "2020-01-31",
          currentDueDate: "2020-01-31",
          version: row(id).version,
        },
        changes: [],
      });
    }
  });

  it("answers 403 to roles without history.enter, 404 for a task the user may not see, and sends visitors to sign in", async () => {
    const id = newTask();
    const hidden = newTask({ confidential: true });
    const cases: [string, number | string, number][] = [
      ["lanhdao", id, 403],
      ["stttt.truong", id, 403], // leads the task
      ["snv.truong", id, 403], // neither permission nor assignment: refused on the permission
      ["admin", hidden, 404], // holds history.enter, does not see confidential directives
      ["vanphong", 987_654, 404],
      ["vanphong", "abc", 404],
    ];
    for (const [login, task, status] of cases) {
      expect((await page(login, task)).status, `${login} ${task}`).toBe(status);
    }
    expect((await page("vanphong", hidden)).status).toBe(200);
    const visitor = await callRoute(historyRoute.loader, { path: `/tasks/${id}/history`, params: { id: String(id) } });
    expect(visitor).toMatchObject({
      status: 302,
      location: `/login?redirectTo=${encodeURIComponent(`/tasks/${id}/history`)}`,
    });
  });
});

describe("saving each intent", () => {
  it("a deadline change from a day: saved, redirected, listed on the page", async () => {
    const id = newTask();
    const outcome = await post("vanphong", id, deadlineForm(id));
    expect(outcome).toMatchObject({ status: 302, location: `/tasks/${id}/history?saved=deadline` });
    expect(row(id)).toMatchObject({ originalDueDate: "2020-01-31", currentDueDate: "2020-03-31" });
    const shown = await page("vanphong", id);
    expect(shown.body).toMatchObject({
      task: { originalDueDate: "2020-01-31", currentDueDate: "2020-03-31", version: row(id).version },
      changes: [
        {
          kind: "change",
          previousDueDate: "2020-01-31",
          dueDate: "2020-03-31",
          effectiveAt: at("2020-01-15", "00:00"),
          reason: "Quyết định số 88/QĐ-UBND điều chỉnh thời hạn",
        },
      ],
    });
  });

  it("a correction: saved, in force from the assignment whatever effective day is posted", async () => {
    const id = newTask();
    const outcome = await post(
      "vanphong",
      id,
      deadlineForm(id, { kind: "correction", dueDate: "31/12/2019", effectiveOn: "15/01/2020" }),
    );
    expect(outcome).toMatchObject({ status: 302, location: `/tasks/${id}/history?saved=deadline` });
    expect(row(id)).toMatchObject({ originalDueDate: "2020-01-31", currentDueDate: "2019-12-31" });
    const stored = db.select().from(taskDeadlineChanges).where(eq(taskDeadlineChanges.taskId, id)).get()!;
    expect(stored).toMatchObject({ kind: "correction", previousDueDate: "2020-01-31", dueDate: "2019-12-31" });
    expect(stored.effectiveAt).toBe(stored.createdAt);
  });

  it("an extension decided on paper, then a completion reported and confirmed outside the system", async () => {
    const id = newTask();
    const extended = await post("vanphong", id, extensionForm(id));
    expect(extended).toMatchObject({ status: 302, location: `/tasks/${id}/history?saved=extension` });
    expect(row(id).currentDueDate).toBe("2020-02-29");
    expect(db.select().from(extensionRequests).where(eq(extensionRequests.taskId, id)).get()).toMatchObject({
      state: "approved",
      approvedDueDate: "2020-02-29",
      decidedAt: at("2020-02-21", "00:00") - 1,
      decisionRecordedAt: expect.any(Number),
    });
    const completed = await post("vanphong", id, completionForm(id));
    expect(completed).toMatchObject({ status: 302, location: `/tasks/${id}/history?saved=completion` });
    expect(row(id)).toMatchObject({
      state: "done",
      completionDate: "2020-02-25",
      completionResult: "Đã ban hành văn bản hướng dẫn.",
    });
    expect(db.select({ n: count() }).from(taskTransitions).where(eq(taskTransitions.taskId, id)).get()!.n).toBe(2);
  });

  it("the administrator, who holds history.enter, saves on a task it sees", async () => {
    const id = newTask();
    expect(await post("admin", id, completionForm(id, { confirmedOn: "" }))).toMatchObject({
      status: 302,
      location: `/tasks/${id}/history?saved=completion`,
    });
    expect(row(id)).toMatchObject({ state: "awaiting_confirmation", confirmedAt: null });
  });
});

describe("refusing bad input", () => {
  it("answers 400 with the translated message on the field, and writes nothing", async () => {
    const id = newTask();
    // One extension already entered, so that "before the latest move" can be tried.
    expect((await post("vanphong", id, extensionForm(id))).status).toBe(302);
    const cases: [string, Record<string, string>, string, string][] = [
      ["blank reason", deadlineForm(id, { reason: "   " }), "reason", "Vui lòng nhập lý do, căn cứ."],
      [
        "an impossible date",
        deadlineForm(id, { dueDate: "31/02/2020" }),
        "dueDate",
        "Thời hạn mới: ngày “31/02/2020” không tồn tại (tháng 02/2020 chỉ có 29 ngày).",
      ],
      ["no kind", deadlineForm(id, { kind: "" }), "kind", "Vui lòng chọn loại điều chỉnh."],
      ["an unknown intent", { intent: "rewrite", version: "1" }, "intent", "Thao tác không hợp lệ."],
      [
        "a change from a day to come",
        deadlineForm(id, { effectiveOn: "01/01/2099" }),
        "effectiveOn",
        "Ngày này chưa đến.",
      ],
      [
        "the deadline in force",
        deadlineForm(id, { dueDate: "29/02/2020", effectiveOn: "" }),
        "dueDate",
        "Thời hạn mới trùng với thời hạn hiện hành.",
      ],
      [
        "a due date before the assignment",
        deadlineForm(id, { dueDate: "01/12/2019", effectiveOn: "" }),
        "dueDate",
        "Ngày này trước ngày giao nhiệm vụ.",
      ],
      [
        "a change from before the latest move",
        deadlineForm(id, { effectiveOn: "19/02/2020" }),
        "effectiveOn",
        "Ngày này trước lần cập nhật gần nhất của nhiệm vụ; chỉ nhập bổ sung theo đúng trình tự thời gian.",
      ],
      [
        "a blank extension reason",
        extensionForm(id, { decidedOn: "21/02/2020", dueDate: "15/03/2020", reason: "" }),
        "reason",
        "Vui lòng nhập lý do, căn cứ.",
      ],
      [
        "an extension not later than the due date then",
        extensionForm(id, { decidedOn: "21/02/2020", dueDate: "29/02/2020" }),
        "dueDate",
        "Thời hạn gia hạn phải sau thời hạn đang có hiệu lực vào ngày quyết định.",
      ],
      [
        "an extension decided before the latest move",
        extensionForm(id, { decidedOn: "19/02/2020", dueDate: "15/03/2020" }),
        "decidedOn",
        "Ngày này trước lần cập nhật gần nhất của nhiệm vụ; chỉ nhập bổ sung theo đúng trình tự thời gian.",
      ],
      [
        "an extension decided on a day to come",
        extensionForm(id, { decidedOn: "01/01/2099", dueDate: "01/02/2099" }),
        "decidedOn",
        "Ngày này chưa đến.",
      ],
      [
        "a confirmation before the report",
        completionForm(id, { reportedOn: "27/02/2020", confirmedOn: "26/02/2020" }),
        "confirmedOn",
        "Ngày xác nhận phải từ ngày báo cáo trở đi.",
      ],
      [
        "a completion date after the report",
        completionForm(id, { completionDate: "27/02/2020", reportedOn: "26/02/2020", confirmedOn: "" }),
        "completionDate",
        "Ngày hoàn thành không thể sau ngày báo cáo.",
      ],
      ["a completion without its result", completionForm(id, { result: " " }), "result", "Vui lòng nhập kết quả."],
    ];
    for (const [label, form, field, message] of cases) {
      const before = writes(id);
      const outcome = await post("vanphong", id, form);
      expect(outcome.status, label).toBe(400);
      expect.soft(errorsOf(outcome, field), label).toEqual([message]);
      expect(writes(id), label).toEqual(before);
    }
  });

  it("answers in English for an English reader", async () => {
    const id = newTask();
    const english = { Cookie: (await localeCookie.serialize("en")).split(";")[0]! };
    const before = writes(id);
    const outcome = await post("vanphong", id, deadlineForm(id, { effectiveOn: "01/01/2099" }), english);
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "effectiveOn")).toEqual(["That day has not come yet."]);
    const blank = await post("vanphong", id, extensionForm(id, { reason: "" }), english);
    expect(errorsOf(blank, "reason")).toEqual(["Please enter the reason, reference."]);
    expect(writes(id)).toEqual(before);
  });

  it("explains refusals that are not about one field: no deadline, a pending request, a completion already reported", async () => {
    const undated = newTask({ dueDate: null });
    const page1 = await page("vanphong", undated);
    expect(page1.body).toMatchObject({ task: { deadlineKind: "ongoing", currentDueDate: null } });
    let before = writes(undated);
    const noDeadline = await post("vanphong", undated, extensionForm(undated));
    expect(noDeadline.status).toBe(400);
    expect(errorsOf(noDeadline, "")).toEqual(["Nhiệm vụ không có thời hạn."]);
    expect(writes(undated)).toEqual(before);

    const pending = newTask();
    const stttt = db.get<Actor>(
      sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = 'stttt.truong'`,
    )!;
    expect(
      requestExtension(
        db,
        stttt,
        { taskId: pending, proposedDueDate: "2099-06-30", reason: "Chờ kinh phí", idempotencyKey: null },
        origin,
      ),
    ).toMatchObject({ ok: true });
    before = writes(pending);
    const waiting = await post("vanphong", pending, extensionForm(pending));
    expect(waiting.status).toBe(400);
    expect(errorsOf(waiting, "")).toEqual([
      "Nhiệm vụ đang có đề nghị gia hạn chờ quyết định: hãy quyết định đề nghị đó.",
    ]);
    expect(writes(pending)).toEqual(before);

    const reported = newTask();
    expect((await post("vanphong", reported, completionForm(reported, { confirmedOn: "" }))).status).toBe(302);
    before = writes(reported);
    const again = await post("vanphong", reported, completionForm(reported, { reportedOn: "26/02/2020" }));
    expect(again.status).toBe(400);
    expect(errorsOf(again, "")).toEqual([
      "Không nhập bổ sung hoàn thành được ở trạng thái hiện tại (Đã báo cáo hoàn thành).",
    ]);
    expect(writes(reported)).toEqual(before);
  });

  it("answers a stale form with 409, the reason and what changed, and writes nothing", async () => {
    const id = newTask();
    const stale = deadlineForm(id);
    expect((await post("vanphong", id, extensionForm(id))).status).toBe(302);
    const before = writes(id);
    const outcome = await post("vanphong", id, stale);
    expect(outcome.status).toBe(409);
    expect(reply(outcome).intent).toBe("deadline");
    expect(errorsOf(outcome, "")).toEqual(["Chưa lưu: nhiệm vụ đã được người khác cập nhật sau khi bạn mở biểu mẫu."]);
    expect(reply(outcome).changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "Hạn hiện hành", from: "31/01/2020", to: "29/02/2020" }),
      ]),
    );
    expect(writes(id)).toEqual(before);
  });

  it("refuses posts by roles without history.enter (403) and on tasks the user may not see (404); only the refusal is audited", async () => {
    const id = newTask();
    const hidden = newTask({ confidential: true });
    const cases: [string, number, Record<string, string>, number][] = [
      ["lanhdao", id, extensionForm(id), 403],
      ["stttt.truong", id, completionForm(id), 403],
      ["snv.truong", id, deadlineForm(id), 403],
      ["admin", hidden, extensionForm(hidden), 404],
    ];
    for (const [login, task, form, status] of cases) {
      const before = writes(task);
      const outcome = await post(login, task, form);
      expect(outcome.status, login).toBe(status);
      const after = writes(task);
      expect({ ...after, audit: 0 }, login).toEqual({ ...before, audit: 0 });
      // The one audit event is the refusal itself.
      expect(after.audit - before.audit, login).toBe(1);
      expect(
        db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .orderBy(sql`${auditEvents.id} DESC`)
          .get()!.action,
        login,
      ).toBe("access.denied");
    }
    const before = writes(id);
    expect(await post(null, id, extensionForm(id))).toMatchObject({ status: 302 });
    expect(writes(id)).toEqual(before);
  });
});

describe("the field a refusal lands on", () => {
  // The same code can come from several dates of one form: the message lands under the date at fault.
  it("a change from before the assignment is reported on the effective day, not on the new due date", async () => {
    const id = newTask();
    const before = writes(id);
    const outcome = await post("vanphong", id, deadlineForm(id, { effectiveOn: "01/12/2019" }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "effectiveOn")).toEqual(["Ngày này trước ngày giao nhiệm vụ."]);
    expect(errorsOf(outcome, "dueDate")).toEqual([]);
    expect(writes(id)).toEqual(before);
  });

  it("a completion dated before the assignment is reported on the completion date, not on the report day", async () => {
    const id = newTask();
    const before = writes(id);
    const outcome = await post("vanphong", id, completionForm(id, { completionDate: "01/12/2019" }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "completionDate")).toEqual(["Ngày này trước ngày giao nhiệm vụ."]);
    expect(errorsOf(outcome, "reportedOn")).toEqual([]);
    expect(writes(id)).toEqual(before);
  });

  it("a confirmation on a day to come is reported on the confirmation day, not on the report day", async () => {
    const id = newTask();
    const before = writes(id);
    const outcome = await post("vanphong", id, completionForm(id, { confirmedOn: "01/01/2099" }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "confirmedOn")).toEqual(["Ngày này chưa đến."]);
    expect(errorsOf(outcome, "reportedOn")).toEqual([]);
    expect(writes(id)).toEqual(before);
  });

  // A past record's audit event carries keys of its own (extensionRequestId,
  // effectiveOn, recordedAt, entryReason): the conflict lists only the task's fields.
  it("a conflict after a record entered after the fact lists only the task's fields, in words", async () => {
    const id = newTask();
    const stale = deadlineForm(id);
    expect((await post("vanphong", id, extensionForm(id))).status).toBe(302);
    const outcome = await post("vanphong", id, stale);
    expect(outcome.status).toBe(409);
    const fields = reply(outcome).changes!.map((c) => c.field);
    expect(fields).toContain("Hạn hiện hành");
    for (const field of fields) expect(field).not.toMatch(/^[a-z]+[A-Z]/);
    expect(fields).not.toContain("Lý do đổi đơn vị chủ trì");
    for (const change of reply(outcome).changes!) expect(change.to).not.toMatch(/^\d{12,}$/);
  });
});
