// Paste and split, issue #13 item 5, through the real route on a migrated demo database:
// a pasted conclusion with an item for a unit group ("UBND các quận, huyện, thị xã"), an
// item for two leads, a monthly report duty and a deadline in working days across Tết
// 2020 is proposed as such in the review (with the group's members, the duty's periods
// and the counted date), and saving it creates a fan-out per item, a recurring duty with
// its occurrences and the ordinary task with the counted date, each with its audit
// events. Bad input — caught by the form or refused by a model inside the transaction —
// answers 400 with a translated message and writes nothing. Posted url-encoded, as a
// browser without JavaScript does.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, departments, recurringDuties, taskFanOuts, tasks } from "../../db/schema";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import type { ReviewFormValues } from "../../app/lib/split-forms";
import { createDirective } from "../../app/models/directives.server";
import { groupMembersOn } from "../../app/models/unit-groups.server";
import * as splitRoute from "../../app/routes/directives.$id_.split/route";
import type { ReviewView } from "../../app/routes/directives.$id_.split/review-view";
import { callRoute, sessionFor, useFreshDemoDatabase, type RouteOutcome } from "../setup/remix-harness";

const origin = { ipAddress: "127.0.0.1", userAgent: "split-many-units-test", requestId: null };

const TEXT = `Ý kiến kết luận của Trưởng Ban Chỉ đạo như sau:
1. Thứ nhất, UBND các quận, huyện, thị xã chỉ đạo rà soát thủ tục hành chính trực tuyến, hoàn thành trước ngày 31/3/2020.
2. Sở Nội vụ, Sở Tài chính chủ trì xây dựng phương án bố trí biên chế cho bộ phận một cửa, hoàn thành trước ngày 30/4/2020.
3. Sở Thông tin và Truyền thông tổng hợp, báo cáo UBND Thành phố kết quả thực hiện trước ngày 05 hằng tháng.
4. Sở Y tế trình UBND Thành phố đề án trong 05 ngày làm việc kể từ ngày giao.
Ban Chỉ đạo thông báo để các cơ quan, đơn vị biết, thực hiện./.`;

let db: AppDatabase;
let secretary: string;
let secretaryId: number;
let id: Record<string, number>;
let districtGroup: number;
let serial = 0;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretary = await sessionFor("vanphong");
  secretaryId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!.id;
  const all = db.select({ id: departments.id, code: departments.code }).from(departments).all();
  id = Object.fromEntries(all.map((d) => [d.code, d.id]));
  districtGroup = db.get<{ id: number }>(sql`SELECT id FROM unit_groups WHERE builtin_kind = 'district'`)!.id;
});

/** A new directive issued on 17/01/2020 (or not issued, from a meeting). */
function newDirective(options: { issuedOn?: string | null; meetingId?: number | null } = {}): number {
  serial += 1;
  const committeeId = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
  const created = createDirective(
    db,
    { id: secretaryId },
    {
      committeeId,
      meetingId: options.meetingId ?? null,
      number: `${serial}/TB-NHOM`,
      type: "conclusion_notice",
      issuedOn: options.issuedOn === undefined ? "2020-01-17" : options.issuedOn,
      issuer: "UBND Thành phố Hà Nội",
      signer: null,
      abstract: `Kết luận giao nhiều đơn vị ${serial}`,
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
  error?: Record<string, string[] | null>;
}

function post(directiveId: number, form: URLSearchParams, cookie?: string) {
  return callRoute(splitRoute.action, {
    path: `/directives/${directiveId}/split`,
    method: "POST",
    params: { id: String(directiveId) },
    token: secretary,
    form,
    ...(cookie ? { headers: { Cookie: cookie } } : {}),
  });
}

async function split(directiveId: number) {
  const outcome = await post(directiveId, new URLSearchParams({ intent: "split", text: TEXT }));
  expect(outcome.status).toBe(200);
  const reply = outcome.body as Reply;
  if (reply.step !== "review") throw new Error("expected the review step");
  return reply;
}

/** The review form as a browser posts it: indexed names, one entry per checked box or chosen option. */
function saveForm(values: ReviewFormValues): URLSearchParams {
  const form = new URLSearchParams({ intent: "save", text: values.text, assignedOn: values.assignedOn });
  values.tasks.forEach((row, index) => {
    const name = (field: string) => `tasks[${index}].${field}`;
    if (row.include) form.append(name("include"), "on");
    for (const field of [
      "itemNumber",
      "title",
      "description",
      "leadDepartmentId",
      "deadlineKind",
      "dueDate",
      "parentItemNumber",
      "kind",
      "groupId",
      "frequency",
      "dutyDay",
      "dueWorkingDays",
    ] as const) {
      form.append(name(field), row[field]);
    }
    for (const coordinator of row.coordinatorDepartmentIds) form.append(name("coordinatorDepartmentIds"), coordinator);
    for (const lead of row.fanOutLeadIds) form.append(name("fanOutLeadIds"), lead);
    if (row.dutyWorkingDays) form.append(name("dutyWorkingDays"), "on");
  });
  return form;
}

function errorsOf(outcome: RouteOutcome): string[] {
  const reply = outcome.body as Reply;
  return Object.values(reply.result?.error ?? {}).flatMap((messages) => messages ?? []);
}

function counts() {
  return {
    tasks: db.select({ n: count() }).from(tasks).get()!.n,
    fanOuts: db.select({ n: count() }).from(taskFanOuts).get()!.n,
    duties: db.select({ n: count() }).from(recurringDuties).get()!.n,
    audit: db.select({ n: count() }).from(auditEvents).get()!.n,
  };
}

describe("paste and split: items for many units, duties, working days", () => {
  it("proposes each shape with what saving creates, assigned on the issue date by default", async () => {
    const { review, defaultValue } = await split(newDirective());
    expect(defaultValue.assignedOn).toBe("17/01/2020");
    expect(defaultValue.tasks.map((row) => [row.itemNumber, row.kind])).toEqual([
      ["1", "group"],
      ["2", "leads"],
      ["3", "duty"],
      ["4", "task"],
    ]);
    const [group, leads, duty, workingDays] = review.rows.map((row) => row.preview);
    const members = groupMembersOn(db, districtGroup, "2020-01-17")!;
    expect(members.length).toBeGreaterThan(1);
    expect(group!.group).toMatchObject({ day: "17/01/2020", count: members.length });
    expect(group!.group!.names).toContain("Quận Ba Đình");
    expect(leads!.leads).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
    expect(duty!.duty!.rule).toEqual({
      frequency: "monthly",
      day: 5,
      workingDays: false,
      startsOn: "2020-01-17",
      endsOn: null,
    });
    expect(duty!.duty!.periods[0]).toEqual({ label: "Tháng 02/2020", due: "05/02/2020" });
    // Five working days from Friday 17/01/2020: 20, 21, 22 January, then Tết (23–29), 30 and 31.
    expect(workingDays!.workingDays).toEqual({ count: 5, day: "17/01/2020", due: "31/01/2020" });
    expect(defaultValue.tasks[0]!.title).toBe(
      "UBND các quận, huyện, thị xã chỉ đạo rà soát thủ tục hành chính trực tuyến, hoàn thành trước ngày 31/3/2020",
    );
  });

  it("saves a group item, a two-lead item, a monthly duty and a working-day deadline, in one go", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    const before = counts();
    // Given on Monday 20/01/2020: five working days across Tết end on Monday 03/02/2020.
    const outcome = await post(directiveId, saveForm({ ...defaultValue, assignedOn: "20/01/2020" }));
    expect(outcome.status, JSON.stringify(errorsOf(outcome))).toBe(302);

    const fanOuts = db
      .select({ id: taskFanOuts.id, itemNumber: taskFanOuts.itemNumber, groupId: taskFanOuts.groupId })
      .from(taskFanOuts)
      .where(eq(taskFanOuts.directiveId, directiveId))
      .orderBy(taskFanOuts.itemNumber)
      .all();
    expect(fanOuts.map((f) => [f.itemNumber, f.groupId])).toEqual([
      ["1", districtGroup],
      ["2", null],
    ]);
    const unitsOf = (fanOutId: number) =>
      db
        .select({ lead: tasks.leadDepartmentId, due: tasks.currentDueDate, assignedOn: tasks.assignedOn })
        .from(tasks)
        .where(eq(tasks.fanOutId, fanOutId))
        .all();
    const districts = groupMembersOn(db, districtGroup, "2020-01-20")!.map((m) => m.id);
    expect(
      unitsOf(fanOuts[0]!.id)
        .map((u) => u.lead)
        .sort(),
    ).toEqual([...districts].sort());
    expect(unitsOf(fanOuts[0]!.id).every((u) => u.due === "2020-03-31" && u.assignedOn === "2020-01-20")).toBe(true);
    expect(
      unitsOf(fanOuts[1]!.id)
        .map((u) => u.lead)
        .sort(),
    ).toEqual([id.SNV!, id.STC!].sort());

    const duty = db.select().from(recurringDuties).where(eq(recurringDuties.directiveId, directiveId)).get()!;
    expect([duty.frequency, duty.day, duty.workingDays, duty.startsOn, duty.endsOn, duty.leadDepartmentId]).toEqual([
      "monthly",
      5,
      false,
      "2020-01-20",
      null,
      id.STTTT,
    ]);
    const first = db
      .select({ period: tasks.dutyPeriod, due: tasks.currentDueDate })
      .from(tasks)
      .where(eq(tasks.dutyId, duty.id))
      .orderBy(tasks.dutyPeriod)
      .get()!;
    expect(first).toEqual({ period: "2020-02", due: "2020-02-05" });

    const single = db
      .select({
        lead: tasks.leadDepartmentId,
        due: tasks.currentDueDate,
        fanOutId: tasks.fanOutId,
        dutyId: tasks.dutyId,
      })
      .from(tasks)
      .where(sql`${tasks.directiveId} = ${directiveId} AND ${tasks.itemNumber} = '4'`)
      .all();
    expect(single).toEqual([{ lead: id.SYT, due: "2020-02-03", fanOutId: null, dutyId: null }]);

    const actions = db
      .all<{ action: string; n: number }>(
        sql`SELECT action, count(*) AS n FROM audit_events WHERE id > (SELECT max(id) - ${counts().audit - before.audit} FROM audit_events) GROUP BY action`,
      )
      .reduce<Record<string, number>>((all, row) => ({ ...all, [row.action]: row.n }), {});
    expect(actions["fan_out.create"]).toBe(2);
    expect(actions["duty.create"]).toBe(1);
    expect(actions["task.create"]).toBe(counts().tasks - before.tasks);
  });

  it("refuses what the form lacks, in the reader's language, and writes nothing", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    const before = counts();
    const rows = defaultValue.tasks.map((row) => ({ ...row }));
    rows[0] = { ...rows[0]!, groupId: "" };
    rows[1] = { ...rows[1]!, fanOutLeadIds: [String(id.SNV)] };
    rows[2] = { ...rows[2]!, dutyDay: "32" };
    const vi = await post(directiveId, saveForm({ ...defaultValue, tasks: rows }));
    expect(vi.status).toBe(400);
    expect(errorsOf(vi)).toEqual(
      expect.arrayContaining([
        "Hãy chọn nhóm đơn vị.",
        "Hãy chọn ít nhất hai đơn vị chủ trì (một đơn vị thì lưu thành một nhiệm vụ).",
        expect.stringContaining("Hạn mỗi kỳ “32” không hợp lệ"),
      ]),
    );
    const en = await post(
      directiveId,
      saveForm({ ...defaultValue, tasks: rows }),
      (await localeCookie.serialize("en")).split(";")[0]!,
    );
    expect(errorsOf(en)).toContain("Choose a unit group.");
    expect(counts()).toEqual(before);
  });

  it("rolls everything back when a model refuses one item after others were written", async () => {
    const directiveId = newDirective();
    const { defaultValue } = await split(directiveId);
    const before = counts();
    // The ordinary task, the group item and the duty are valid; the two-lead item names
    // one of its leads as a coordinator, which createFanOut refuses inside the transaction.
    const rows = defaultValue.tasks.map((row) => ({ ...row }));
    rows[1] = { ...rows[1]!, coordinatorDepartmentIds: [String(id.STC)] };
    const outcome = await post(directiveId, saveForm({ ...defaultValue, tasks: rows }));
    expect(outcome.status).toBe(400);
    expect(errorsOf(outcome)).toEqual(["Đơn vị chủ trì không đồng thời là đơn vị phối hợp: Sở Tài chính."]);
    expect(counts()).toEqual(before);
  });

  it("gives a conclusion with no issue date on its meeting's day, not today", async () => {
    const meeting = db.get<{ id: number; heldOn: string }>(
      sql`SELECT id, held_on AS heldOn FROM meetings ORDER BY held_on LIMIT 1`,
    )!;
    const { defaultValue } = await split(newDirective({ issuedOn: null, meetingId: meeting.id }));
    const [year, month, day] = meeting.heldOn.split("-");
    expect(defaultValue.assignedOn).toBe(`${day}/${month}/${year}`);
  });
});
