// Steering committees and their meetings, through their real route loaders and
// actions: a signed-in cookie, a url-encoded body, the Express load context.
// Success paths write exactly what was posted and an audit event; bad input
// answers 400 with a translated message on the right field and changes nothing;
// department users read committees and meetings (their directives filtered by
// what they may see) and get 403 from every write; unknown ids are 404.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, committees, directives, meetings, users } from "../../db/schema";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import * as committeeEditRoute from "../../app/routes/committees.$id_.edit/route";
import * as committeePageRoute from "../../app/routes/committees.$id/route";
import * as committeeListRoute from "../../app/routes/committees._index/route";
import * as committeeNewRoute from "../../app/routes/committees.new/route";
import * as directiveNewRoute from "../../app/routes/directives.new/route";
import * as meetingEditRoute from "../../app/routes/meetings.$id_.edit/route";
import * as meetingPageRoute from "../../app/routes/meetings.$id/route";
import * as meetingNewRoute from "../../app/routes/meetings.new/route";
import {
  callRoute,
  sessionFor,
  useFreshDemoDatabase,
  type RouteHandler,
  type RouteOutcome,
} from "../setup/remix-harness";

let db: AppDatabase;
let secretary: string;
let secretaryId: number;
let deptLead: string;
/** The demo's committees (codes BCD-CQDT and BCD-CDS) and a meeting of the second. */
let seeded: { egov: number; digital: number; digitalMeeting: number };

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretary = await sessionFor("vanphong");
  deptLead = await sessionFor("stttt.truong");
  secretaryId = db.select({ id: users.id }).from(users).where(eq(users.login, "vanphong")).get()!.id;
  const committeeId = (code: string) =>
    db.select({ id: committees.id }).from(committees).where(eq(committees.code, code)).get()!.id;
  const digital = committeeId("BCD-CDS");
  seeded = {
    egov: committeeId("BCD-CQDT"),
    digital,
    digitalMeeting: db.select({ id: meetings.id }).from(meetings).where(eq(meetings.committeeId, digital)).get()!.id,
  };
});

// ---------------------------------------------------------------- helpers

function form(fields: Record<string, string | undefined>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.append(name, value);
  return body;
}

function post(
  handler: RouteHandler,
  path: string,
  fields: Record<string, string | undefined>,
  options: { params?: Record<string, string>; token?: string; headers?: Record<string, string> } = {},
): Promise<RouteOutcome> {
  return callRoute(handler, {
    path,
    method: "POST",
    params: options.params ?? {},
    token: options.token ?? secretary,
    form: form(fields),
    headers: options.headers,
  });
}

function get(handler: RouteHandler, path: string, params: Record<string, string> = {}, token = secretary) {
  return callRoute(handler, { path, params, token });
}

/** The messages of one field ("" for the form itself). */
function errorsOf(outcome: RouteOutcome, field: string): string[] {
  const body = outcome.body as { result: { error?: Record<string, string[] | null> } };
  return body.result.error?.[field] ?? [];
}

function rowCounts() {
  const n = (table: typeof committees | typeof meetings | typeof directives | typeof auditEvents) =>
    db.select({ n: count() }).from(table).get()!.n;
  return { committees: n(committees), meetings: n(meetings), directives: n(directives), audit: n(auditEvents) };
}

const committeeRow = (id: number) => db.select().from(committees).where(eq(committees.id, id)).get();
const meetingRow = (id: number) => db.select().from(meetings).where(eq(meetings.id, id)).get();

function lastAudit(entityType: string, entityId: number) {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityType} = ${entityType} AND ${auditEvents.entityId} = ${String(entityId)}`)
    .orderBy(sql`${auditEvents.id} DESC`)
    .get();
}

/** Asserts the handler refused with 400 and wrote nothing. */
async function expectRefusal(send: () => Promise<RouteOutcome>, snapshot: () => unknown = () => null) {
  const before = { counts: rowCounts(), row: snapshot() };
  const outcome = await send();
  expect(outcome.status).toBe(400);
  expect({ counts: rowCounts(), row: snapshot() }).toEqual(before);
  return outcome;
}

let codeSeq = 0;
const committeeFields = (overrides: Record<string, string | undefined> = {}) => ({
  code: `BCD-T${++codeSeq}`,
  name: "Ban Chỉ đạo thực hiện Đề án 06 thành phố Hà Nội",
  description: "Trưởng ban: Chủ tịch UBND Thành phố.\nCơ quan thường trực: Công an Thành phố.",
  ...overrides,
});

async function createCommittee(overrides: Record<string, string | undefined> = {}): Promise<number> {
  const outcome = await post(committeeNewRoute.action, "/committees/new", committeeFields(overrides));
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
  return Number(/^\/committees\/(\d+)\?saved=created$/.exec(outcome.location ?? "")![1]);
}

const meetingFields = (committeeId: number, overrides: Record<string, string | undefined> = {}) => ({
  committeeId: String(committeeId),
  heldOn: "20/03/2026",
  title: "Phiên họp quý I năm 2026",
  chair: "Chủ tịch UBND Thành phố, Trưởng Ban Chỉ đạo",
  place: "Trụ sở UBND Thành phố, 79 Đinh Tiên Hoàng",
  attendees: "Các thành viên Ban Chỉ đạo;\nlãnh đạo Công an Thành phố, Sở Tư pháp, Sở Y tế.",
  notes: "Nghe báo cáo kết quả triển khai quý I.",
  ...overrides,
});

async function createMeeting(committeeId: number, overrides: Record<string, string | undefined> = {}) {
  const outcome = await post(meetingNewRoute.action, "/meetings/new", meetingFields(committeeId, overrides));
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
  return Number(/^\/meetings\/(\d+)\?saved=created$/.exec(outcome.location ?? "")![1]);
}

/** The version the edit page shows (1 for an id that names no record): a form posts it back. */
const shownVersion = (row: { version: number } | undefined) => String(row?.version ?? 1);

const editCommittee = (id: number | string, fields: Record<string, string | undefined>, token = secretary) =>
  post(
    committeeEditRoute.action,
    `/committees/${id}/edit`,
    { version: shownVersion(committeeRow(Number(id))), ...fields },
    { params: { id: String(id) }, token },
  );

const editMeeting = (id: number | string, fields: Record<string, string | undefined>, token = secretary) =>
  post(
    meetingEditRoute.action,
    `/meetings/${id}/edit`,
    { version: shownVersion(meetingRow(Number(id))), ...fields },
    { params: { id: String(id) }, token },
  );

// ---------------------------------------------------------------- committees

describe("creating a committee", () => {
  it("stores what was posted, active, with an audit event", async () => {
    const fields = committeeFields({ code: "  BCD-DA06  " });
    const id = await createCommittee(fields);
    expect(committeeRow(id)).toMatchObject({
      code: "BCD-DA06",
      name: fields.name,
      description: fields.description,
      active: true,
    });
    expect(lastAudit("committee", id)).toMatchObject({
      action: "committee.create",
      actorId: secretaryId,
      ipAddress: "127.0.0.1",
      requestId: "test",
      before: null,
      after: { code: "BCD-DA06", name: fields.name, description: fields.description, active: true },
    });
  });

  it("stores an empty description as nothing", async () => {
    const id = await createCommittee({ description: "   " });
    expect(committeeRow(id)?.description).toBeNull();
  });

  it.each([
    ["an empty code", { code: "" }, "code", "Vui lòng nhập mã ban chỉ đạo."],
    ["a code of spaces", { code: "   " }, "code", "Vui lòng nhập mã ban chỉ đạo."],
    ["a too long code", { code: "B".repeat(31) }, "code", "Mã Ban Chỉ đạo quá dài: tối đa 30 ký tự."],
    [
      "a code with spaces",
      { code: "BCD CDS" },
      "code",
      "Mã chỉ gồm chữ không dấu, chữ số, dấu chấm, dấu gạch ngang hoặc gạch dưới, viết liền, ví dụ BCD-CDS.",
    ],
    [
      "a code with accents",
      { code: "BCĐ-CDS" },
      "code",
      "Mã chỉ gồm chữ không dấu, chữ số, dấu chấm, dấu gạch ngang hoặc gạch dưới, viết liền, ví dụ BCD-CDS.",
    ],
    [
      "a code already used (in another case)",
      { code: "bcd-cds" },
      "code",
      "Mã này đã được dùng cho một Ban Chỉ đạo khác.",
    ],
    ["an empty name", { name: "" }, "name", "Vui lòng nhập tên ban chỉ đạo."],
    ["a too long name", { name: "x".repeat(301) }, "name", "Tên Ban Chỉ đạo quá dài: tối đa 300 ký tự."],
    ["a too long description", { description: "x".repeat(2001) }, "description", "Mô tả quá dài: tối đa 2.000 ký tự."],
  ])("refuses %s with a translated message, changing nothing", async (_label, overrides, field, message) => {
    const outcome = await expectRefusal(() =>
      post(committeeNewRoute.action, "/committees/new", committeeFields(overrides)),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("answers in English for an English reader", async () => {
    const english = { Cookie: (await localeCookie.serialize("en")).split(";")[0]! };
    const outcome = await expectRefusal(() =>
      post(committeeNewRoute.action, "/committees/new", committeeFields({ code: "BCD-CDS" }), { headers: english }),
    );
    expect(errorsOf(outcome, "code")).toEqual(["Another steering committee already has this code."]);
  });
});

describe("editing a committee", () => {
  it("saves the posted fields, deactivates and reactivates, each audited with before and after", async () => {
    const id = await createCommittee({ code: "BCD-SUA" });
    const renamed = committeeFields({ code: "bcd-sua", name: "Ban Chỉ đạo đã đổi tên", description: "" });
    const outcome = await editCommittee(id, renamed);
    expect(outcome).toMatchObject({ status: 302, location: `/committees/${id}?saved=updated` });
    expect(committeeRow(id)).toMatchObject({
      code: "bcd-sua",
      name: "Ban Chỉ đạo đã đổi tên",
      description: null,
      active: false,
    });
    expect(lastAudit("committee", id)).toMatchObject({
      action: "committee.update",
      actorId: secretaryId,
      before: { code: "BCD-SUA", active: true },
      after: { code: "bcd-sua", name: "Ban Chỉ đạo đã đổi tên", description: null, active: false },
    });

    expect(await editCommittee(id, { ...renamed, active: "on" })).toMatchObject({ status: 302 });
    expect(committeeRow(id)?.active).toBe(true);
    expect(lastAudit("committee", id)).toMatchObject({ before: { active: false }, after: { active: true } });
  });

  it.each([
    ["another committee's code", { code: "BCD-CQDT" }, "code", "Mã này đã được dùng cho một Ban Chỉ đạo khác."],
    ["an empty name", { name: " " }, "name", "Vui lòng nhập tên ban chỉ đạo."],
    ["a too long code", { code: "B".repeat(31) }, "code", "Mã Ban Chỉ đạo quá dài: tối đa 30 ký tự."],
  ])("refuses %s and leaves the committee as it was", async (_label, overrides, field, message) => {
    const id = await createCommittee();
    const outcome = await expectRefusal(
      () => editCommittee(id, { ...committeeFields(overrides), active: "on" }),
      () => committeeRow(id),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("refuses a save based on an older version with 409 and what the other save changed; the other save survives", async () => {
    const id = await createCommittee({ code: "BCD-HAI" });
    const opened = shownVersion(committeeRow(id));
    const first = committeeFields({ code: "BCD-HAI", name: "Tên do người thứ nhất sửa", active: "on" });
    expect(await editCommittee(id, { ...first, version: opened })).toMatchObject({ status: 302 });
    const saved = committeeRow(id);
    const second = await editCommittee(id, {
      ...committeeFields({ code: "BCD-HAI", name: "Tên do người thứ hai sửa", active: "on" }),
      version: opened,
    });
    expect(second.status).toBe(409);
    expect(errorsOf(second, "")).toEqual([
      "Chưa lưu: Ban Chỉ đạo đã được người khác cập nhật sau khi bạn mở biểu mẫu.",
    ]);
    expect((second.body as { conflict: unknown }).conflict).toEqual({
      version: saved!.version,
      changes: [
        {
          field: "Tên Ban Chỉ đạo",
          from: "Ban Chỉ đạo thực hiện Đề án 06 thành phố Hà Nội",
          to: "Tên do người thứ nhất sửa",
          by: expect.any(String),
          at: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
        },
      ],
    });
    expect(committeeRow(id)).toEqual(saved);
    // Saved again on the version the conflict gave, it goes through.
    const again = await editCommittee(id, {
      ...committeeFields({ code: "BCD-HAI", name: "Tên do người thứ hai sửa", active: "on" }),
      version: String(saved!.version),
    });
    expect(again.status).toBe(302);
    expect(committeeRow(id)?.name).toBe("Tên do người thứ hai sửa");
  });

  it("answers 404 for a committee that does not exist, or a malformed id", async () => {
    for (const id of ["999999", "abc", "1.5"]) {
      const before = rowCounts();
      expect((await editCommittee(id, committeeFields())).status, id).toBe(404);
      expect(rowCounts()).toEqual(before);
      expect((await get(committeeEditRoute.loader, `/committees/${id}/edit`, { id })).status, id).toBe(404);
    }
  });
});

// ---------------------------------------------------------------- meetings

describe("creating a meeting", () => {
  it("stores what was posted, the day as yyyy-mm-dd, attendees as free text, with an audit event", async () => {
    const committeeId = await createCommittee();
    const fields = meetingFields(committeeId);
    const id = await createMeeting(committeeId);
    expect(meetingRow(id)).toMatchObject({
      committeeId,
      heldOn: "2026-03-20",
      title: fields.title,
      chair: fields.chair,
      place: fields.place,
      attendees: fields.attendees,
      notes: fields.notes,
    });
    expect(lastAudit("meeting", id)).toMatchObject({
      action: "meeting.create",
      actorId: secretaryId,
      before: null,
      after: { committeeId, heldOn: "2026-03-20", title: fields.title, attendees: fields.attendees },
    });
  });

  it("stores empty optional fields as nothing", async () => {
    const id = await createMeeting(seeded.egov, { chair: "", place: " ", attendees: "", notes: undefined });
    expect(meetingRow(id)).toMatchObject({ chair: null, place: null, attendees: null, notes: null });
  });

  it.each([
    ["an empty title", { title: "" }, "title", "Vui lòng nhập tên cuộc họp."],
    ["a too long title", { title: "x".repeat(501) }, "title", "Tên cuộc họp quá dài: tối đa 500 ký tự."],
    ["no date", { heldOn: "" }, "heldOn", "Vui lòng nhập ngày họp."],
    [
      "31/02/2026",
      { heldOn: "31/02/2026" },
      "heldOn",
      "Ngày họp: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ],
    [
      "a date in another form",
      { heldOn: "March 20, 2026" },
      "heldOn",
      "Ngày họp: ngày “March 20, 2026” không hợp lệ. Hãy nhập một ngày từ 01/01/1990 đến 31/12/2100 theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
    ],
    [
      "too long attendees",
      { attendees: "x".repeat(5001) },
      "attendees",
      "Thành phần tham dự quá dài: tối đa 5.000 ký tự.",
    ],
    ["a too long chair", { chair: "x".repeat(201) }, "chair", "Chủ trì quá dài: tối đa 200 ký tự."],
    ["no committee", { committeeId: "" }, "committeeId", "Vui lòng chọn ban chỉ đạo."],
    ["a crafted committee", { committeeId: "1 OR 1=1" }, "committeeId", "Vui lòng chọn ban chỉ đạo."],
    ["an unknown committee", { committeeId: "999999" }, "committeeId", "Ban Chỉ đạo đã chọn không tồn tại."],
  ])("refuses %s with a translated message, changing nothing", async (_label, overrides, field, message) => {
    const outcome = await expectRefusal(() =>
      post(meetingNewRoute.action, "/meetings/new", meetingFields(seeded.egov, overrides)),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("offers the committee named in the query string, and answers 404 for one that does not exist", async () => {
    const committeeId = await createCommittee();
    const chosen = await get(meetingNewRoute.loader, `/meetings/new?committee=${committeeId}`);
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ committee: { id: committeeId } });
    const open = await get(meetingNewRoute.loader, "/meetings/new");
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ committee: null });
    expect((open.body as { committees: { id: number }[] }).committees.map((c) => c.id)).toEqual(
      expect.arrayContaining([seeded.egov, seeded.digital, committeeId]),
    );
    for (const query of ["999999", "abc", ""]) {
      expect((await get(meetingNewRoute.loader, `/meetings/new?committee=${query}`)).status, query).toBe(404);
    }
  });

  it("offers a deactivated committee only when it is asked for", async () => {
    const committeeId = await createCommittee();
    await editCommittee(committeeId, committeeFields({ code: committeeRow(committeeId)!.code }));
    expect(committeeRow(committeeId)?.active).toBe(false);
    const open = await get(meetingNewRoute.loader, "/meetings/new");
    expect((open.body as { committees: { id: number }[] }).committees.map((c) => c.id)).not.toContain(committeeId);
    const chosen = await get(meetingNewRoute.loader, `/meetings/new?committee=${committeeId}`);
    expect(chosen.body).toMatchObject({ committee: { id: committeeId } });
  });
});

describe("editing a meeting", () => {
  it("saves the posted fields, keeps the committee, and audits before and after", async () => {
    const committeeId = await createCommittee();
    const id = await createMeeting(committeeId);
    const outcome = await editMeeting(id, {
      ...meetingFields(seeded.egov),
      heldOn: "2026-03-21",
      attendees: "Thêm: đại diện Bộ Công an.",
      notes: "",
    });
    expect(outcome).toMatchObject({ status: 302, location: `/meetings/${id}?saved=updated` });
    expect(meetingRow(id)).toMatchObject({
      committeeId,
      heldOn: "2026-03-21",
      attendees: "Thêm: đại diện Bộ Công an.",
      notes: null,
    });
    expect(lastAudit("meeting", id)).toMatchObject({
      action: "meeting.update",
      actorId: secretaryId,
      before: { committeeId, heldOn: "2026-03-20", notes: "Nghe báo cáo kết quả triển khai quý I." },
      after: { committeeId, heldOn: "2026-03-21", notes: null },
    });
  });

  it.each([
    ["an empty title", { title: "  " }, "title", "Vui lòng nhập tên cuộc họp."],
    [
      "a wrong date",
      { heldOn: "29/02/2026" },
      "heldOn",
      "Ngày họp: ngày “29/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).",
    ],
    ["a too long place", { place: "x".repeat(301) }, "place", "Địa điểm quá dài: tối đa 300 ký tự."],
    ["too long notes", { notes: "x".repeat(10_001) }, "notes", "Nội dung, ghi chú quá dài: tối đa 10.000 ký tự."],
  ])("refuses %s and leaves the meeting as it was", async (_label, overrides, field, message) => {
    const id = await createMeeting(seeded.egov);
    const outcome = await expectRefusal(
      () => editMeeting(id, meetingFields(seeded.egov, overrides)),
      () => meetingRow(id),
    );
    expect(errorsOf(outcome, field)).toEqual([message]);
  });

  it("answers 404 for a meeting that does not exist, or a malformed id", async () => {
    for (const id of ["999999", "0", "-1"]) {
      const before = rowCounts();
      expect((await editMeeting(id, meetingFields(seeded.egov))).status, id).toBe(404);
      expect(rowCounts()).toEqual(before);
      expect((await get(meetingEditRoute.loader, `/meetings/${id}/edit`, { id })).status, id).toBe(404);
    }
  });
});

// ---------------------------------------------------------------- reading

describe("the committee and meeting pages", () => {
  type CommitteePage = {
    committee: { id: number; code: string };
    meetings: { id: number; heldOn: string; directives: number }[];
    directives: { id: number }[];
  };
  type MeetingPage = { meeting: { id: number; committeeId: number }; directives: { id: number }[] };
  type ListPage = { committees: { id: number; code: string; meetings: number; directives: number }[] };

  it("list meetings newest first and only the directives the reader may see (a draft: the secretariat only)", async () => {
    const committeeId = await createCommittee();
    const older = await createMeeting(committeeId, { heldOn: "05/01/2026" });
    const newer = await createMeeting(committeeId, { heldOn: "20/03/2026" });
    const created = await post(directiveNewRoute.action, "/directives/new", {
      committeeId: String(committeeId),
      meetingId: String(newer),
      type: "conclusion_notice",
      issuer: "Ban Chỉ đạo thực hiện Đề án 06",
      abstract: "Dự thảo kết luận phiên họp quý I",
    });
    expect(created.status).toBe(302);
    const draftId = Number(/^\/directives\/(\d+)/.exec(created.location ?? "")![1]);

    const path = `/committees/${committeeId}`;
    const params = { id: String(committeeId) };
    const asSecretary = await get(committeePageRoute.loader, path, params);
    expect(asSecretary.status).toBe(200);
    const page = asSecretary.body as CommitteePage;
    expect(page.meetings.map((m) => [m.id, m.directives])).toEqual([
      [newer, 1],
      [older, 0],
    ]);
    expect(page.directives.map((d) => d.id)).toEqual([draftId]);

    const asDeptLead = await get(committeePageRoute.loader, path, params, deptLead);
    expect(asDeptLead.status).toBe(200);
    expect((asDeptLead.body as CommitteePage).meetings.map((m) => [m.id, m.directives])).toEqual([
      [newer, 0],
      [older, 0],
    ]);
    expect((asDeptLead.body as CommitteePage).directives).toEqual([]);

    const meetingPath = `/meetings/${newer}`;
    const meetingParams = { id: String(newer) };
    const meetingAsSecretary = await get(meetingPageRoute.loader, meetingPath, meetingParams);
    expect(meetingAsSecretary.status).toBe(200);
    expect((meetingAsSecretary.body as MeetingPage).directives.map((d) => d.id)).toEqual([draftId]);
    const meetingAsDeptLead = await get(meetingPageRoute.loader, meetingPath, meetingParams, deptLead);
    expect(meetingAsDeptLead.status).toBe(200);
    expect(meetingAsDeptLead.body).toMatchObject({ meeting: { id: newer, committeeId }, directives: [] });

    const list = (token: string) =>
      get(committeeListRoute.loader, "/committees", {}, token).then((o) => o.body as ListPage);
    expect((await list(secretary)).committees.find((c) => c.id === committeeId)).toMatchObject({
      meetings: 2,
      directives: 1,
    });
    expect((await list(deptLead)).committees.find((c) => c.id === committeeId)).toMatchObject({
      meetings: 2,
      directives: 0,
    });
  });

  it("show a department head the demo committee with the directive it is assigned in", async () => {
    const outcome = await get(
      committeePageRoute.loader,
      `/committees/${seeded.digital}`,
      {
        id: String(seeded.digital),
      },
      deptLead,
    );
    expect(outcome.status).toBe(200);
    const page = outcome.body as CommitteePage;
    expect(page.committee.code).toBe("BCD-CDS");
    expect(page.meetings.map((m) => m.id)).toContain(seeded.digitalMeeting);
    const current = db
      .select({ id: directives.id })
      .from(directives)
      .where(eq(directives.number, "412/TB-UBND"))
      .get()!;
    expect(page.directives.map((d) => d.id)).toContain(current.id);
  });

  it("a meeting's page leads to a new directive for it: the form comes with the meeting and its committee chosen", async () => {
    const meetingId = seeded.digitalMeeting;
    const form = await get(directiveNewRoute.loader, `/directives/new?meeting=${meetingId}`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ fromMeeting: { id: meetingId, committeeId: seeded.digital } });
    const plain = await get(directiveNewRoute.loader, "/directives/new");
    expect(plain.body).toMatchObject({ fromMeeting: null });
    for (const query of ["999999", "abc", "", "0"]) {
      expect((await get(directiveNewRoute.loader, `/directives/new?meeting=${query}`)).status, query).toBe(404);
    }
  });

  it("answer 404 for a committee or meeting that does not exist, or a malformed id", async () => {
    for (const id of ["999999", "abc", "0"]) {
      expect((await get(committeePageRoute.loader, `/committees/${id}`, { id })).status, id).toBe(404);
      expect((await get(meetingPageRoute.loader, `/meetings/${id}`, { id })).status, id).toBe(404);
    }
  });
});

// ---------------------------------------------------------------- who may

describe("access", () => {
  it("a department head reads the committee pages (200) and gets 403 from every write, changing nothing", async () => {
    const committeeId = seeded.digital;
    const meetingId = seeded.digitalMeeting;
    for (const [handler, path, params] of [
      [committeeListRoute.loader, "/committees", {}],
      [committeePageRoute.loader, `/committees/${committeeId}`, { id: String(committeeId) }],
      [meetingPageRoute.loader, `/meetings/${meetingId}`, { id: String(meetingId) }],
    ] as [RouteHandler, string, Record<string, string>][]) {
      expect((await get(handler, path, params, deptLead)).status, path).toBe(200);
    }

    const writes: [RouteHandler, string, Record<string, string>, Record<string, string>][] = [
      [committeeNewRoute.action, "/committees/new", {}, committeeFields()],
      [committeeEditRoute.action, `/committees/${committeeId}/edit`, { id: String(committeeId) }, committeeFields()],
      [meetingNewRoute.action, "/meetings/new", {}, meetingFields(committeeId)],
      [meetingEditRoute.action, `/meetings/${meetingId}/edit`, { id: String(meetingId) }, meetingFields(committeeId)],
    ];
    for (const [handler, path, params, fields] of writes) {
      const before = { counts: rowCounts(), committee: committeeRow(committeeId), meeting: meetingRow(meetingId) };
      const outcome = await post(handler, path, fields, { params, token: deptLead });
      expect(outcome.status, path).toBe(403);
      expect(outcome.body).toEqual({ message: "Tài khoản của bạn không có quyền thực hiện thao tác này." });
      // Only the refusal itself is recorded.
      expect({ counts: rowCounts(), committee: committeeRow(committeeId), meeting: meetingRow(meetingId) }).toEqual({
        ...before,
        counts: { ...before.counts, audit: before.counts.audit + 1 },
      });
      expect(
        db
          .select()
          .from(auditEvents)
          .orderBy(sql`${auditEvents.id} DESC`)
          .get(),
      ).toMatchObject({ action: "access.denied", after: expect.objectContaining({ status: 403, path }) });
    }
    for (const [handler, path, params] of [
      [committeeNewRoute.loader, "/committees/new", {}],
      [committeeEditRoute.loader, `/committees/${committeeId}/edit`, { id: String(committeeId) }],
      [meetingNewRoute.loader, `/meetings/new?committee=${committeeId}`, {}],
      [meetingEditRoute.loader, `/meetings/${meetingId}/edit`, { id: String(meetingId) }],
    ] as [RouteHandler, string, Record<string, string>][]) {
      expect((await get(handler, path, params, deptLead)).status, path).toBe(403);
    }
  });

  it("the secretariat's committee and meeting forms load for the secretariat", async () => {
    for (const [handler, path, params] of [
      [committeeNewRoute.loader, "/committees/new", {}],
      [committeeEditRoute.loader, `/committees/${seeded.egov}/edit`, { id: String(seeded.egov) }],
      [meetingNewRoute.loader, `/meetings/new?committee=${seeded.egov}`, {}],
      [meetingEditRoute.loader, `/meetings/${seeded.digitalMeeting}/edit`, { id: String(seeded.digitalMeeting) }],
    ] as [RouteHandler, string, Record<string, string>][]) {
      expect((await get(handler, path, params)).status, path).toBe(200);
    }
  });
});
