// Leadership reports beyond the overview's counts (issue #6): reporting periods in every
// report URL, a department's scorecard over quarters (frozen once a quarter is over),
// directive progress by main task and sub-task, the scorecard as Excel/CSV, the trend
// chart's SVG — and bad input, which gets a translated 400/404, never a 500 or hidden data.
import ExcelJS from "exceljs";
import { directiveProgressLinks } from "../../app/lib/task-list-href";
import { TASK_STATUSES, type StatusBasis } from "../../app/domain/vocabulary";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { endOfLocalDay, today, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { translator } from "../../app/lib/i18n";
import { localeCookie } from "../../app/lib/locale.server";
import type { AppDatabase } from "../../app/models/db.server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { trendChartGeometry } from "../../app/components/trend-chart-geometry.server";
import { TrendChartPicture, type TrendMonthView } from "../../app/components/trend-chart";
import { scorecard, type Figure } from "../../app/models/dashboard.server";
import { departmentQuarters, type DepartmentQuarter } from "../../app/models/department-quarters.server";
import { monthlyTrend } from "../../app/models/trend.server";
import { loadTaskFacts, statusRulesInForce } from "../../app/models/status-facts.server";
import { taskStatusAsOf } from "../../app/domain/status";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { loader as dashboardLoader } from "../../app/routes/_index/route";
import { loader as scorecardLoader } from "../../app/routes/scorecard/route";
import { loader as scorecardExportLoader } from "../../app/routes/scorecard_.export/route";
import { loader as taskListLoader } from "../../app/routes/tasks._index/route";
import { loader as taskExportLoader } from "../../app/routes/tasks.export/route";
import { loader as departmentLoader } from "../../app/routes/departments.$id/route";
import { loader as directiveLoader } from "../../app/routes/directives.$id/route";
import { loadDemoData } from "../../db/seed/demo";
import { freshDatabase } from "../setup/database";
import {
  buildRequest,
  callRoute,
  sessionCookieHeader,
  sessionFor,
  TEST_CONTEXT,
  useFreshDemoDatabase,
  type RouteHandler,
} from "../setup/remix-harness";

const NOW = Date.parse("2026-03-16T03:00:00Z");
const TODAY: LocalDate = "2026-03-16";
const vi = translator("vi");

const actorOf = (db: AppDatabase, login: string) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
const departmentId = (db: AppDatabase, code: string) =>
  db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = ${code}`)!.id;

/** The scorecard's columns, as the page, the files and the API show them (docs/decisions/019). */
const COLUMNS_VI = [
  "Được giao chủ trì",
  "Hoàn thành đúng hạn",
  "Hoàn thành quá hạn",
  "Chờ xác nhận",
  "Quá hạn",
  "Sắp đến hạn",
  "Trong hạn",
  "Thường xuyên",
  "Tạm dừng",
  "Đã rút",
  "Quá hạn chưa cập nhật",
];
/** In a row of counts in that order: "assigned" (first) is the sum of the next seven, its terms. */
function expectCountsAddUp(counts: number[], what: string) {
  expect(counts, what).toHaveLength(COLUMNS_VI.length);
  expect(counts[0], `${what}: assigned = the sum of its terms (${counts.join(", ")})`).toBe(
    counts.slice(1, 8).reduce((sum, n) => sum + n, 0),
  );
}

/** The row count of the list a figure links to, parsed as the task list parses its URL. */
function listedCount(db: AppDatabase, actor: Actor, href: string, asOf: LocalDate): number {
  const url = new URL(href, "http://localhost");
  expect(url.pathname).toBe("/tasks");
  const raw = Object.fromEntries(url.searchParams);
  const day = raw.asOf ?? asOf;
  delete raw.asOf;
  return listTasks(db, actor, taskListQuery(vi).parse(raw), day, "happened", 1).rowCount;
}

describe("a department's scorecard over quarters", () => {
  let db: AppDatabase;
  let chair: Actor;
  let secretariat: Actor;
  let stttt: number;

  beforeAll(async () => {
    db = freshDatabase();
    await loadDemoData(db, { now: NOW });
    chair = actorOf(db, "lanhdao");
    secretariat = actorOf(db, "vanphong");
    stttt = departmentId(db, "STTTT");
  });

  it("has one row per quarter since its first task, each figure equal to the list it links to", () => {
    const quarters = departmentQuarters(db, chair, stttt, "happened", TODAY);
    expect(quarters[0]).toMatchObject({ quarter: "2026-Q1", asOf: TODAY, isToday: true });
    expect(quarters[quarters.length - 1]).toMatchObject({ quarter: "2019-Q3", asOf: "2019-09-30", isToday: false });
    expect(quarters.find((q) => q.quarter === "2019-Q4")?.asOf).toBe("2019-12-31");
    expect(quarters).toHaveLength(4 * 6 + 2 + 1); // 2019-Q3 … 2026-Q1
    for (const q of quarters.filter((q) => q.quarter < "2020-Q4" || q.isToday)) {
      for (const [column, figure] of Object.entries(q.figures)) {
        expect(listedCount(db, chair, figure.href, q.asOf), `${q.quarter} ${column} (${figure.href})`).toBe(
          figure.count,
        );
        if (!q.isToday) expect(figure.href).toContain(`asOf=${q.asOf}`);
      }
    }
    // Every quarter adds up as a scorecard row does.
    for (const q of quarters) {
      expectCountsAddUp(
        Object.values(q.figures).map((f) => f.count),
        q.quarter,
      );
    }
    // The row of a quarter is the scorecard's row of that department on that day.
    for (const q of quarters.filter((q) => q.quarter === "2019-Q4" || q.quarter === "2020-Q2")) {
      const row = scorecard(db, chair, {}, q.asOf, false).find((r) => r.department.id === stttt)!;
      for (const column of Object.keys(q.figures) as (keyof typeof q.figures)[]) {
        expect(q.figures[column].count, `${q.quarter} ${column}`).toBe(row.figures[column].count);
      }
      expect(q.onTimeRate).toBe(row.onTimeRate);
    }
    expect(quarters.some((q) => q.figures.done_on_time.count > 0)).toBe(true);
  });

  it("keeps a past quarter's figures when later events are recorded; a back-dated new task counts as it happened, not as recorded", () => {
    const counts = (rows: DepartmentQuarter[]) =>
      rows
        .filter((q) => q.quarter <= "2020-Q1")
        .map((q) => ({ quarter: q.quarter, figures: q.figures, rate: q.onTimeRate }));
    const before = departmentQuarters(db, secretariat, stttt, "happened", TODAY);
    const beforeRecorded = departmentQuarters(db, secretariat, stttt, "recorded", TODAY);
    // The same counts on both bases (the links differ: each keeps its basis).
    const withoutLinks = (rows: DepartmentQuarter[]) =>
      counts(rows).map((q) => ({ ...q, figures: Object.values(q.figures).map((f) => f.count) }));
    expect(withoutLinks(beforeRecorded)).toEqual(withoutLinks(before));
    const at = endOfLocalDay("2020-03-31") + 3_600_000;
    const tasks = db.all<{ id: number; due: string | null }>(sql`
      SELECT id, current_due_date AS due FROM tasks WHERE lead_department_id = ${stttt} ORDER BY id LIMIT 4`);
    expect(tasks.length).toBeGreaterThan(1);
    for (const [i, task] of tasks.entries()) {
      const when = at + i * 1000;
      db.run(sql`INSERT INTO progress_reports (task_id, department_id, as_of_date, percent, result, created_at)
        VALUES (${task.id}, ${stttt}, '2020-04-01', 60, 'later report', ${when})`);
      db.run(sql`INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, completion_date)
        VALUES (${task.id}, NULL, ${i % 2 === 0 ? "done" : "cancelled"}, ${when}, ${i % 2 === 0 ? "2019-10-01" : null})`);
      db.run(sql`INSERT INTO extension_requests (task_id, department_id, current_due_date, proposed_due_date, reason,
          state, decided_by, decided_at, decision_note, approved_due_date, created_at)
        VALUES (${task.id}, ${stttt}, ${task.due ?? "2019-12-31"}, '2031-12-31', 'later', 'approved',
          ${secretariat.id}, ${when}, 'later decision', '2031-12-31', ${when})`);
    }
    // A task entered later, assigned back in 2019 (its assignment day is in the past).
    const directive = db.get<{ id: number }>(sql`SELECT id FROM directives ORDER BY issued_on LIMIT 1`)!.id;
    const entered = db.get<{ id: number }>(sql`INSERT INTO tasks (directive_id, item_number, title, lead_department_id,
        deadline_kind, original_due_date, current_due_date, assigned_on, created_at, updated_at)
      VALUES (${directive}, '99', 'Nhiệm vụ nhập sau', ${stttt}, 'dated', '2019-11-30', '2019-11-30', '2019-09-24',
        ${at}, ${at}) RETURNING id`)!.id;

    // As recorded, the past quarters read what the system showed then: nothing of it.
    const afterRecorded = departmentQuarters(db, secretariat, stttt, "recorded", TODAY);
    expect(counts(afterRecorded)).toEqual(counts(beforeRecorded));
    // As it happened, a task exists from the start of its assignment day, so the
    // back-dated task counts in the quarters since 24/09/2019, with its status then;
    // the later events (all after 31/03/2020) change nothing there.
    const after = departmentQuarters(db, secretariat, stttt, "happened", TODAY);
    const facts = loadTaskFacts(db, [entered]).get(entered)!;
    const expected = counts(before).map((q) => {
      const status = taskStatusAsOf(facts, before.find((b) => b.quarter === q.quarter)!.asOf, statusRulesInForce(db))!;
      const figures = structuredClone(q.figures);
      if (status.status !== "on_hold" && status.status !== "cancelled") figures.assigned.count++;
      if (status.status in figures) figures[status.status as keyof typeof figures].count++;
      if (status.stale) figures.stale.count++;
      return { ...q, figures };
    });
    expect(counts(after)).toEqual(expected);
    expect(expected.find((q) => q.quarter === "2019-Q4")!.figures.overdue.count).toBe(
      counts(before).find((q) => q.quarter === "2019-Q4")!.figures.overdue.count + 1,
    );
    // …while the quarter under way sees them, on both bases.
    for (const [then, now] of [
      [before, after],
      [beforeRecorded, afterRecorded],
    ] as const) {
      // One task more; two of the four withdrawn (no longer counted in "assigned", but apart).
      const every = (q: DepartmentQuarter) =>
        q.figures.assigned.count + q.figures.on_hold.count + q.figures.cancelled.count;
      expect(every(now[0]!)).toBe(every(then[0]!) + 1);
      expect(now[0]!.figures.cancelled.count).toBe(then[0]!.figures.cancelled.count + 2);
      expect(now[0]!.figures.assigned.count).toBe(then[0]!.figures.assigned.count + 1 - 2);
      expect(JSON.stringify(now[0]!.figures)).not.toBe(JSON.stringify(then[0]!.figures));
    }
  });
});

/** The chart as the dashboard draws it, from the loader's geometry. */
function picture(months: TrendMonthView[], locale: "vi" | "en"): string {
  return renderToStaticMarkup(
    createElement(TrendChartPicture, { months, geometry: trendChartGeometry(months), t: translator(locale), locale }),
  );
}

describe("the trend chart's picture", () => {
  it("is an SVG image with a title and a description, patterns and numbers, and no inline style", async () => {
    const db = freshDatabase();
    await loadDemoData(db, { now: NOW });
    const chair = actorOf(db, "lanhdao");
    const seed = db.get<{ id: number }>(sql`SELECT id FROM directives ORDER BY issued_on LIMIT 1`)!.id;
    const months = monthlyTrend(db, chair, { directive: seed }, "2019-12-31", false);
    expect(months.map((m) => m.month)).toEqual([
      "2019-01",
      "2019-02",
      "2019-03",
      "2019-04",
      "2019-05",
      "2019-06",
      "2019-07",
      "2019-08",
      "2019-09",
      "2019-10",
      "2019-11",
      "2019-12",
    ]);
    const december = months[11]!.figures;
    expect(december.due.count).toBeGreaterThan(0);
    expect(december.due.href).toBe(`/tasks?directive=${seed}&dueFrom=2019-12-01&dueTo=2019-12-31&asOf=2019-12-31`);
    // The loader sends numbers only (no markup), and the page draws them.
    const geometry = trendChartGeometry(months);
    expect(JSON.stringify(geometry)).not.toMatch(/[<>]/);
    const svg = picture(months, "vi");
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="trend-title trend-desc"/);
    expect(svg).toContain('<title id="trend-title">Nhiệm vụ đến hạn và hoàn thành theo tháng</title>');
    expect(svg).toMatch(/<desc id="trend-desc">Từ tháng 01\/2019 đến tháng 12\/2019: \d+ nhiệm vụ đến hạn/);
    expect(svg).toContain('fill="url(#trend-due)"');
    expect(svg).toContain('fill="url(#trend-late)"');
    expect(svg).toContain(">12/2019<");
    expect(svg).toContain(`>${december.due.count}<`);
    // The Content-Security-Policy allows no inline styles (visx's <Text> would add one).
    expect(svg).not.toMatch(/style=/);
    expect(picture(months, "en")).toContain("Tasks falling due and done, by month");
    // A period shows its own months.
    expect(monthlyTrend(db, chair, { period: "2019-Q4" }, TODAY, false).map((m) => m.month)).toEqual([
      "2019-10",
      "2019-11",
      "2019-12",
    ]);
  });
});

describe("report routes", () => {
  let db: AppDatabase;
  beforeAll(async () => {
    db = await useFreshDemoDatabase();
  });

  it("take a period in the URL, and answer a malformed one with a translated 400 on every report", async () => {
    const chair = await sessionFor("lanhdao");
    const routes: [RouteHandler, string][] = [
      [dashboardLoader, "/"],
      [scorecardLoader, "/scorecard"],
      [taskListLoader, "/tasks"],
      [taskExportLoader, "/tasks/export"],
      [scorecardExportLoader, "/scorecard/export"],
    ];
    for (const [loader, path] of routes) {
      for (const bad of ["2019-13", "Q4-2019", "19", "2019-Q5", "abc", "2019-12-01"]) {
        const outcome = await callRoute(loader, { path: `${path}?period=${encodeURIComponent(bad)}`, token: chair });
        expect(outcome.status, `${path} ${bad}`).toBe(400);
        expect(JSON.stringify(outcome.body), `${path} ${bad}`).toContain(`Kỳ «${bad}» không hợp lệ`);
      }
      const english = (await localeCookie.serialize("en")).split(";")[0]!;
      const outcome = await callRoute(loader, {
        path: `${path}?period=2019-13`,
        token: chair,
        headers: { Cookie: english },
      });
      expect(outcome.status).toBe(400);
      expect(JSON.stringify(outcome.body)).toContain("The period “2019-13” is not valid");
      for (const good of ["2019", "2019-Q4", "2019-q4", "2019-12"]) {
        const ok = await callRoute(loader, { path: `${path}?period=${good}`, token: chair });
        expect(ok.status, `${path} ${good}`).toBe(200);
      }
    }
    const list = await callRoute(taskListLoader, { path: "/tasks?period=2019-q4&level=top", token: chair });
    expect((list.body as { query: { period: string } }).query.period).toBe("2019-Q4");
    expect((await callRoute(taskListLoader, { path: "/tasks?level=middle", token: chair })).status).toBe(400);

    const dashboard = await callRoute(dashboardLoader, { path: "/?period=2019-Q3&asOf=31/12/2019", token: chair });
    const body = dashboard.body as { figures: { total: Figure }; scope: string[] };
    expect(body.figures.total.count).toBe(13); // the seed directive's ten tasks and three sub-tasks
    expect(body.figures.total.href).toBe("/tasks?period=2019-Q3&asOf=2019-12-31");
    expect(body.scope).toEqual(["Giao trong kỳ: Quý III/2019"]);
    const later = await callRoute(dashboardLoader, { path: "/?period=2019-Q4&asOf=31/12/2019", token: chair });
    expect((later.body as { figures: { total: Figure } }).figures.total.count).toBe(0);
  });

  it("read a form's year and quarter or month (period=2019&periodPart=Q3) as the one period, on every report", async () => {
    const chair = await sessionFor("lanhdao");
    const dashboard = await callRoute(dashboardLoader, {
      path: "/?period=2019&periodPart=Q3&asOf=31/12/2019",
      token: chair,
    });
    const body = dashboard.body as { figures: { total: Figure }; scope: string[]; filters: { period: string } };
    expect(body.filters.period).toBe("2019-Q3");
    expect(body.figures.total.count).toBe(13);
    // Links keep the one spelling.
    expect(body.figures.total.href).toBe("/tasks?period=2019-Q3&asOf=2019-12-31");
    const list = await callRoute(taskListLoader, { path: "/tasks?period=2019&periodPart=09", token: chair });
    expect((list.body as { query: { period: string } }).query.period).toBe("2019-09");
    const whole = await callRoute(scorecardLoader, { path: "/scorecard?period=2019&periodPart=", token: chair });
    expect((whole.body as { filters: { period: string } }).filters.period).toBe("2019");
    const exported = await callRoute(taskExportLoader, {
      path: "/tasks/export?period=2019&periodPart=Q4",
      token: chair,
    });
    expect(exported.status).toBe(200);
    // A quarter without its year is refused as a period.
    for (const [loader, path] of [
      [dashboardLoader, "/"],
      [taskListLoader, "/tasks"],
    ] as const) {
      const outcome = await callRoute(loader, { path: `${path}?periodPart=Q4`, token: chair });
      expect(outcome.status, path).toBe(400);
      expect(JSON.stringify(outcome.body)).toContain("Kỳ «Q4» không hợp lệ");
    }
  });

  it("refuse a department user's filter on another department (400) and a hidden directive (404), never leaking", async () => {
    const head = await sessionFor("sgddt.truong");
    const own = departmentId(db, "SGDDT");
    const other = departmentId(db, "SYT");
    const ok = await callRoute(dashboardLoader, { path: `/?department=${own}`, token: head });
    expect(ok.status).toBe(200);
    const body = ok.body as { options: { departments: { id: number }[] } };
    expect(body.options.departments.map((d) => d.id)).toEqual([own]);
    const refused = await callRoute(dashboardLoader, { path: `/?department=${other}`, token: head });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: vi("dashboard.filter.ownDepartmentOnly") });
    // Leadership may narrow to any department.
    expect(
      (await callRoute(dashboardLoader, { path: `/?department=${other}`, token: await sessionFor("lanhdao") })).status,
    ).toBe(200);

    const secret = db.get<{ id: number }>(sql`
      SELECT d.id FROM directives d WHERE d.confidential = 1 AND NOT EXISTS (
        SELECT 1 FROM tasks t WHERE t.directive_id = d.id AND (t.lead_department_id = ${own}
          OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${own})))`)!.id;
    for (const [loader, path] of [
      [dashboardLoader, "/"],
      [scorecardLoader, "/scorecard"],
      [scorecardExportLoader, "/scorecard/export"],
    ] as [RouteHandler, string][]) {
      const outcome = await callRoute(loader, { path: `${path}?directive=${secret}`, token: head });
      expect(outcome.status, path).toBe(404);
      expect(outcome.body, `${path}: a 404 says nothing about the directive`).toBeNull();
    }
  });

  it("the task list answers an unknown or hidden id with a translated 404, not an empty list", async () => {
    const head = await sessionFor("sgddt.truong");
    const own = departmentId(db, "SGDDT");
    const secret = db.get<{ id: number }>(sql`
      SELECT d.id FROM directives d WHERE d.confidential = 1 AND NOT EXISTS (
        SELECT 1 FROM tasks t WHERE t.directive_id = d.id AND (t.lead_department_id = ${own}
          OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${own})))`)!.id;
    const cases: [string, string, string][] = [
      ["lanhdao", "department=999999", vi("report.error.department", { id: "999999" })],
      ["lanhdao", "coordinator=999999", vi("report.error.department", { id: "999999" })],
      ["lanhdao", "committee=999999", vi("report.error.committee", { id: "999999" })],
      ["lanhdao", "directive=999999", vi("report.error.directive", { id: "999999" })],
      // Hidden reads exactly like missing.
      ["sgddt.truong", `directive=${secret}`, vi("report.error.directive", { id: String(secret) })],
    ];
    for (const [login, query, message] of cases) {
      const outcome = await callRoute(taskListLoader, { path: `/tasks?${query}`, token: await sessionFor(login) });
      expect(outcome.status, query).toBe(404);
      expect(outcome.body, query).toEqual({ message });
    }
    const visible = await callRoute(taskListLoader, {
      path: `/tasks?directive=${secret}`,
      token: await sessionFor("lanhdao"),
    });
    expect(visible.status).toBe(200);
    expect((await callRoute(taskListLoader, { path: `/tasks?department=${own}`, token: head })).status).toBe(200);
  });

  it("open a department's page for leadership and its own department only; unknown ids are 404", async () => {
    const chair = await sessionFor("lanhdao");
    const stttt = departmentId(db, "STTTT");
    const page = await callRoute(departmentLoader, {
      path: `/departments/${stttt}`,
      params: { id: String(stttt) },
      token: chair,
    });
    expect(page.status).toBe(200);
    const body = page.body as { department: { name: string }; quarters: DepartmentQuarter[] };
    expect(body.department.name).toBe("Sở Thông tin và Truyền thông");
    expect(body.quarters.length).toBeGreaterThan(20);
    expect(body.quarters[0]!.isToday).toBe(true);

    const own = await sessionFor("stttt.chuyenvien");
    expect(
      (await callRoute(departmentLoader, { path: `/departments/${stttt}`, params: { id: String(stttt) }, token: own }))
        .status,
    ).toBe(200);
    const other = departmentId(db, "SYT");
    const refused = await callRoute(departmentLoader, {
      path: `/departments/${other}`,
      params: { id: String(other) },
      token: own,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ message: vi("error.forbidden.body") });
    for (const id of ["999999", "abc", "0", "1e3"]) {
      const outcome = await callRoute(departmentLoader, { path: `/departments/${id}`, params: { id }, token: chair });
      expect(outcome.status, id).toBe(404);
    }
  });

  it("summarize the seed directive: ten main tasks, three sub-tasks, each number linking to its list", async () => {
    const chair = await sessionFor("lanhdao");
    const seed = db.get<{ id: number }>(sql`SELECT id FROM directives WHERE number = '1198/TB-UBND'`)!.id;
    const outcome = await callRoute(directiveLoader, {
      path: `/directives/${seed}?asOf=31/12/2019`,
      params: { id: String(seed) },
      token: chair,
    });
    expect(outcome.status).toBe(200);
    type Counts = Record<string, number>;
    const { progress, asOf, isToday, basis } = outcome.body as {
      progress: { top: Counts; sub: Counts };
      asOf: string;
      isToday: boolean;
      basis: StatusBasis;
    };
    // The page builds each number's link from the directive and the day it was read on.
    const { linkFor } = directiveProgressLinks(seed, {}, asOf, isToday, basis);
    const total = (c: Counts) => Object.entries(c).reduce((sum, [k, n]) => (k === "stale" ? sum : sum + n), 0);
    expect(total(progress.top)).toBe(10);
    expect(total(progress.sub)).toBe(3);
    expect(linkFor("top")).toBe(`/tasks?directive=${seed}&level=top&asOf=2019-12-31`);
    expect(linkFor("top", "overdue")).toBe(`/tasks?status=overdue&directive=${seed}&level=top&asOf=2019-12-31`);
    const actor = actorOf(db, "lanhdao");
    for (const level of ["top", "sub"] as const) {
      const counts = level === "top" ? progress.top : progress.sub;
      for (const status of ["all", ...TASK_STATUSES] as const) {
        const href = status === "all" ? linkFor(level) : linkFor(level, status);
        const expected = status === "all" ? total(counts) : counts[status]!;
        expect(listedCount(db, actor, href, "2019-12-31"), `${level} ${status}`).toBe(expected);
      }
    }
  });
});

describe("the scorecard download", () => {
  let db: AppDatabase;
  beforeAll(async () => {
    db = await useFreshDemoDatabase();
  });

  async function download(path: string, login = "lanhdao", extraCookie?: string) {
    const cookie = await sessionCookieHeader(await sessionFor(login));
    const request = buildRequest({ path, ...(extraCookie ? { headers: { Cookie: extraCookie } } : {}) }, cookie);
    const response = (await scorecardExportLoader({ request, params: {}, context: { ...TEST_CONTEXT } })) as Response;
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function readSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets[0]!;
  }

  /** Title (5 lines), a blank line, then the header. */
  const HEADER_ROW = 7;

  it("Excel: title block, Vietnamese headers, the page's rows in the page's order, numbers and a percentage", async () => {
    const committee = db.get<{ id: number; name: string }>(sql`SELECT id, name FROM committees ORDER BY id LIMIT 1`)!;
    const { response, bytes } = await download(
      `/scorecard/export?format=xlsx&asOf=31/12/2019&committee=${committee.id}&period=2019&sort=done_on_time&dir=desc`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="xep-hang-don-vi-2019-12-31.xlsx"');
    const sheet = await readSheet(bytes);
    expect(sheet.name).toBe("Xếp hạng");
    expect(sheet.getCell("A1").value).toBe("BẢNG XẾP HẠNG KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ");
    expect(sheet.getCell("A2").value).toBe("Số liệu tính đến ngày 31/12/2019");
    expect(sheet.getCell("A3").value).toBe(`Phạm vi: Ban Chỉ đạo: ${committee.name}; Giao trong kỳ: Năm 2019`);
    expect(sheet.getCell("A4").value).toBe("Sắp xếp theo: Hoàn thành đúng hạn, giảm dần");
    expect(String(sheet.getCell("A5").value)).toMatch(/^Người lập: Chủ tịch UBND Thành phố; lập lúc .*; \d+ đơn vị$/);
    expect((sheet.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      "Hạng",
      "Mã đơn vị",
      "Đơn vị",
      ...COLUMNS_VI,
      "Tỷ lệ đúng hạn",
    ]);
    const chair = actorOf(db, "lanhdao");
    const rows = scorecard(
      db,
      chair,
      { committee: committee.id, period: "2019" },
      "2019-12-31",
      false,
      "happened",
      "done_on_time",
      "desc",
    );
    expect(rows.length).toBeGreaterThan(2);
    expect(sheet.rowCount).toBe(HEADER_ROW + rows.length);
    rows.forEach((row, index) => {
      const cells = sheet.getRow(HEADER_ROW + 1 + index);
      expect(cells.getCell(1).value).toBe(row.rank);
      expect(cells.getCell(2).value).toBe(row.department.code);
      expect(cells.getCell(3).value).toBe(row.department.name);
      const counts = COLUMNS_VI.map((_, i) => cells.getCell(4 + i).value as number);
      expect(counts).toEqual(Object.values(row.figures).map((f) => f.count));
      expectCountsAddUp(counts, `Excel ${row.department.name}`);
      expect(cells.getCell(8).value).toBe(row.figures.overdue.count);
      expect(cells.getCell(12).value).toBe(row.figures.on_hold.count);
      expect(cells.getCell(13).value).toBe(row.figures.cancelled.count);
      expect(cells.getCell(15).value).toBe(row.onTimeRate);
      if (row.onTimeRate !== null) expect(cells.getCell(15).numFmt).toBe("0.0%");
    });
    const onTime = rows.map((r) => r.figures.done_on_time.count);
    expect(onTime).toEqual([...onTime].sort((a, b) => b - a));
    expect(sheet.getColumn(3).width).toBeGreaterThan(30);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
  });

  it("Excel in English for an English reader", async () => {
    const lang = (await localeCookie.serialize("en")).split(";")[0]!;
    const sheet = await readSheet((await download("/scorecard/export", "lanhdao", lang)).bytes);
    expect(sheet.getCell("A1").value).toBe("UNIT SCORECARD: TASK IMPLEMENTATION");
    expect(sheet.getRow(HEADER_ROW).getCell(3).value).toBe("Unit");
  });

  it("CSV: BOM, the same rows, the rate in percent, formulas neutralised", async () => {
    const hostile = '=HYPERLINK("http://x.invalid","x")';
    const department = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
    db.run(sql`UPDATE departments SET name = ${hostile} WHERE id = ${department}`);
    try {
      const { response, bytes } = await download("/scorecard/export?format=csv&sort=name");
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString("utf8").slice(1).split("\r\n");
      expect(lines[0]).toBe(
        "Hạng,Mã đơn vị,Đơn vị,Được giao chủ trì,Hoàn thành đúng hạn,Hoàn thành quá hạn,Chờ xác nhận,Quá hạn,Sắp đến hạn,Trong hạn,Thường xuyên,Tạm dừng,Đã rút,Quá hạn chưa cập nhật,Tỷ lệ đúng hạn (%)",
      );
      const rows = scorecard(db, actorOf(db, "lanhdao"), {}, today(), true, "happened", "name");
      expect(lines.length).toBe(rows.length + 2); // header + rows + the final CRLF
      // The page's counts in every line, adding up (read from the end of the line: a quoted name may hold commas).
      rows.forEach((row, index) => {
        const counts = lines[1 + index]!.split(",")
          .slice(-1 - COLUMNS_VI.length, -1)
          .map(Number);
        expect(counts, row.department.name).toEqual(Object.values(row.figures).map((f) => f.count));
        expectCountsAddUp(counts, `CSV ${row.department.name}`);
      });
      const hostileLine = lines.find((line) => line.includes("HYPERLINK"))!;
      expect(hostileLine).toContain(`"'=HYPERLINK(""http://x.invalid"",""x"")"`);
      expect(lines.slice(1).join("\n")).not.toMatch(/(^|,)"?=/m);
      const rated = lines.slice(1, -1).map((line) => line.split(",").at(-1)!);
      expect(rated.every((value) => value === "" || /^\d{1,3}\.\d$/.test(value))).toBe(true);
      expect(rated.some((value) => value !== "")).toBe(true);
    } finally {
      db.run(sql`UPDATE departments SET name = 'Sở Thông tin và Truyền thông' WHERE id = ${department}`);
    }
  });

  it("answers bad input with a translated 400 or a bare 404, never a 500", async () => {
    const token = await sessionFor("lanhdao");
    const cases: [string, number, RegExp | null][] = [
      ["format=pdf", 400, /Định dạng tải về/],
      ["sort=nope", 400, /Cách sắp xếp/],
      ["dir=sideways", 400, /Cách sắp xếp/],
      ["asOf=31/02/2019", 400, /Ngày “31\/02\/2019” không tồn tại/],
      ["asOf=31-02-2019", 400, /không hợp lệ/],
      ["period=2019-Q9", 400, /Kỳ «2019-Q9» không hợp lệ/],
      ["committee=x", 400, /không hợp lệ/],
      ["committee=999999", 404, null],
      ["directive=999999", 404, null],
    ];
    for (const [query, status, message] of cases) {
      const outcome = await callRoute(scorecardExportLoader, { path: `/scorecard/export?${query}`, token });
      expect(outcome.status, query).toBe(status);
      if (message === null) expect(outcome.body, query).toBeNull();
      else expect((outcome.body as { message: string }).message, query).toMatch(message);
    }
    expect((await callRoute(scorecardExportLoader, { path: "/scorecard/export", token: null })).status).toBe(302);
  });
});
