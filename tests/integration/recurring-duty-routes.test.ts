// Recurring duties through their real routes: the secretariat posts the form (as a
// browser without JavaScript does), bad input answers 400 with translated messages and
// creates nothing, the duty's page shows its rule and periods to those who see it and is a
// 404 for another department, and only the secretariat stops it.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recurringDuties, tasks } from "../../db/schema";
import { today } from "../../app/domain/dates";
import type { AppDatabase } from "../../app/models/db.server";
import { localeCookie } from "../../app/lib/locale.server";
import * as dutyRoute from "../../app/routes/duties.$id/route";
import * as newDutyRoute from "../../app/routes/duties.new/route";
import * as deskRoute from "../../app/routes/my-department/route";
import * as taskRoute from "../../app/routes/tasks.$id/route";
import { callRoute, sessionFor, useFreshDemoDatabase } from "../setup/remix-harness";

let db: AppDatabase;
let secretary: string;
let sttttLead: string;
let sytLead: string;
let directiveId: number;
let stttt: number;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  secretary = await sessionFor("vanphong");
  sttttLead = await sessionFor("stttt.truong");
  sytLead = await sessionFor("syt.truong");
  directiveId = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '412/TB-UBND'`)!.id;
  stttt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
});

const duties = () => db.select({ n: count() }).from(recurringDuties).get()!.n;
const allTasks = () => db.select({ n: count() }).from(tasks).get()!.n;

function post(form: Record<string, string>, token = secretary, headers: Record<string, string> = {}) {
  return callRoute(newDutyRoute.action, {
    path: `/duties/new?directive=${directiveId}`,
    method: "POST",
    token,
    form,
    headers,
  });
}

const valid = {
  itemNumber: "9",
  title: "Báo cáo kết quả cải cách hành chính",
  leadDepartmentId: "",
  frequency: "monthly",
  day: "5",
  startsOn: "01/01/2025",
};

describe("the new duty form", () => {
  it("refuses bad input with translated messages, creating nothing", async () => {
    const before = [duties(), allTasks()];
    const bad = await post({ ...valid, leadDepartmentId: String(stttt), day: "40" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Ngày hạn phải từ 1 đến 31");
    const noSuchDay = await post({ ...valid, leadDepartmentId: String(stttt), endsOn: "31/02/2025" });
    expect(noSuchDay.status).toBe(400);
    expect(JSON.stringify(noSuchDay.body)).toContain("02/2025");
    const english = await post(
      { ...valid, leadDepartmentId: String(stttt), frequency: "weekly", day: "5", workingDays: "on" },
      secretary,
      {
        Cookie: (await localeCookie.serialize("en")).split(";")[0]!,
      },
    );
    expect(english.status).toBe(400);
    expect(JSON.stringify(english.body)).toContain("A weekly duty does not count working days.");
    expect([duties(), allTasks()]).toEqual(before);
    // A department user may not post it at all.
    expect((await post({ ...valid, leadDepartmentId: String(stttt) }, sttttLead)).status).toBe(403);
    expect([duties(), allTasks()]).toEqual(before);
  });

  it("creates the duty and its periods, and the page shows them to those who see it", async () => {
    const created = await post({ ...valid, leadDepartmentId: String(stttt) });
    expect(created.status).toBe(302);
    const dutyId = Number(/^\/duties\/(\d+)\?created=(\d+)$/.exec(created.location ?? "")![1]);
    const periods = db.select({ n: count() }).from(tasks).where(eq(tasks.dutyId, dutyId)).get()!.n;
    expect(periods).toBeGreaterThanOrEqual(13);

    const page = await callRoute(dutyRoute.loader, {
      path: `/duties/${dutyId}`,
      params: { id: String(dutyId) },
      token: secretary,
    });
    expect(page.status).toBe(200);
    const body = page.body as { occurrences: { period: string; status: string }[]; rule: { frequency: string } };
    expect(body.occurrences).toHaveLength(periods);
    expect(body.occurrences[0]).toMatchObject({ period: "2025-01", status: "overdue" });
    // The duty itself is not counted; its periods roll up to "a period is overdue".
    expect((page.body as { rollup: { state: string; counted: number } }).rollup).toMatchObject({
      state: "overdue",
      counted: periods,
    });
    // The last one is ahead of today.
    expect(body.occurrences.at(-1)!.period > today().slice(0, 7)).toBe(true);

    const lead = await callRoute(dutyRoute.loader, {
      path: `/duties/${dutyId}`,
      params: { id: String(dutyId) },
      token: sttttLead,
    });
    expect(lead.status).toBe(200);
    const other = await callRoute(dutyRoute.loader, {
      path: `/duties/${dutyId}`,
      params: { id: String(dutyId) },
      token: sytLead,
    });
    expect(other.status).toBe(404);

    // The lead department's desk lists the periods like any task: the missed ones as overdue.
    const desk = await callRoute(deskRoute.loader, { path: "/my-department", token: sttttLead });
    const groups = (desk.body as { groups: Record<string, { id: number }[]> }).groups;
    const ids = new Set(
      db
        .select({ id: tasks.id })
        .from(tasks)
        .where(eq(tasks.dutyId, dutyId))
        .all()
        .map((r) => r.id),
    );
    const pastDue = db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM tasks WHERE duty_id = ${dutyId} AND current_due_date < ${today()}`,
    )[0]!.n;
    expect(pastDue).toBeGreaterThanOrEqual(12);
    expect(groups.overdue!.filter((task) => ids.has(task.id)).length).toBe(pastDue);
    expect(
      Object.values(groups)
        .flat()
        .filter((task) => ids.has(task.id)).length,
    ).toBe(periods);

    // A period's task page names its duty.
    const firstTask = db
      .select({ id: tasks.id })
      .from(tasks)
      .where(eq(tasks.dutyId, dutyId))
      .orderBy(tasks.assignedOn)
      .get()!;
    const taskPage = await callRoute(taskRoute.loader, {
      path: `/tasks/${firstTask.id}`,
      params: { id: String(firstTask.id) },
      token: sttttLead,
    });
    expect((taskPage.body as { duty: unknown }).duty).toEqual({ dutyId, period: "2025-01" });

    // Only the secretariat stops it; a reason is required.
    const stop = (token: string, form: Record<string, string>) =>
      callRoute(dutyRoute.action, {
        path: `/duties/${dutyId}`,
        method: "POST",
        params: { id: String(dutyId) },
        token,
        form,
      });
    expect((await stop(sttttLead, { intent: "on_hold", version: "1", reason: "x" })).status).toBe(403);
    const noReason = await stop(secretary, { intent: "on_hold", version: "1", reason: "" });
    expect(noReason.status).toBe(400);
    expect(db.select().from(recurringDuties).where(eq(recurringDuties.id, dutyId)).get()!.state).toBe("active");
    const held = await stop(secretary, { intent: "on_hold", version: "1", reason: "Chờ quy định mới" });
    expect(held).toMatchObject({ status: 302, location: `/duties/${dutyId}?saved=state` });
    expect(db.select().from(recurringDuties).where(eq(recurringDuties.id, dutyId)).get()).toMatchObject({
      state: "on_hold",
      stateReason: "Chờ quy định mới",
      version: 2,
    });
  });
});
