// The secretariat's forms, through their real route actions: a Request with a
// signed-in cookie, a url-encoded body, the Express load context. Success paths
// write exactly what was posted (and an audit event); bad input answers 400 (409
// for a stale save) with a translated message on the right field and changes
// nothing; department users get 403; hidden records stay hidden.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  departments,
  directives,
  meetings,
  taskCoordinators,
  taskLeadAssignments,
  tasks,
  users,
} from "../../db/schema";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import * as directiveEditRoute from "../../app/routes/directives.$id_.edit/route";
import * as directivePageRoute from "../../app/routes/directives.$id/route";
import * as directiveNewRoute from "../../app/routes/directives.new/route";
import * as taskEditRoute from "../../app/routes/tasks.$id_.edit/route";
import * as taskPageRoute from "../../app/routes/tasks.$id/route";
import * as taskNewRoute from "../../app/routes/tasks.new/route";
import { addComment } from "../../app/models/task-progress.server";
import {
  callRoute,
  outcomeOf,
  sessionCookieHeader,
  sessionFor,
  TEST_CONTEXT,
  TEST_ORIGIN,
  useFreshDemoDatabase,
  type RouteHandler,
  type RouteOutcome,
} from "../setup/remix-harness";

let db: AppDatabase;
let secretary: string;
let secretaryId: number;
let secretaryName: string;
let dept: Record<string, number>;
let committee: { egov: number; digital: number };
let meeting: { egov: number; digital: number };
/** The demo's current directive (issued), to add tasks to. */
let currentDirectiveId: number;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretary = await sessionFor("vanphong");
  const row = db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(eq(users.login, "vanphong"))
    .get()!;
  secretaryId = row.id;
  secretaryName = row.name;
  dept = Object.fromEntries(
    db
      .select({ code: departments.code, id: departments.id })
      .from(departments)
      .all()
      .map((d) => [d.code, d.id]),
  );
  const committeeId = (code: string) => db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = ${code}`)!.id;
  committee = { egov: committeeId("BCD-CQDT"), digital: committeeId("BCD-CDS") };
  const meetingOf = (id: number) =>
    db.select({ id: meetings.id }).from(meetings).where(eq(meetings.committeeId, id)).get()!.id;
  meeting = { egov: meetingOf(committee.egov), digital: meetingOf(committee.digital) };
  currentDirectiveId = db
    .select({ id: directives.id })
    .from(directives)
    .where(eq(directives.number, "412/TB-UBND"))
    .get()!.id;
});

// ---------------------------------------------------------------- helpers

/** POSTs a url-encoded body (repeated keys allowed) to a route action, as a browser form would. */
async function post(
  handler: RouteHandler,
  path: string,
  body: URLSearchParams,
  options: { params?: Record<string, string>; token?: string } = {},
): Promise<RouteOutcome> {
  const request = new Request(new URL(path, TEST_ORIGIN), {
    method: "POST",
    headers: {
      Cookie: await sessionCookieHeader(options.token ?? secretary),
      Origin: TEST_ORIGIN,
      "User-Agent": "desk-routes-test",
    },
    body,
  });
  try {
    return await outcomeOf(await handler({ request, params: options.params ?? {}, context: { ...TEST_CONTEXT } }));
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return outcomeOf(thrown);
  }
}

function form(fields: Record<string, string | string[] | undefined>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return body;
}

interface Reply {
  result: { status?: string; error?: Record<string, string[] | null> };
  conflict: { version?: number; changes: { field: string; from: string; to: string; by: string; at: string }[] } | null;
  intent?: string | null;
}

function reply(outcome: RouteOutcome): Reply {
  return outcome.body as Reply;
}

/** The messages of one field ("" for the form itself). */
function errorsOf(outcome: RouteOutcome, field: string): string[] {
  return reply(outcome).result.error?.[field] ?? [];
}

function rowCounts() {
  const n = (table: typeof tasks | typeof directives | typeof auditEvents | typeof taskCoordinators) =>
    db.select({ n: count() }).from(table).get()!.n;
  const leads = db.select({ n: count() }).from(taskLeadAssignments).get()!.n;
  return {
    directives: n(directives),
    tasks: n(tasks),
    coordinators: n(taskCoordinators),
    leads,
    audit: n(auditEvents),
  };
}

function directiveRow(id: number) {
  return db.select().from(directives).where(eq(directives.id, id)).get();
}

function taskRow(id: number) {
  const row = db.select().from(tasks).where(eq(tasks.id, id)).get();
  const coordinators = db
    .select({ id: taskCoordinators.departmentId })
    .from(taskCoordinators)
    .where(eq(taskCoordinators.taskId, id))
    .all()
    .map((c) => c.id)
    .sort((a, b) => a - b);
  return { ...row, coordinators };
}

function lastAudit(entityType: string, entityId: number) {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${entityType} AND ${auditEvents.entityId} = ${String(entityId)}`)
    .orderBy(sql`${auditEvents.id} DESC`)
    .get();
}

/** Asserts the handler refused with `status` and wrote nothing. */
async function expectRefusal(
  status: 400 | 409,
  send: () => Promise<RouteOutcome>,
  snapshot: () => unknown = () => null,
): Promise<RouteOutcome> {
  const before = { counts: rowCounts(), row: snapshot() };
  const outcome = await send();
  expect(outcome.status).toBe(status);
  expect({ counts: rowCounts(), row: snapshot() }).toEqual(before);
  return outcome;
}

let numberSeq = 0;
const directiveFields = (overrides: Record<string, string | undefined> = {}) => ({
  committeeId: String(committee.egov),
  meetingId: String(meeting.egov),
  number: `${100 + ++numberSeq}/TB-BCĐ`,
  type: "conclusion_notice",
  issuedOn: "20/03/2026",
  issuer: "Ban Chỉ đạo xây dựng Chính quyền điện tử",
  signer: "Nguyễn Văn A",
  abstract: "Kết luận của Trưởng Ban Chỉ đạo tại phiên họp quý I năm 2026",
  fullText: "1. Giao Sở Thông tin và Truyền thông...\n2. Giao Sở Tài chính...",
  confidential: "on",
  ...overrides,
});

async function createDirective(overrides: Record<string, string | undefined> = {}): Promise<number> {
  const outcome = await post(directiveNewRoute.action, "/directives/new", form(directiveFields(overrides)));
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
  return Number(/^\/directives\/(\d+)\?saved=created$/.exec(outcome.location ?? "")![1]);
}

const taskFields = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  itemNumber: "1",
  title: "Xây dựng kho dữ liệu dùng chung của Thành phố",
  description: "Hoàn thành trong năm 2026.",
  leadDepartmentId: String(dept.STTTT),
  coordinatorDepartmentIds: [String(dept.STC), String(dept.SNV)],
  deadlineKind: "dated",
  dueDate: "31/12/2026",
  assignedOn: "20/03/2026",
  ...overrides,
});

async function createTask(
  directiveId: number,
  overrides: Record<string, string | string[] | undefined> = {},
): Promise<number> {
  const outcome = await post(taskNewRoute.action, `/tasks/new?directive=${directiveId}`, form(taskFields(overrides)));
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
  return Number(/^\/tasks\/(\d+)\?saved=created$/.exec(outcome.location ?? "")![1]);
}

// ---------------------------------------------------------------- directives

describe("creating a directive", () => {
  it("stores exactly what was posted, as a draft, with an audit event", async () => {
    const fields = directiveFields();
    const id = await createDirective(fields);
    expect(directiveRow(id)).toMatchObject({
      committeeId: committee.egov,
      meetingId: meeting.egov,
      number: fields.number,
      type: "conclusion_notice",
      issuedOn: "2026-03-20",
      issuer: fields.issuer,
      signer: "Nguyễn Văn A",
      abstract: fields.abstract,
      fullText: fields.fullText,
      confidential: true,
      state: "draft",
      version: 1,
      createdBy: secretaryId,
    });
    expect(lastAudit("directive", id)).toMatchObject({
      action: "directive.create",
      actorId: secretaryId,
      ipAddress: "127.0.0.1",
      requestId: "test",
    });
  });

  it("stores empty optional fields as nothing and an unticked box as not confidential", async () => {
    const id = await createDirective({
      meetingId: "",
      number: "",
      issuedOn: "",
      signer: "  ",
      fullText: "",
      confidential: undefined,
    });
    expect(directiveRow(id)).toMatchObject({
      meetingId: null,
      number: null,
      issuedOn: null,
      signer: null,
      fullText: null,
      confidential: false,
    });
  });

  it.each([
    ["an empty abstract", { abstract: "" }, "abstract", "Vui lòng nhập trích yếu."],
    ["an abstract of spaces", { abstract: "   " }, "abstract", "Vui lòng nhập trích yếu."],
    ["a too long abstract", { abstract: "x".repeat(1001) }, "abstract", "Trích yếu quá dài: tối đa 1.000 ký tự."],
    ["a too long number", { number: "9".repeat(51) }, "number", "Số, ký hiệu quá dài: tối đa 50 ký tự."],
    ["no committee", { committeeId: "" }, "committeeId", "Vui lòng chọn ban chỉ đạo."],
    ["an unknown type", { type: "memo" }, "type", "Vui lòng chọn loại văn bản."],
    [
      "31/02/2026",
      { issuedOn: "31/02/2026" },
      "issuedOn",
      "Ngày ban hành: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ],
    [
      "a number the issuer already used",
      { number: "412/TB-UBND", issuer: "$SEEDED_ISSUER" },
      "number",
      "Cơ quan ban hành này đã có văn bản mang số, ký hiệu này.",
    ],
    [
      "a meeting of another committee",
      { meetingId: "$DIGITAL_MEETING" },
      "meetingId",
      "Cuộc họp đã chọn không thuộc Ban Chỉ đạo này.",
    ],
    ["an unknown committee", { committeeId: "99999" }, "committeeId", "Ban Chỉ đạo đã chọn không tồn tại."],
  ])("refuses %s with a translated message, changing nothing", async (_label, overrides, field, message) => {
    const seeded = db
      .select({ issuer: directives.issuer })
      .from(directives)
      .where(eq(directives.number, "412/TB-UBND"))
      .get()!;
    const placeholders: Record<string, string> = {
      $SEEDED_ISSUER: seeded.issuer,
      $DIGITAL_MEETING: String(meeting.digital),
    };
    const fields = directiveFields(
      Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, placeholders[v] ?? v])),
    );
    const outcome = await expectRefusal(400, () => post(directiveNewRoute.action, "/directives/new", form(fields)));
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("answers in English for an English reader", async () => {
    const request = new Request(new URL("/directives/new", TEST_ORIGIN), {
      method: "POST",
      headers: {
        Cookie: `${await sessionCookieHeader(secretary)}; ${(await localeCookie.serialize("en")).split(";")[0]}`,
        Origin: TEST_ORIGIN,
      },
      body: form(directiveFields({ abstract: "" })),
    });
    const outcome = await outcomeOf(
      await directiveNewRoute.action({ request, params: {}, context: { ...TEST_CONTEXT } }),
    );
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome, "abstract")).toEqual(["Please enter the abstract."]);
  });
});

describe("editing a directive", () => {
  it("saves the posted fields on the version it was based on", async () => {
    const id = await createDirective();
    const fields = directiveFields({ abstract: "Trích yếu đã sửa", signer: "", confidential: undefined });
    const outcome = await post(directiveEditRoute.action, `/directives/${id}/edit`, form({ ...fields, version: "1" }), {
      params: { id: String(id) },
    });
    expect(outcome).toMatchObject({ status: 302, location: `/directives/${id}?saved=updated` });
    expect(directiveRow(id)).toMatchObject({
      abstract: "Trích yếu đã sửa",
      signer: null,
      confidential: false,
      version: 2,
    });
    expect(lastAudit("directive", id)).toMatchObject({ action: "directive.update", actorId: secretaryId });
  });

  it("refuses a stale version with 409, keeping the other save", async () => {
    const id = await createDirective();
    const first = await post(
      directiveEditRoute.action,
      `/directives/${id}/edit`,
      form({ ...directiveFields({ abstract: "Bản của người thứ nhất" }), version: "1" }),
      { params: { id: String(id) } },
    );
    expect(first.status).toBe(302);
    const outcome = await expectRefusal(
      409,
      () =>
        post(
          directiveEditRoute.action,
          `/directives/${id}/edit`,
          form({ ...directiveFields({ abstract: "Bản của người thứ hai" }), version: "1" }),
          { params: { id: String(id) } },
        ),
      () => directiveRow(id),
    );
    expect(errorsOf(outcome, "")[0]).toMatch(/^Chưa lưu: văn bản đã được người khác cập nhật/);
    expect(reply(outcome).conflict).toMatchObject({ version: 2 });
    expect(directiveRow(id)?.abstract).toBe("Bản của người thứ nhất");
  });

  it("refuses to remove the date of an issued directive", async () => {
    const id = await createDirective();
    await post(directivePageRoute.action, `/directives/${id}`, form({ intent: "issue", version: "1" }), {
      params: { id: String(id) },
    });
    const outcome = await expectRefusal(
      400,
      () =>
        post(
          directiveEditRoute.action,
          `/directives/${id}/edit`,
          form({ ...directiveFields({ issuedOn: "" }), version: "2" }),
          {
            params: { id: String(id) },
          },
        ),
      () => directiveRow(id),
    );
    expect(errorsOf(outcome, "issuedOn")).toEqual(["Văn bản đã ban hành phải có ngày ban hành."]);
  });
});

describe("issuing, closing and reopening a directive", () => {
  it("moves draft → issued → closed → issued, each audited", async () => {
    const id = await createDirective();
    const move = (intent: string, version: number) =>
      post(directivePageRoute.action, `/directives/${id}`, form({ intent, version: String(version) }), {
        params: { id: String(id) },
      });
    expect(await move("issue", 1)).toMatchObject({ status: 302, location: `/directives/${id}?saved=issued` });
    expect(directiveRow(id)).toMatchObject({ state: "issued", version: 2 });
    expect(lastAudit("directive", id)?.action).toBe("directive.issue");
    expect(await move("close", 2)).toMatchObject({ status: 302, location: `/directives/${id}?saved=closed` });
    expect(directiveRow(id)?.state).toBe("closed");
    expect(await move("reopen", 3)).toMatchObject({ status: 302, location: `/directives/${id}?saved=reopened` });
    expect(directiveRow(id)).toMatchObject({ state: "issued", version: 4 });
    expect(lastAudit("directive", id)?.action).toBe("directive.reopen");
  });

  it("refuses to issue a draft without a number, a stale version, and an unknown intent", async () => {
    const id = await createDirective({ number: "" });
    const send = (body: Record<string, string>) =>
      post(directivePageRoute.action, `/directives/${id}`, form(body), { params: { id: String(id) } });
    const noNumber = await expectRefusal(
      400,
      () => send({ intent: "issue", version: "1" }),
      () => directiveRow(id),
    );
    // The issuing step has the number as a field: the refusal is on it.
    expect(errorsOf(noNumber, "number")).toEqual(["Nhập số, ký hiệu của văn bản để ban hành."]);
    const stale = await expectRefusal(
      409,
      () => send({ intent: "issue", version: "7" }),
      () => directiveRow(id),
    );
    expect(errorsOf(stale, "")[0]).toMatch(/^Chưa lưu/);
    await expectRefusal(
      400,
      () => send({ intent: "close", version: "1" }),
      () => directiveRow(id),
    );
    const unknown = await expectRefusal(
      400,
      () => send({ intent: "delete", version: "1" }),
      () => directiveRow(id),
    );
    expect(reply(unknown).intent).toBeNull();
  });
});

describe("the issuing step: number and date typed in it, and who will be told", () => {
  const page = async (id: number) =>
    (
      await callRoute(directivePageRoute.loader, {
        path: `/directives/${id}`,
        params: { id: String(id) },
        token: secretary,
      })
    ).body as { issuing: { tasks: number; departments: number } | null };
  const send = (id: number, body: Record<string, string>) =>
    post(directivePageRoute.action, `/directives/${id}`, form(body), { params: { id: String(id) } });

  it("names how many tasks go to how many departments, counting a department once", async () => {
    const id = await createDirective({ number: "", issuedOn: "" });
    expect((await page(id)).issuing).toEqual({ tasks: 0, departments: 0 });
    await createTask(id, { coordinatorDepartmentIds: [String(dept.SGDDT), String(dept.SYT)] });
    await createTask(id, { itemNumber: "2", coordinatorDepartmentIds: [String(dept.SGDDT)] });
    // STTTT leads both, SGDDT coordinates both, SYT one: three departments.
    expect((await page(id)).issuing).toEqual({ tasks: 2, departments: 3 });
    // Leadership does not issue: no step for them.
    const chair = await callRoute(directivePageRoute.loader, {
      path: `/directives/${currentDirectiveId}`,
      params: { id: String(currentDirectiveId) },
      token: await sessionFor("lanhdao"),
    });
    expect((chair.body as { issuing: unknown }).issuing).toBeNull();
  });

  it("issues a draft without a number or date with the ones typed in the step, in one audited move", async () => {
    const id = await createDirective({ number: "", issuedOn: "" });
    const empty = await expectRefusal(
      400,
      () => send(id, { intent: "issue", version: "1", number: "", issuedOn: "" }),
      () => directiveRow(id),
    );
    expect(errorsOf(empty, "issuedOn")).toEqual(["Văn bản đã ban hành phải có ngày ban hành."]);
    const badDay = await expectRefusal(
      400,
      () => send(id, { intent: "issue", version: "1", number: "77/TB-BCĐ", issuedOn: "31/02/2026" }),
      () => directiveRow(id),
    );
    // Back to the issuing step, on its field, saying the day does not exist.
    expect(reply(badDay).intent).toBe("issue");
    expect(errorsOf(badDay, "issuedOn")).toEqual([
      "Ngày ban hành: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ]);
    const number = `${900 + ++numberSeq}/TB-BCĐ`;
    const issued = await send(id, { intent: "issue", version: "1", number, issuedOn: "25/03/2026" });
    expect(issued).toMatchObject({ status: 302, location: `/directives/${id}?saved=issued` });
    expect(directiveRow(id)).toMatchObject({ state: "issued", number, issuedOn: "2026-03-25", version: 2 });
    const audit = lastAudit("directive", id)!;
    expect(audit.action).toBe("directive.issue");
    expect(audit.before).toMatchObject({ number: null, issuedOn: null, state: "draft" });
    expect(audit.after).toMatchObject({ number, issuedOn: "2026-03-25", state: "issued" });
  });

  it("refuses a number the issuer already used, leaving the draft as it was", async () => {
    const taken = `${900 + ++numberSeq}/TB-BCĐ`;
    await createDirective({ number: taken });
    const id = await createDirective({ number: "" });
    const outcome = await expectRefusal(
      400,
      () => send(id, { intent: "issue", version: "1", number: taken, issuedOn: "25/03/2026" }),
      () => directiveRow(id),
    );
    expect(errorsOf(outcome, "number")).toHaveLength(1);
    expect(directiveRow(id)).toMatchObject({ state: "draft", number: null });
  });
});

// ---------------------------------------------------------------- telling departments of their tasks

const TEST_ORIGIN_FACTS = { ipAddress: "127.0.0.1", userAgent: "desk-routes-test", requestId: "desk-routes" };

describe("telling departments of the tasks given to them", () => {
  /** Each department told of the task, as "CODE:role", with how many of its members were told. */
  const announced = (taskId: number) =>
    db
      .all<{ who: string; n: number }>(
        sql`SELECT d.code || ':' || json_extract(n.params, '$.role') AS who, count(*) AS n
          FROM notifications n JOIN users u ON u.id = n.user_id JOIN departments d ON d.id = u.department_id
          WHERE n.task_id = ${taskId} AND n.kind = 'task_assigned' GROUP BY who ORDER BY who`,
      )
      .map((r) => `${r.who} ×${r.n}`);
  const everyone = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications`)!.n;

  it("a draft's tasks when it is issued, once; a task added to an issued directive at once", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId, { coordinatorDepartmentIds: [String(dept.SGDDT), String(dept.SYT)] });
    // A draft's task is nobody's yet: neither it nor a comment on it is announced.
    const secretariat = { id: secretaryId, role: "secretariat" as const, departmentId: null };
    const commented = addComment(db, secretariat, { taskId: id, body: "Ghi chú khi soạn thảo" }, TEST_ORIGIN_FACTS);
    expect(commented.ok).toBe(true);
    expect(announced(id)).toEqual([]);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications WHERE task_id = ${id}`)!.n).toBe(0);
    const move = (intent: string, version: number) =>
      post(directivePageRoute.action, `/directives/${directiveId}`, form({ intent, version: String(version) }), {
        params: { id: String(directiveId) },
      });
    expect((await move("issue", 1)).status).toBe(302);
    // STTTT has two members (head and focal point); the secretariat, who issued it, is not told.
    expect(announced(id)).toEqual(["SGDDT:coordinator ×1", "STTTT:lead ×2", "SYT:coordinator ×1"]);
    const told = everyone();
    expect((await move("close", 2)).status).toBe(302);
    expect((await move("reopen", 3)).status).toBe(302);
    expect(everyone(), "reopening announces nothing again").toBe(told);

    const added = await createTask(directiveId, { itemNumber: "2", coordinatorDepartmentIds: [] });
    expect(announced(added)).toEqual(["STTTT:lead ×2"]);
  });

  it("an edit tells only the departments it gives the task to; a re-assignment tells the new lead", async () => {
    const id = await createTask(currentDirectiveId, { coordinatorDepartmentIds: [String(dept.SGDDT)] });
    expect(announced(id)).toEqual(["SGDDT:coordinator ×1", "STTTT:lead ×2"]);
    const edit = (fields: Record<string, string | string[]>, version: number) =>
      post(taskEditRoute.action, `/tasks/${id}/edit`, form({ ...taskFields(fields), version: String(version) }), {
        params: { id: String(id) },
      });
    // SGDDT stays, SNV is added: only SNV hears of it; a title change tells nobody.
    expect((await edit({ coordinatorDepartmentIds: [String(dept.SGDDT), String(dept.SNV)] }, 1)).status).toBe(302);
    expect(announced(id)).toEqual(["SGDDT:coordinator ×1", "SNV:coordinator ×1", "STTTT:lead ×2"]);
    const told = everyone();
    expect(
      (await edit({ title: "Tên mới", coordinatorDepartmentIds: [String(dept.SGDDT), String(dept.SNV)] }, 2)).status,
    ).toBe(302);
    expect(everyone()).toBe(told);

    const outcome = await post(
      taskPageRoute.action,
      `/tasks/${id}`,
      form({ intent: "reassign", version: "3", departmentId: String(dept.SYT), reason: "Theo chức năng" }),
      { params: { id: String(id) } },
    );
    expect(outcome.status).toBe(302);
    expect(announced(id)).toEqual(["SGDDT:coordinator ×1", "SNV:coordinator ×1", "STTTT:lead ×2", "SYT:lead ×1"]);
  });
});

// ---------------------------------------------------------------- tasks

describe("creating a task", () => {
  it("stores exactly what was posted, with its coordinators, first lead period and audit", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    expect(taskRow(id)).toMatchObject({
      directiveId,
      parentId: null,
      itemNumber: "1",
      title: "Xây dựng kho dữ liệu dùng chung của Thành phố",
      description: "Hoàn thành trong năm 2026.",
      leadDepartmentId: dept.STTTT,
      deadlineKind: "dated",
      originalDueDate: "2026-12-31",
      currentDueDate: "2026-12-31",
      assignedOn: "2026-03-20",
      state: "open",
      version: 1,
      createdBy: secretaryId,
      coordinators: [dept.STC!, dept.SNV!].sort((a, b) => a - b),
    });
    const leads = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, id)).all();
    expect(leads).toMatchObject([{ departmentId: dept.STTTT, untilAt: null, assignedBy: secretaryId }]);
    expect(lastAudit("task", id)).toMatchObject({
      action: "task.create",
      actorId: secretaryId,
      ipAddress: "127.0.0.1",
    });
  });

  it("stores an ongoing task without a due date, as a sub-task of another", async () => {
    const directiveId = await createDirective();
    const parentId = await createTask(directiveId, { deadlineKind: "ongoing", dueDate: "" });
    const id = await createTask(directiveId, {
      itemNumber: "1.a",
      parentId: String(parentId),
      deadlineKind: "ongoing",
      dueDate: "",
      coordinatorDepartmentIds: undefined,
      description: "",
    });
    expect(taskRow(id)).toMatchObject({
      parentId,
      deadlineKind: "ongoing",
      originalDueDate: null,
      description: null,
      coordinators: [],
    });
  });

  it.each([
    ["an empty title", { title: "" }, "title", "Vui lòng nhập tên nhiệm vụ."],
    ["a too long title", { title: "x".repeat(501) }, "title", "Tên nhiệm vụ quá dài: tối đa 500 ký tự."],
    ["a too long item number", { itemNumber: "1".repeat(21) }, "itemNumber", "Số mục quá dài: tối đa 20 ký tự."],
    [
      "a due date of 31/02/2026",
      { dueDate: "31/02/2026" },
      "dueDate",
      "Hạn hoàn thành: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ],
    ["no lead department", { leadDepartmentId: "" }, "leadDepartmentId", "Vui lòng chọn đơn vị chủ trì."],
    [
      "a coordinator equal to the lead",
      { coordinatorDepartmentIds: ["STTTT", "STC"] },
      "coordinatorDepartmentIds",
      "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp. Hãy bỏ chọn đơn vị này.",
    ],
    [
      "an unknown coordinating department",
      { coordinatorDepartmentIds: ["99999"] },
      "coordinatorDepartmentIds",
      "Đơn vị đã chọn không tồn tại hoặc đã ngừng hoạt động.",
    ],
    [
      "an unknown lead department",
      { leadDepartmentId: "99999" },
      "leadDepartmentId",
      "Đơn vị đã chọn không tồn tại hoặc đã ngừng hoạt động.",
    ],
    ["a dated task without a date", { dueDate: "" }, "dueDate", "Nhiệm vụ có thời hạn cần có hạn hoàn thành."],
    [
      "a due date before the assignment",
      { dueDate: "01/01/2026" },
      "dueDate",
      "Hạn hoàn thành không thể trước ngày giao.",
    ],
    ["an unknown parent", { parentId: "99999" }, "parentId", "Nhiệm vụ cha đã chọn không tồn tại."],
    ["a crafted parent", { parentId: "abc" }, "parentId", "Thuộc nhiệm vụ: lựa chọn không hợp lệ."],
    [
      "a crafted coordinator",
      { coordinatorDepartmentIds: ["STC", "1; DROP TABLE tasks"] },
      "coordinatorDepartmentIds[1]",
      "Đơn vị phối hợp: lựa chọn không hợp lệ.",
    ],
  ])("refuses %s with a translated message, changing nothing", async (_label, overrides, field, message) => {
    const resolved = Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((code) => (code in dept ? String(dept[code]) : code)) : v,
      ]),
    );
    const outcome = await expectRefusal(400, () =>
      post(taskNewRoute.action, `/tasks/new?directive=${currentDirectiveId}`, form(taskFields(resolved))),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("refuses a sub-task due after its parent, on the due date", async () => {
    const directiveId = await createDirective();
    const parentId = await createTask(directiveId, { dueDate: "30/06/2026" });
    const outcome = await expectRefusal(400, () =>
      post(
        taskNewRoute.action,
        `/tasks/new?directive=${directiveId}`,
        form(taskFields({ itemNumber: "1.a", parentId: String(parentId), dueDate: "01/07/2026" })),
      ),
    );
    expect(errorsOf(outcome, "dueDate")).toEqual([
      "Nhiệm vụ con không thể có hạn hoàn thành sau hạn của nhiệm vụ cha.",
    ]);
  });

  it("needs the directive in the query string", async () => {
    const outcome = await expectRefusal(400, () => post(taskNewRoute.action, "/tasks/new", form(taskFields())));
    expect(outcome.body).toEqual({
      message: "Hãy chọn văn bản cần thêm nhiệm vụ (mở văn bản rồi bấm “Thêm nhiệm vụ”).",
    });
    const missing = await post(taskNewRoute.action, "/tasks/new?directive=999999", form(taskFields()));
    expect(missing.status).toBe(404);
  });
});

describe("editing a task", () => {
  it("saves the posted fields and coordinators on the version it was based on", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const outcome = await post(
      taskEditRoute.action,
      `/tasks/${id}/edit`,
      form({
        ...taskFields({ title: "Tên đã sửa", coordinatorDepartmentIds: [String(dept.SGDDT)], dueDate: "30/11/2026" }),
        version: "1",
      }),
      { params: { id: String(id) } },
    );
    expect(outcome).toMatchObject({ status: 302, location: `/tasks/${id}?saved=updated` });
    expect(taskRow(id)).toMatchObject({
      title: "Tên đã sửa",
      originalDueDate: "2026-11-30",
      currentDueDate: "2026-11-30",
      version: 2,
      coordinators: [dept.SGDDT],
    });
    expect(lastAudit("task", id)).toMatchObject({ action: "task.update", actorId: secretaryId });
  });

  it("refuses a stale save with 409, listing what the other person changed, and keeps the first save", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const first = await post(
      taskEditRoute.action,
      `/tasks/${id}/edit`,
      form({ ...taskFields({ title: "Tiêu đề của người thứ nhất" }), version: "1" }),
      { params: { id: String(id) } },
    );
    expect(first.status).toBe(302);
    const outcome = await expectRefusal(
      409,
      () =>
        post(
          taskEditRoute.action,
          `/tasks/${id}/edit`,
          form({ ...taskFields({ title: "Tiêu đề của người thứ hai" }), version: "1" }),
          { params: { id: String(id) } },
        ),
      () => taskRow(id),
    );
    expect(errorsOf(outcome, "")).toEqual(["Chưa lưu: nhiệm vụ đã được người khác cập nhật sau khi bạn mở biểu mẫu."]);
    const conflict = reply(outcome).conflict!;
    expect(conflict.version).toBe(2);
    expect(conflict.changes).toEqual([
      {
        field: "Tên nhiệm vụ",
        from: "Xây dựng kho dữ liệu dùng chung của Thành phố",
        to: "Tiêu đề của người thứ nhất",
        by: secretaryName,
        at: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
      },
    ]);
    // The user's input comes back, to be saved again on the current version.
    expect(reply(outcome).result).toMatchObject({ initialValue: { title: "Tiêu đề của người thứ hai" } });
    expect(taskRow(id).title).toBe("Tiêu đề của người thứ nhất");
  });

  it("names departments by name in a conflict", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    await post(
      taskEditRoute.action,
      `/tasks/${id}/edit`,
      form({ ...taskFields({ coordinatorDepartmentIds: [String(dept.SYT)] }), version: "1" }),
      { params: { id: String(id) } },
    );
    const outcome = await post(taskEditRoute.action, `/tasks/${id}/edit`, form({ ...taskFields(), version: "1" }), {
      params: { id: String(id) },
    });
    expect(outcome.status).toBe(409);
    expect(reply(outcome).conflict!.changes).toEqual([
      expect.objectContaining({
        field: "Đơn vị phối hợp",
        from: expect.stringContaining("Sở Tài chính"),
        to: "Sở Y tế",
      }),
    ]);
  });

  it.each([
    [
      "a coordinator equal to the lead",
      { coordinatorDepartmentIds: ["STTTT"] },
      "coordinatorDepartmentIds",
      "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp. Hãy bỏ chọn đơn vị này.",
    ],
    ["an empty title", { title: "" }, "title", "Vui lòng nhập tên nhiệm vụ."],
    [
      "a wrong date",
      { assignedOn: "29/02/2026" },
      "assignedOn",
      "Ngày giao: ngày “29/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ],
    [
      "an unknown department",
      { coordinatorDepartmentIds: ["424242"] },
      "coordinatorDepartmentIds",
      "Đơn vị đã chọn không tồn tại hoặc đã ngừng hoạt động.",
    ],
    ["no version", { version: "" }, "version", "Biểu mẫu thiếu thông tin phiên bản. Hãy tải lại trang rồi nhập lại."],
  ])("refuses %s and leaves the task as it was", async (_label, overrides, field, message) => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const resolved = Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((code) => (code in dept ? String(dept[code]) : code)) : v,
      ]),
    );
    const outcome = await expectRefusal(
      400,
      () =>
        post(taskEditRoute.action, `/tasks/${id}/edit`, form({ version: "1", ...taskFields(resolved) }), {
          params: { id: String(id) },
        }),
      () => taskRow(id),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("refuses a parent that is one of the task's own sub-tasks", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const child = await createTask(directiveId, { itemNumber: "1.a", parentId: String(id), dueDate: "30/06/2026" });
    const outcome = await expectRefusal(
      400,
      () =>
        post(
          taskEditRoute.action,
          `/tasks/${id}/edit`,
          form({ ...taskFields({ parentId: String(child) }), version: "1" }),
          {
            params: { id: String(id) },
          },
        ),
      () => taskRow(id),
    );
    expect(errorsOf(outcome, "parentId")).toEqual([
      "Không thể chọn chính nhiệm vụ này hoặc một nhiệm vụ con của nó làm nhiệm vụ cha.",
    ]);
  });
});

describe("holding, withdrawing, resuming and re-assigning a task", () => {
  const move = (id: number, body: Record<string, string>) =>
    post(taskPageRoute.action, `/tasks/${id}`, form(body), { params: { id: String(id) } });

  it("holds with a reason, resumes, withdraws, each audited", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    expect(await move(id, { intent: "hold", version: "1", reason: "Chờ bố trí kinh phí" })).toMatchObject({
      status: 302,
      location: `/tasks/${id}?saved=held`,
    });
    expect(taskRow(id)).toMatchObject({ state: "on_hold", stateReason: "Chờ bố trí kinh phí", version: 2 });
    expect(lastAudit("task", id)?.action).toBe("task.hold");
    expect(await move(id, { intent: "resume", version: "2" })).toMatchObject({
      location: `/tasks/${id}?saved=resumed`,
    });
    expect(taskRow(id)).toMatchObject({ state: "open", version: 3 });
    expect(await move(id, { intent: "cancel", version: "3", reason: "Không còn phù hợp" })).toMatchObject({
      location: `/tasks/${id}?saved=cancelled`,
    });
    expect(taskRow(id)).toMatchObject({ state: "cancelled", stateReason: "Không còn phù hợp" });
    expect(lastAudit("task", id)?.action).toBe("task.cancel");
  });

  it("re-assigns the lead with a reason, keeping the history", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const outcome = await move(id, {
      intent: "reassign",
      version: "1",
      departmentId: String(dept.SGDDT),
      reason: "Điều chỉnh theo chức năng, nhiệm vụ",
    });
    expect(outcome).toMatchObject({ status: 302, location: `/tasks/${id}?saved=reassigned` });
    expect(taskRow(id)).toMatchObject({ leadDepartmentId: dept.SGDDT, version: 2 });
    const periods = db.select().from(taskLeadAssignments).where(eq(taskLeadAssignments.taskId, id)).all();
    expect(periods.map((p) => [p.departmentId, p.untilAt === null, p.reason])).toEqual([
      [dept.STTTT, false, null],
      [dept.SGDDT, true, "Điều chỉnh theo chức năng, nhiệm vụ"],
    ]);
    expect(lastAudit("task", id)).toMatchObject({ action: "task.reassign", actorId: secretaryId });
  });

  it.each([
    ["holding without a reason", { intent: "hold", version: "1", reason: "" }, "reason", "Vui lòng nhập lý do."],
    ["withdrawing without a reason", { intent: "cancel", version: "1" }, "reason", "Vui lòng nhập lý do."],
    [
      "a too long reason",
      { intent: "hold", version: "1", reason: "x".repeat(501) },
      "reason",
      "Lý do quá dài: tối đa 500 ký tự.",
    ],
    [
      "re-assigning to the current lead",
      { intent: "reassign", version: "1", departmentId: "LEAD", reason: "x" },
      "departmentId",
      "Hãy chọn một đơn vị khác với đơn vị đang chủ trì.",
    ],
    [
      "re-assigning to an unknown department",
      { intent: "reassign", version: "1", departmentId: "99999", reason: "x" },
      "departmentId",
      "Đơn vị đã chọn không tồn tại hoặc đã ngừng hoạt động.",
    ],
    [
      "resuming a task that is not on hold",
      { intent: "resume", version: "1" },
      "",
      "Chỉ tiếp tục được nhiệm vụ đang tạm dừng.",
    ],
    ["an unknown intent", { intent: "delete", version: "1" }, "intent", "Thao tác không hợp lệ."],
  ])("refuses %s with 400, changing nothing", async (_label, body, field, message) => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    const fields: Record<string, string> = body;
    const resolved = { ...fields, ...(fields.departmentId === "LEAD" ? { departmentId: String(dept.STTTT) } : {}) };
    const outcome = await expectRefusal(
      400,
      () => move(id, resolved),
      () => taskRow(id),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("refuses a move based on a stale version with 409 and the list of changes", async () => {
    const directiveId = await createDirective();
    const id = await createTask(directiveId);
    await move(id, { intent: "hold", version: "1", reason: "Chờ kinh phí" });
    const outcome = await expectRefusal(
      409,
      () => move(id, { intent: "cancel", version: "1", reason: "Rút" }),
      () => taskRow(id),
    );
    expect(reply(outcome)).toMatchObject({ intent: "cancel" });
    expect(reply(outcome).conflict!.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "Bước xử lý", from: "Mới giao", to: "Tạm dừng" })]),
    );
  });
});

// ---------------------------------------------------------------- who may

describe("access", () => {
  it("a department head gets 403 from every desk page and action, and nothing changes", async () => {
    const token = await sessionFor("stttt.truong");
    const directiveId = currentDirectiveId;
    const taskId = db.select({ id: tasks.id }).from(tasks).where(eq(tasks.leadDepartmentId, dept.STTTT!)).get()!.id;
    const calls: [RouteHandler, string, Record<string, string>, URLSearchParams][] = [
      [directiveNewRoute.action, "/directives/new", {}, form(directiveFields())],
      [directiveEditRoute.action, `/directives/${directiveId}/edit`, { id: String(directiveId) }, form({})],
      [directivePageRoute.action, `/directives/${directiveId}`, { id: String(directiveId) }, form({ intent: "close" })],
      [taskNewRoute.action, `/tasks/new?directive=${directiveId}`, {}, form(taskFields())],
      [taskEditRoute.action, `/tasks/${taskId}/edit`, { id: String(taskId) }, form(taskFields())],
      [taskPageRoute.action, `/tasks/${taskId}`, { id: String(taskId) }, form({ intent: "hold", reason: "x" })],
    ];
    for (const [handler, path, params, body] of calls) {
      const before = rowCounts();
      const outcome = await post(handler, path, body, { params, token });
      expect(outcome.status, path).toBe(403);
      expect(outcome.body).toEqual({ message: "Tài khoản của bạn không có quyền thực hiện thao tác này." });
      // Only the refusal itself is recorded.
      expect(rowCounts()).toEqual({ ...before, audit: before.audit + 1 });
      const denied = db
        .select()
        .from(auditEvents)
        .orderBy(sql`${auditEvents.id} DESC`)
        .get()!;
      expect(denied).toMatchObject({ action: "access.denied", after: expect.objectContaining({ status: 403 }) });
    }
    for (const [handler, path, params] of [
      [directiveNewRoute.loader, "/directives/new", {}],
      [taskNewRoute.loader, `/tasks/new?directive=${directiveId}`, {}],
      [taskEditRoute.loader, `/tasks/${taskId}/edit`, { id: String(taskId) }],
      [directiveEditRoute.loader, `/directives/${directiveId}/edit`, { id: String(directiveId) }],
    ] as [RouteHandler, string, Record<string, string>][]) {
      expect((await callRoute(handler, { path, params, token })).status, path).toBe(403);
    }
  });

  it("a hidden confidential task is a 404 for a department not assigned, and its page offers it no desk", async () => {
    const confidential = db.all<{ id: number; lead: number; coordinators: string | null }>(sql`
      SELECT t.id, t.lead_department_id AS lead,
        (SELECT group_concat(c.department_id) FROM task_coordinators c WHERE c.task_id = t.id) AS coordinators
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE d.confidential = 1 AND d.number = '1563/UBND-NC'`);
    expect(confidential.length).toBeGreaterThan(0);
    const assigned = new Set(
      confidential.flatMap((t) => [t.lead, ...(t.coordinators ?? "").split(",").filter(Boolean).map(Number)]),
    );
    const outsider = ["sgddt.truong", "syt.truong", "snv.truong", "stttt.truong"].find((login) => {
      const user = db.select({ department: users.departmentId }).from(users).where(eq(users.login, login)).get()!;
      return !assigned.has(user.department!);
    })!;
    const token = await sessionFor(outsider);
    const taskId = confidential[0]!.id;
    const page = await callRoute(taskPageRoute.loader, {
      path: `/tasks/${taskId}`,
      params: { id: String(taskId) },
      token,
    });
    expect(page.status).toBe(404);
    expect(page.body).toBeNull();
    // The write action refuses the role first (403), whether the task exists or not: nothing leaks.
    const action = await post(taskPageRoute.action, `/tasks/${taskId}`, form({ intent: "resume", version: "1" }), {
      params: { id: String(taskId) },
      token,
    });
    const missing = await post(taskPageRoute.action, "/tasks/999999", form({ intent: "resume", version: "1" }), {
      params: { id: "999999" },
      token,
    });
    expect([action.status, missing.status]).toEqual([403, 403]);

    // An assigned department sees the task, without the secretariat's choices.
    const insider = await sessionFor("stttt.truong");
    const stttTask = confidential.find(
      (t) => t.lead === dept.STTTT || (t.coordinators ?? "").split(",").map(Number).includes(dept.STTTT!),
    );
    if (stttTask) {
      const visible = await callRoute(taskPageRoute.loader, {
        path: `/tasks/${stttTask.id}`,
        params: { id: String(stttTask.id) },
        token: insider,
      });
      expect(visible.status).toBe(200);
      expect((visible.body as { departments: unknown[] }).departments).toEqual([]);
    }
  });

  it("the secretariat's desk pages load for the secretariat", async () => {
    const directiveId = await createDirective();
    const taskId = await createTask(directiveId);
    for (const [handler, path, params] of [
      [directiveNewRoute.loader, "/directives/new", {}],
      [directiveEditRoute.loader, `/directives/${directiveId}/edit`, { id: String(directiveId) }],
      [taskNewRoute.loader, `/tasks/new?directive=${directiveId}`, {}],
      [taskEditRoute.loader, `/tasks/${taskId}/edit`, { id: String(taskId) }],
      [taskPageRoute.loader, `/tasks/${taskId}`, { id: String(taskId) }],
    ] as [RouteHandler, string, Record<string, string>][]) {
      const outcome = await callRoute(handler, { path, params, token: secretary });
      expect(outcome.status, path).toBe(200);
    }
    const edit = await callRoute(taskEditRoute.loader, {
      path: `/tasks/${taskId}/edit`,
      params: { id: String(taskId) },
      token: secretary,
    });
    // A task cannot be its own parent: the form does not offer it.
    expect((edit.body as { parents: { id: number }[] }).parents.map((p) => p.id)).not.toContain(taskId);
    const missing = await callRoute(taskNewRoute.loader, { path: "/tasks/new", token: secretary });
    expect(missing.status).toBe(400);
  });
});
