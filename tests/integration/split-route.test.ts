// "Paste and split" through its real route (app/routes/directives.$id_.split): the seed
// conclusion pasted into a new directive gives its thirteen draft tasks with their
// departments and deadlines; saving the review creates them with their parents and an
// audit event each; a review with any error answers 400 with translated messages on
// the right row and field and creates nothing; department users get 403, missing
// directives 404. Forms are posted url-encoded, as a browser without JavaScript does.
import { readFileSync } from "node:fs";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, departments, directives, taskCoordinators, tasks } from "../../db/schema";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import type { ReviewFormValues } from "../../app/lib/split-forms";
import { createDirective } from "../../app/models/directives.server";
import * as splitRoute from "../../app/routes/directives.$id_.split/route";
import type { ReviewView } from "../../app/routes/directives.$id_.split/review-view";
import { callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

const SEED_TEXT = readFileSync(
  new URL("../../app/domain/__fixtures__/directive-texts/thong-bao-1198-2019-seed.txt", import.meta.url),
  "utf8",
);
const origin = { ipAddress: "127.0.0.1", userAgent: "split-route-test", requestId: null };

let db: AppDatabase;
let secretary: string;
let secretaryId: number;
let deptLead: string;
/** Department ids by code, and codes by id. */
let id: Record<string, number>;
let code: Map<number, string>;
let serial = 0;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretary = await sessionFor("vanphong");
  deptLead = await sessionFor("stttt.truong");
  secretaryId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!.id;
  const all = db.select({ id: departments.id, code: departments.code }).from(departments).all();
  id = Object.fromEntries(all.map((d) => [d.code, d.id]));
  code = new Map(all.map((d) => [d.id, d.code]));
});

/** A new, empty directive issued on 24/09/2019 (as the seed notice was). */
function newDirective(): number {
  serial += 1;
  const committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
  const created = createDirective(
    db,
    { id: secretaryId },
    {
      committeeId,
      meetingId: null,
      number: `${serial}/TB-TACH`,
      type: "conclusion_notice",
      issuedOn: "2019-09-24",
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: `Kết luận tách nhiệm vụ thử ${serial}`,
      fullText: null,
      confidential: false,
    },
    origin,
  );
  if (!created.ok) throw new Error(created.error);
  return created.id;
}

type Reply =
  | { step: "paste"; text: string; result: Result | null }
  | { step: "review"; review: ReviewView; defaultValue: ReviewFormValues; result: Result | null };
interface Result {
  status?: string;
  error?: Record<string, string[] | null>;
}

function post(directiveId: number, form: URLSearchParams, options: { token?: string; cookie?: string } = {}) {
  return callRoute(splitRoute.action, {
    path: `/directives/${directiveId}/split`,
    method: "POST",
    params: { id: String(directiveId) },
    token: options.token ?? secretary,
    form,
    ...(options.cookie ? { headers: { Cookie: options.cookie } } : {}),
  });
}

async function split(directiveId: number, text = SEED_TEXT): Promise<Extract<Reply, { step: "review" }>> {
  const outcome = await post(directiveId, new URLSearchParams({ intent: "split", text }));
  expect(outcome.status).toBe(200);
  const reply = outcome.body as Reply;
  if (reply.step !== "review") throw new Error("expected the review step");
  return reply;
}

/** The review form as a browser posts it: indexed names, one entry per checked box. */
function saveForm(values: ReviewFormValues): URLSearchParams {
  const form = new URLSearchParams({ intent: "save", text: values.text, assignedOn: values.assignedOn });
  values.tasks.forEach((row, index) => {
    const name = (field: string) => `tasks[${index}].${field}`;
    if (row.include) form.append(name("include"), "on");
    form.append(name("itemNumber"), row.itemNumber);
    form.append(name("title"), row.title);
    form.append(name("description"), row.description);
    form.append(name("leadDepartmentId"), row.leadDepartmentId);
    for (const coordinator of row.coordinatorDepartmentIds) form.append(name("coordinatorDepartmentIds"), coordinator);
    form.append(name("deadlineKind"), row.deadlineKind);
    form.append(name("dueDate"), row.dueDate);
    form.append(name("parentItemNumber"), row.parentItemNumber);
  });
  return form;
}

function errorsOf(outcome: RouteOutcome): Record<string, string[]> {
  const reply = outcome.body as Reply;
  return Object.fromEntries(
    Object.entries(reply.result?.error ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null),
  );
}

function counts(directiveId: number) {
  return {
    tasks: db.select({ n: count() }).from(tasks).where(eq(tasks.directiveId, directiveId)).get()!.n,
    audit: db.select({ n: count() }).from(auditEvents).get()!.n,
  };
}

const LEADS = ["VPUB", "STTTT", "STTTT", "SGDDT", "SYT", "STTTT", "STC", "SNV", "STTTT", "SNV", "SNV", "STTTT", "SNV"];
const ITEMS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "10.a", "10.b", "10.c"];

describe("paste and split: step 1", () => {
  it("offers the directive's stored text, or an empty box for a new directive", async () => {
    const seedDirective = db
      .select({ id: directives.id })
      .from(directives)
      .where(eq(directives.number, "1198/TB-UBND"))
      .get()!;
    const withText = await callRoute(splitRoute.loader, {
      path: `/directives/${seedDirective.id}/split`,
      params: { id: String(seedDirective.id) },
      token: secretary,
    });
    expect(withText.status).toBe(200);
    expect((withText.body as { fullText: string }).fullText).toContain("Ban Chỉ đạo");

    const fresh = newDirective();
    const empty = await callRoute(splitRoute.loader, {
      path: `/directives/${fresh}/split`,
      params: { id: String(fresh) },
      token: secretary,
    });
    expect((empty.body as { fullText: string }).fullText).toBe("");
  });

  it("asks for a text when none was pasted", async () => {
    const outcome = await post(newDirective(), new URLSearchParams({ intent: "split", text: "  " }));
    expect(outcome.status).toBe(400);
    expect((outcome.body as Reply).step).toBe("paste");
    expect(errorsOf(outcome).text).toEqual(["Vui lòng dán nội dung văn bản."]);
  });
});

describe("paste and split: step 2", () => {
  it("splits the seed conclusion into 13 draft rows: ten items and 10.a–10.c, departments and deadlines found", async () => {
    const { review, defaultValue } = await split(newDirective());
    expect(review.rows.map((row) => row.itemNumber)).toEqual(ITEMS);
    expect(review.rows.filter((row) => row.depth === 0)).toHaveLength(10);
    expect(review.rows.slice(10).map((row) => [row.parentItemNumber, row.depth])).toEqual([
      ["10", 1],
      ["10", 1],
      ["10", 1],
    ]);
    expect(review.preamble).toMatch(/^Ngày 18\/9\/2019/);
    expect(review.closing).toMatch(/biết, thực hiện\.\/\.$/);

    const rows = defaultValue.tasks;
    expect(rows.map((row) => code.get(Number(row.leadDepartmentId)))).toEqual(LEADS);
    expect(rows.every((row) => row.include === "on")).toBe(true);
    expect(rows[0]!.coordinatorDepartmentIds.map((c) => code.get(Number(c)))).toEqual(["STTTT", "SNV"]);
    expect(rows.map((row) => (row.deadlineKind === "dated" ? row.dueDate : row.deadlineKind))).toEqual([
      "15/10/2019",
      "30/11/2019",
      "31/12/2019",
      "31/12/2019",
      "31/12/2019",
      "ongoing",
      "30/11/2019",
      "30/06/2020",
      "ongoing",
      "30/06/2020",
      "31/12/2019",
      "31/03/2020",
      "30/06/2020",
    ]);
    expect(rows.slice(10).map((row) => row.parentItemNumber)).toEqual(["10", "10", "10"]);
    expect(defaultValue.assignedOn).toBe("24/09/2019");

    // What the splitter recognised is marked in the text, and its doubts are listed.
    expect(review.rows[0]!.segments.filter((s) => s.marked).map((s) => s.text)).toContain("Văn phòng UBND Thành phố");
    expect(review.rows[2]!.warnings.map((w) => w.code)).toContain("group_reference");
    expect(review.rows[2]!.warnings[0]!.text).not.toBe("");
  });

  it("saves the reviewed rows as tasks with their parents, one audit event each, and goes to the directive", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    // The reviewer corrects one row: item 7 is led by Planning and Investment instead.
    defaultValue.tasks[6]!.leadDepartmentId = String(id.SKHDT);
    defaultValue.tasks[6]!.coordinatorDepartmentIds = [String(id.STTTT)];
    const auditBefore = counts(directiveId).audit;

    const outcome = await post(directiveId, saveForm(defaultValue));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/directives/${directiveId}?imported=13`);

    const saved = db
      .select({
        id: tasks.id,
        itemNumber: tasks.itemNumber,
        parentId: tasks.parentId,
        lead: tasks.leadDepartmentId,
        deadlineKind: tasks.deadlineKind,
        due: tasks.currentDueDate,
        original: tasks.originalDueDate,
        assignedOn: tasks.assignedOn,
        title: tasks.title,
      })
      .from(tasks)
      .where(eq(tasks.directiveId, directiveId))
      .orderBy(asc(tasks.position))
      .all();
    expect(saved.map((t) => t.itemNumber)).toEqual(ITEMS);
    expect(saved.map((t) => code.get(t.lead))).toEqual(LEADS.map((lead, i) => (i === 6 ? "SKHDT" : lead)));
    const parent = saved.find((t) => t.itemNumber === "10")!;
    expect(saved.filter((t) => t.parentId === parent.id).map((t) => t.itemNumber)).toEqual(["10.a", "10.b", "10.c"]);
    expect(saved.filter((t) => t.parentId === null)).toHaveLength(10);
    expect(saved[0]).toMatchObject({ deadlineKind: "dated", due: "2019-10-15", original: "2019-10-15" });
    expect(saved[5]).toMatchObject({ deadlineKind: "ongoing", due: null });
    expect(saved.every((t) => t.assignedOn === "2019-09-24")).toBe(true);
    expect(saved[0]!.title).toMatch(/^Hoàn thiện dự thảo Quyết định/);
    const coordinatorsOf7 = db
      .select({ department: taskCoordinators.departmentId })
      .from(taskCoordinators)
      .where(eq(taskCoordinators.taskId, saved[6]!.id))
      .all();
    expect(coordinatorsOf7.map((c) => code.get(c.department))).toEqual(["STTTT"]);

    const created = db
      .select({ entityId: auditEvents.entityId, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "task.create"))
      .all()
      .filter((event) => saved.some((t) => String(t.id) === String(event.entityId)));
    expect(created).toHaveLength(13);
    expect(created.every((event) => event.actorId === secretaryId)).toBe(true);
    expect(counts(directiveId).audit).toBe(auditBefore + 14); // 13 tasks + the import itself

    // Saving the same review again: every item number now exists in the directive.
    const again = await post(directiveId, saveForm(defaultValue));
    expect(again.status).toBe(400);
    expect(errorsOf(again)["tasks[0].itemNumber"]).toEqual([
      "Số mục “1” trùng với một mục khác hoặc với nhiệm vụ đã có trong văn bản.",
    ]);
    expect(counts(directiveId).tasks).toBe(13);
  });

  it("saves only the rows left checked", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    for (const row of defaultValue.tasks.slice(10)) delete row.include;
    const outcome = await post(directiveId, saveForm(defaultValue));
    expect(outcome.location).toBe(`/directives/${directiveId}?imported=10`);
  });

  type Edit = (values: ReviewFormValues) => void;
  const cases: [string, Edit, Record<string, string[]>][] = [
    [
      "a coordinator that is also the lead",
      (v) => v.tasks[1]!.coordinatorDepartmentIds.push(v.tasks[1]!.leadDepartmentId),
      {
        "tasks[1].coordinatorDepartmentIds": [
          "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp. Hãy bỏ chọn đơn vị này.",
        ],
      },
    ],
    [
      "an unknown department id",
      (v) => (v.tasks[4]!.leadDepartmentId = "99999"),
      { "tasks[4].leadDepartmentId": ["Đơn vị đã chọn không tồn tại hoặc đã ngừng hoạt động."] },
    ],
    [
      "an impossible date",
      (v) => (v.tasks[0]!.dueDate = "31/02/2020"),
      {
        "tasks[0].dueDate": [
          "Hạn hoàn thành: ngày “31/02/2020” không hợp lệ. Hãy nhập một ngày từ 01/01/1990 đến 31/12/2100 theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
        ],
      },
    ],
    ["an empty title", (v) => (v.tasks[2]!.title = "  "), { "tasks[2].title": ["Vui lòng nhập tên nhiệm vụ."] }],
    [
      "a duplicate item number",
      (v) => (v.tasks[11]!.itemNumber = "10.a"),
      { "tasks[11].itemNumber": ["Số mục “10.a” trùng với một mục khác hoặc với nhiệm vụ đã có trong văn bản."] },
    ],
    [
      "a parent that is not saved",
      (v) => delete v.tasks[9]!.include,
      Object.fromEntries(
        [10, 11, 12].map((row) => [
          `tasks[${row}].parentItemNumber`,
          ["Không có mục “10” ở các dòng được chọn phía trên hoặc trong các nhiệm vụ đã có của văn bản."],
        ]),
      ),
    ],
    [
      "a sub-task due after its parent",
      (v) => (v.tasks[10]!.dueDate = "31/12/2020"),
      { "tasks[10].dueDate": ["Nhiệm vụ con không thể có hạn hoàn thành sau hạn của nhiệm vụ cha."] },
    ],
    [
      "a dated deadline without a date",
      (v) => (v.tasks[3]!.dueDate = ""),
      { "tasks[3].dueDate": ["Nhiệm vụ có thời hạn cần có hạn hoàn thành."] },
    ],
    [
      "no row checked",
      (v) => v.tasks.forEach((row) => delete row.include),
      { "": ["Hãy chọn ít nhất một nhiệm vụ để lưu."] },
    ],
  ];

  it.each(cases)("refuses %s: 400, the message on its row and field, nothing created", async (_, edit, expected) => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    edit(defaultValue);
    const before = counts(directiveId);

    const outcome = await post(directiveId, saveForm(defaultValue));
    expect(outcome.status).toBe(400);
    const reply = outcome.body as Reply;
    expect(reply.step).toBe("review");
    expect(errorsOf(outcome)).toEqual(expected);
    expect(counts(directiveId)).toEqual(before);
    // The user's input comes back as it was posted, and the review is shown again in full.
    if (reply.step !== "review") return;
    expect(reply.review.rows).toHaveLength(13);
    expect(reply.result?.status).toBe("error");
  });

  it("reports every problem at once, in English for an English reader", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    defaultValue.tasks[2]!.title = "";
    defaultValue.tasks[4]!.leadDepartmentId = "99999";
    defaultValue.tasks[12]!.itemNumber = "1";
    const cookie = (await localeCookie.serialize("en")).split(";")[0]!;
    const outcome = await post(directiveId, saveForm(defaultValue), { cookie });
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual({
      "tasks[2].title": ["Please enter the title."],
      "tasks[4].leadDepartmentId": ["The chosen department does not exist or is no longer active."],
      "tasks[12].itemNumber": ["Item number “1” is used by another item or by an existing task of the directive."],
    });
    expect(counts(directiveId).tasks).toBe(0);
  });

  it("goes back to the pasted text, kept as it was", async () => {
    const outcome = await post(newDirective(), new URLSearchParams({ intent: "edit", text: SEED_TEXT }));
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ step: "paste", text: SEED_TEXT });
  });
});

describe("paste and split: who may", () => {
  it("refuses a department head with 403, on the page and the action, and changes nothing", async () => {
    const directiveId = newDirective();
    const page = await callRoute(splitRoute.loader, {
      path: `/directives/${directiveId}/split`,
      params: { id: String(directiveId) },
      token: deptLead,
    });
    expect(page.status).toBe(403);
    const { defaultValue } = await split(directiveId);
    const action = await post(directiveId, saveForm(defaultValue), { token: deptLead });
    expect(action.status).toBe(403);
    expect(counts(directiveId).tasks).toBe(0);
    const denied = db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.entityId, `/directives/${directiveId}/split`)))
      .all();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 for a directive that does not exist, and 403 to a department whatever the directive", async () => {
    const confidential = db
      .select({ id: directives.id })
      .from(directives)
      .where(eq(directives.confidential, true))
      .get()!;
    for (const directiveId of [999_999, confidential.id]) {
      const asDept = await post(directiveId, new URLSearchParams({ intent: "split", text: SEED_TEXT }), {
        token: deptLead,
      });
      // The role is refused first: a department learns nothing about hidden directives here.
      expect(asDept.status).toBe(403);
    }
    const missing = await callRoute(splitRoute.loader, {
      path: "/directives/999999/split",
      params: { id: "999999" },
      token: secretary,
    });
    expect(missing.status).toBe(404);
    const missingAction = await post(999_999, new URLSearchParams({ intent: "split", text: SEED_TEXT }));
    expect(missingAction.status).toBe(404);
  });
});
