// The working calendar (docs/domain-rules.md §10) on a real, migrated database: the rows the
// migration loads are the statutory rules' for 2019–2030; the administrator's page adds,
// removes and loads days (validated, translated, audited; refusals change nothing); the
// secretariat's confirmation backlog and deadlines in working days count over it.
import { asc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarDays } from "../../db/schema";
import { addDays, today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { statutoryCalendarDays } from "../../app/domain/public-holidays";
import { isWorkingDay, workingDaysBetween } from "../../app/domain/working-days";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import { confirmationBacklog } from "../../app/models/dashboard.server";
import {
  addCalendarDay,
  dueDateInWorkingDays,
  loadStatutoryYear,
  removeCalendarDay,
  workingCalendar,
} from "../../app/models/working-calendar.server";
import { action, loader } from "../../app/routes/admin.holidays._index/route";
import { action as newTaskAction } from "../../app/routes/tasks.new/route";
import { freshDatabase } from "../setup/database";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

const origin = { ipAddress: "203.0.113.7", userAgent: "vitest", requestId: "test" };

const allDays = (db: AppDatabase) =>
  db
    .select({
      day: calendarDays.day,
      kind: calendarDays.kind,
      occasion: calendarDays.occasion,
      source: calendarDays.source,
    })
    .from(calendarDays)
    .orderBy(asc(calendarDays.day))
    .all();

const auditOf = (db: AppDatabase, action: string) =>
  db.all<{ entity_id: string; actor_id: number; before: string | null; after: string | null }>(
    sql`SELECT entity_id, actor_id, before, after FROM audit_events WHERE action = ${action} ORDER BY id`,
  );

describe("the migration", () => {
  it("loads exactly the statutory days off of 2019–2030", () => {
    const db = freshDatabase();
    const expected = Array.from({ length: 12 }, (_, i) => statutoryCalendarDays(2019 + i))
      .flat()
      .map((d) => ({ ...d, source: "rule" }));
    expect(allDays(db)).toEqual(expected);
  });
});

describe("the calendar's model", () => {
  let db: AppDatabase;
  let admin: Actor;

  beforeAll(() => {
    db = freshDatabase();
    const { id } = db.get<{ id: number }>(
      sql`INSERT INTO users (login, display_name, password_hash, role) VALUES ('quantri', 'Quản trị', 'x', 'admin') RETURNING id`,
    )!;
    admin = { id, role: "admin", departmentId: null };
  });

  it("adds an announced swap (a weekday off, a Saturday worked), audited, and counts it", () => {
    // 2024: Monday 29/04 off, worked on Saturday 04/05.
    expect(dueDateInWorkingDays(db, "2024-04-26", 1)).toBe("2024-04-29");
    const off = addCalendarDay(
      db,
      admin,
      { day: "2024-04-29", kind: "swapped_off", occasion: "reunification", note: "Thông báo 6150/TB-LĐTBXH" },
      origin,
    );
    const worked = addCalendarDay(
      db,
      admin,
      { day: "2024-05-04", kind: "working_day", occasion: "reunification", note: null },
      origin,
    );
    expect(off.ok && worked.ok).toBe(true);
    expect(dueDateInWorkingDays(db, "2024-04-26", 1)).toBe("2024-05-02");
    expect(dueDateInWorkingDays(db, "2024-05-03", 1)).toBe("2024-05-04");
    const created = auditOf(db, "calendar_day.create");
    expect(created.map((e) => JSON.parse(e.after ?? "null").day)).toEqual(["2024-04-29", "2024-05-04"]);
    expect(created.every((e) => e.actor_id === admin.id)).toBe(true);
  });

  it("refuses a day already there, a weekday 'worked', another occasion without a name, bad input — changing nothing", () => {
    const before = allDays(db);
    const audits = auditOf(db, "calendar_day.create").length;
    const refusals = [
      [{ day: "2026-02-17", kind: "holiday", occasion: "lunar_new_year", note: null }, "day_taken", "day"],
      [{ day: "2026-12-07", kind: "working_day", occasion: "other", note: "x" }, "working_day_not_weekend", "day"],
      [{ day: "2026-12-07", kind: "swapped_off", occasion: "other", note: "  " }, "note_required", "note"],
      [{ day: "2026-02-30", kind: "holiday", occasion: "new_year", note: null }, "invalid", "day"],
      [{ day: "2026-12-07", kind: "holiday", occasion: "new_year", note: "x".repeat(201) }, "invalid", "note"],
    ] as const;
    for (const [input, code, field] of refusals) {
      expect(addCalendarDay(db, admin, input, origin)).toEqual({ ok: false, code, field });
    }
    expect(allDays(db)).toEqual(before);
    expect(auditOf(db, "calendar_day.create")).toHaveLength(audits);
  });

  it("removes a day, audited with what it was; a day no longer there is not found", () => {
    const row = db.get<{ id: number }>(sql`SELECT id FROM calendar_days WHERE day = '2030-09-03'`)!;
    expect(removeCalendarDay(db, admin, { id: row.id }, origin)).toEqual({ ok: true, day: "2030-09-03" });
    expect(isWorkingDay("2030-09-03", workingCalendar(db))).toBe(true);
    const removed = auditOf(db, "calendar_day.delete").at(-1)!;
    expect(JSON.parse(removed.before ?? "null")).toMatchObject({ day: "2030-09-03", occasion: "national_day" });
    expect(removeCalendarDay(db, admin, { id: row.id }, origin)).toEqual({ ok: false, code: "not_found" });
  });

  it("loads a later year from the rules, keeping the days already there", () => {
    const extra = addCalendarDay(
      db,
      admin,
      { day: "2031-01-01", kind: "holiday", occasion: "new_year", note: "đã nhập tay" },
      origin,
    );
    expect(extra.ok).toBe(true);
    const rules = statutoryCalendarDays(2031);
    expect(loadStatutoryYear(db, admin, { year: 2031 }, origin)).toEqual({
      ok: true,
      added: rules.length - 1,
      kept: 1,
    });
    expect(loadStatutoryYear(db, admin, { year: 2031 }, origin)).toEqual({ ok: true, added: 0, kept: rules.length });
    const year = allDays(db).filter((d) => d.day.startsWith("2031"));
    expect(year.map((d) => d.day)).toEqual(rules.map((d) => d.day));
    expect(year.find((d) => d.day === "2031-01-01")?.source).toBe("announced");
    expect(loadStatutoryYear(db, admin, { year: 2013 }, origin)).toEqual({
      ok: false,
      code: "year_outside_rules",
      field: "year",
    });
  });
});

describe("the administrator's page", () => {
  let db: AppDatabase;

  beforeAll(async () => {
    db = await useFreshDemoDatabase();
  });

  const post = async (form: Record<string, string>, headers: Record<string, string> = {}) =>
    callRoute(action, { path: "/admin/holidays", method: "POST", token: await sessionFor("admin"), form, headers });

  it("is the administrator's only", async () => {
    for (const login of ["vanphong", "lanhdao", "stttt.truong"]) {
      const token = await sessionFor(login);
      expect((await callRoute(loader, { path: "/admin/holidays", token })).status).toBe(403);
      expect(
        (
          await callRoute(action, {
            path: "/admin/holidays",
            method: "POST",
            token,
            form: { intent: "loadYear", year: "2031" },
          })
        ).status,
      ).toBe(403);
    }
    expect(allDays(db).some((d) => d.day.startsWith("2031"))).toBe(false);
  });

  it("lists a year's days", async () => {
    const page = await callRoute(loader, { path: "/admin/holidays?year=2026", token: await sessionFor("admin") });
    expect(page.status).toBe(200);
    const body = page.body as { year: number; years: number[]; days: { day: string; kind: string }[] };
    expect(body.year).toBe(2026);
    expect(body.years).toContain(2019);
    expect(body.days.map((d) => d.day)).toEqual(statutoryCalendarDays(2026).map((d) => d.day));
    const bad = await callRoute(loader, { path: "/admin/holidays?year=abc", token: await sessionFor("admin") });
    expect(bad.status).toBe(400);
  });

  it("adds, removes and loads days, answering with where to look", async () => {
    const added = await post({ intent: "add", day: "04/05/2024", kind: "working_day", occasion: "reunification" });
    expect(added).toMatchObject({ status: 302, location: "/admin/holidays?year=2024&done=added&date=2024-05-04" });
    const id = db.get<{ id: number }>(sql`SELECT id FROM calendar_days WHERE day = '2024-05-04'`)!.id;
    const removed = await post({ intent: "remove", id: String(id) });
    expect(removed).toMatchObject({ status: 302, location: "/admin/holidays?year=2024&done=removed&date=2024-05-04" });
    const loaded = await post({ intent: "loadYear", year: "2032" });
    expect(loaded.status).toBe(302);
    expect(loaded.location).toBe(
      `/admin/holidays?year=2032&done=loaded&added=${statutoryCalendarDays(2032).length}&kept=0`,
    );
    expect(auditOf(db, "calendar_day.delete")).toHaveLength(1);
  });

  it("refuses bad input with a translated message on its field, storing nothing", async () => {
    const before = allDays(db);
    const errorsOf = (outcome: { body: unknown }) =>
      (outcome.body as { result: { error: Record<string, string[]> } }).result.error;

    const weekday = await post({ intent: "add", day: "07/12/2026", kind: "working_day", occasion: "other", note: "x" });
    expect(weekday.status).toBe(400);
    expect(errorsOf(weekday).day).toEqual([
      "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: thứ Hai đến thứ Sáu vốn là ngày làm việc.",
    ]);

    const english = { Cookie: (await localeCookie.serialize("en")).split(";")[0]! };
    const badDay = await post({ intent: "add", day: "30/02/2026", kind: "holiday", occasion: "new_year" }, english);
    expect(errorsOf(badDay).day?.[0]).toContain("There is no day “30/02/2026” (02/2026 has 28 days)");

    const taken = await post({ intent: "add", day: "17/02/2026", kind: "holiday", occasion: "lunar_new_year" });
    expect(taken.status).toBe(400);
    expect(errorsOf(taken).day).toEqual(["Ngày này đã có trong lịch. Muốn đổi, hãy xóa dòng của ngày đó trước."]);

    const year = await post({ intent: "loadYear", year: "1999" });
    expect(errorsOf(year).year).toEqual(["Năm phải là một số từ 2014 đến 2100."]);

    const gone = await post({ intent: "remove", id: "999999" });
    expect(errorsOf(gone)[""]).toEqual(["Ngày này không còn trong lịch (có thể người khác vừa xóa)."]);

    expect((await post({ intent: "drop" })).status).toBe(400);
    expect(allDays(db)).toEqual(before);
  });
});

describe("counting over the calendar", () => {
  it("the secretariat's confirmation backlog leaves the days off out", async () => {
    const db = await useFreshDemoDatabase();
    const secretariat = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!;
    const actor: Actor = { id: secretariat.id, role: "secretariat", departmentId: null };
    // Two weeks on, the demo's completions still awaiting confirmation have waited past the
    // limit whatever today's weekday: today itself may be a Sunday or Monday in Hanoi, when
    // the newest one has waited only three working days.
    const asOf = addDays(today(), 14);
    const before = confirmationBacklog(db, actor, {}, asOf, false);
    const waiting = before.rows.find((row) => row.workingDaysWaited > before.workingDays);
    expect(waiting, "the demo has a completion waiting too long").toBeDefined();
    const { reportedOn, workingDaysWaited } = waiting!;
    expect(workingDaysWaited).toBe(workingDaysBetween(reportedOn, asOf, workingCalendar(db)));

    // The government declares the weekdays since it was reported days off: it has waited no working day.
    const admin = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'admin'`)!;
    const adminActor: Actor = { id: admin.id, role: "admin", departmentId: null };
    const cal = workingCalendar(db);
    for (let day = addDays(reportedOn, 1); day <= asOf; day = addDays(day, 1)) {
      if (!isWorkingDay(day, cal)) continue;
      const added = addCalendarDay(
        db,
        adminActor,
        { day, kind: "swapped_off", occasion: "other", note: "Nghỉ theo thông báo" },
        origin,
      );
      expect(added.ok).toBe(true);
    }
    const after = confirmationBacklog(db, actor, {}, asOf, false);
    expect(after.rows.some((row) => row.id === waiting!.id)).toBe(false);
    expect(after.count).toBeLessThan(before.count);
  });
});

describe("a new task's deadline in working days", () => {
  let db: AppDatabase;
  let directiveId: number;
  let leadId: number;

  beforeAll(async () => {
    db = await useFreshDemoDatabase();
    directiveId = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE confidential = 0 ORDER BY id LIMIT 1`)!.id;
    leadId = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'SGDDT'`)!.id;
  });

  const post = async (fields: Record<string, string>) =>
    callRoute(newTaskAction, {
      path: `/tasks/new?directive=${directiveId}`,
      method: "POST",
      token: await sessionFor("vanphong"),
      form: {
        itemNumber: "99",
        title: "Báo cáo kết quả trong 05 ngày làm việc",
        leadDepartmentId: String(leadId),
        deadlineKind: "dated",
        assignedOn: "12/02/2026",
        ...fields,
      },
    });
  const errorsOf = (outcome: { body: unknown }) =>
    (outcome.body as { result: { error: Record<string, string[]> } }).result.error;

  it("is turned into a date over the holidays and stored as the due date", async () => {
    // Thursday 12/02/2026: Friday 13/02, Tết from 14 to 22/02, then 23, 24, 25, 26/02.
    const outcome = await post({ dueInWorkingDays: "5" });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
    const id = Number(/^\/tasks\/(\d+)/.exec(outcome.location ?? "")![1]);
    expect(
      db.get<{ original_due_date: string; current_due_date: string }>(
        sql`SELECT original_due_date, current_due_date FROM tasks WHERE id = ${id}`,
      ),
    ).toEqual({ original_due_date: "2026-02-26", current_due_date: "2026-02-26" });
  });

  it("is refused beside a date, on a task without a deadline, or out of range", async () => {
    const count = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM tasks`)!.n;
    const before = count();
    const both = await post({ dueInWorkingDays: "5", dueDate: "27/02/2026", itemNumber: "98" });
    expect(both.status).toBe(400);
    expect(errorsOf(both).dueInWorkingDays).toEqual([
      "Chỉ nhập hạn bằng ngày hoặc bằng số ngày làm việc, không nhập cả hai.",
    ]);
    const undated = await post({ dueInWorkingDays: "5", deadlineKind: "ongoing", itemNumber: "98" });
    expect(errorsOf(undated).dueInWorkingDays).toEqual(["Số ngày làm việc chỉ dùng cho nhiệm vụ có thời hạn."]);
    for (const value of ["0", "251", "2.5", "năm"]) {
      const outcome = await post({ dueInWorkingDays: value, itemNumber: "98" });
      expect(errorsOf(outcome).dueInWorkingDays, value).toEqual(["Số ngày làm việc là một số nguyên từ 1 đến 250."]);
    }
    const neither = await post({ itemNumber: "98" });
    expect(errorsOf(neither).dueDate).toHaveLength(1);
    expect(count()).toBe(before);
  });
});
