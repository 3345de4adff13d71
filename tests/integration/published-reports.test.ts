// Published period reports ("chốt số liệu", docs/domain-rules.md §4.4, docs/decisions/018
// "Published reports"): the secretariat publishes Q4/2019 through the real routes, on a
// real migrated SQLite file with the demo data. The report keeps the official figures of
// 31/12/2019 (leadership's: confidential included, no drafts) and its files byte for byte,
// whatever is entered afterwards; its page lists, computed now, the tasks that read
// differently on that day and why. Published rows cannot be changed, and every refusal
// answers with the right status and stores nothing.
import ExcelJS from "exceljs";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, publishedReports } from "../../db/schema";
import { addDays, formatLocalDate, today, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { TASK_STATUSES } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { SCORECARD_COLUMNS } from "../../app/lib/scorecard";
import { dashboardFigures, scorecard } from "../../app/models/dashboard.server";
import { createDirective, setDirectiveState } from "../../app/models/directives.server";
import { changeDeadline, recordPastCompletion } from "../../app/models/past-records.server";
import {
  getPublishedReport,
  publishedFile,
  type ChangedTask,
  type ReportContent,
  type ReportScope,
} from "../../app/models/published-reports.server";
import { csvField, REPORT_COLUMNS } from "../../app/models/task-report.server";
import { createTask } from "../../app/models/tasks.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { action as publishAction, loader as reportsLoader } from "../../app/routes/reports._index/route";
import { loader as reportLoader } from "../../app/routes/reports.$id/route";
import { loader as downloadLoader } from "../../app/routes/reports.$id_.download";
import { loader as taskExportLoader } from "../../app/routes/tasks.export/route";
import {
  buildRequest,
  callRoute,
  sessionCookieHeader,
  sessionFor,
  TEST_CONTEXT,
  useFreshDemoDatabase,
  type RouteHandler,
} from "../setup/remix-harness";

const vi = translator("vi");
const CUT_OFF: LocalDate = "2019-12-31";
const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: "published-reports" };
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const actorOf = (db: AppDatabase, login: string) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;

/** The figures of a report's scope as leadership reads them on the cut-off day, as it happened. */
function officialFigures(db: AppDatabase, leadership: Actor, scope: ReportScope) {
  const counts = dashboardFigures(db, leadership, scope, CUT_OFF, false, "happened").counts;
  const rows = scorecard(db, leadership, scope, CUT_OFF, false, "happened");
  const list = listTasks(
    db,
    leadership,
    taskListQuery(vi).parse(scope.committee === undefined ? {} : { committee: String(scope.committee) }),
    CUT_OFF,
    "happened",
    50_000,
  );
  return {
    counts: Object.fromEntries([...TASK_STATUSES, "stale" as const].map((s) => [s, counts[s]])),
    scorecard: rows.map((r) => ({
      department: r.department,
      counts: Object.fromEntries(SCORECARD_COLUMNS.map((c) => [c, r.figures[c].count])),
      onTimeRate: r.onTimeRate,
      rank: r.rank,
    })),
    tasks: list.rows
      .map((r) => ({ id: r.id, title: r.title, lead: r.lead.name, status: r.status, dueDate: r.dueDate }))
      .sort((a, b) => a.id - b.id),
  };
}

/** A download's response and its bytes, as the browser receives them. */
async function download(loader: RouteHandler, path: string, params: Record<string, string>, login = "lanhdao") {
  const cookie = await sessionCookieHeader(await sessionFor(login));
  const response = (await loader({
    request: buildRequest({ path }, cookie),
    params,
    context: { ...TEST_CONTEXT },
  })) as Response;
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A cell's text: shared or rich strings read as plain text. */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return String(value);
}

/** The database's own message of a refused statement (drizzle wraps it as the error's cause). */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return `${String(error)} ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  return "no error";
}

interface Published {
  id: number;
  scope: ReportScope;
  content: ReportContent;
  publishedAt: number;
  xlsx: Buffer;
  csv: Buffer;
}

describe("published period reports", () => {
  let db: AppDatabase;
  let leadership: Actor;
  let secretariat: Actor;
  let egov: number;
  let draftTask: number;
  let confidentialTask: number;
  const reports: Published[] = [];

  const displayName = (login: string) =>
    db.get<{ name: string }>(sql`SELECT display_name AS name FROM users WHERE login = ${login}`)!.name;
  const publishedCount = () => db.select({ n: count() }).from(publishedReports).get()!.n;
  const publishEvents = () =>
    db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "report.publish")).get()!.n;

  /** An issued (or draft) directive of the e-government committee of `day`, with one STTTT task assigned that day. */
  function directiveWithTask(
    number: string,
    day: LocalDate,
    dueDate: LocalDate,
    options: { draft?: boolean; confidential?: boolean } = {},
  ) {
    const lead = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
    const directive = createDirective(
      db,
      secretariat,
      {
        committeeId: egov,
        meetingId: null,
        number,
        type: "conclusion_notice",
        issuedOn: day,
        issuer: "UBND Thành phố Hà Nội",
        signer: null,
        abstract: `Kết luận của Trưởng Ban Chỉ đạo ngày ${formatLocalDate(day)} (nhập bổ sung)`,
        fullText: null,
        confidential: options.confidential ?? false,
      },
      origin,
    );
    if (!directive.ok) throw new Error(JSON.stringify(directive));
    const task = createTask(
      db,
      secretariat,
      {
        directiveId: directive.id,
        parentId: null,
        itemNumber: "1",
        title: `Nhiệm vụ của văn bản ${number}`,
        description: null,
        leadDepartmentId: lead,
        coordinatorDepartmentIds: [],
        deadlineKind: "dated",
        dueDate,
        assignedOn: day,
      },
      origin,
    );
    if (!task.ok) throw new Error(JSON.stringify(task));
    if (!options.draft) {
      const issued = setDirectiveState(db, secretariat, directive.id, 1, "issued", origin);
      if (!issued.ok) throw new Error(JSON.stringify(issued));
    }
    return task.id;
  }

  async function publish(form: Record<string, string>, login = "vanphong") {
    return callRoute(publishAction, { path: "/reports", method: "POST", form, token: await sessionFor(login) });
  }

  beforeAll(async () => {
    db = await useFreshDemoDatabase();
    leadership = actorOf(db, "lanhdao");
    secretariat = actorOf(db, "vanphong");
    egov = db.get<{ id: number }>(sql`SELECT id FROM committees WHERE code = 'BCD-CQDT'`)!.id;
    // Before publication: a draft (not official) and a confidential directive (official) of Q4/2019.
    draftTask = directiveWithTask("77/DT-BCĐ", "2019-10-01", "2019-11-15", { draft: true });
    confidentialTask = directiveWithTask("78/UBND-NC", "2019-11-01", "2019-11-30", { confidential: true });
  });

  it("stores the official figures of 31/12/2019 as leadership reads them, an audit event, and serves the stored files", async () => {
    const scopes: [string, Record<string, string>, ReportScope][] = [
      ["Báo cáo quý IV/2019", { title: "Báo cáo quý IV/2019", cutOff: "31/12/2019", committee: "" }, {}],
      [
        "Báo cáo quý IV/2019 — Ban Chỉ đạo Chính quyền điện tử",
        {
          title: "  Báo cáo quý IV/2019 — Ban Chỉ đạo Chính quyền điện tử  ",
          cutOff: "31/12/2019",
          committee: String(egov),
        },
        { committee: egov },
      ],
    ];
    for (const [title, form, scope] of scopes) {
      const events = publishEvents();
      const outcome = await publish(form);
      expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
      const id = Number(/^\/reports\/(\d+)\?saved=1$/.exec(outcome.location ?? "")?.[1]);
      expect(id, outcome.location).toBeGreaterThan(0);

      const stored = getPublishedReport(db, id)!;
      expect(stored).toMatchObject({ title, cutOff: CUT_OFF, scope, publishedBy: displayName("vanphong") });
      const official = officialFigures(db, leadership, scope);
      expect(stored.content.counts).toEqual(official.counts);
      expect(stored.content.scorecard).toEqual(official.scorecard);
      expect(
        stored.content.tasks
          .map((t) => ({ id: t.id, title: t.title, lead: t.lead, status: t.status, dueDate: t.dueDate }))
          .sort((a, b) => a.id - b.id),
      ).toEqual(official.tasks);
      // The counts add up to the rows: the figures are those of the same tasks.
      const total = TASK_STATUSES.reduce((sum, s) => sum + stored.content.counts[s], 0);
      expect(total).toBe(stored.content.tasks.length);
      // Q4/2019: the seed notice's thirteen tasks and the confidential letter's; not the draft's.
      const ids = stored.content.tasks.map((t) => t.id);
      expect(ids).toHaveLength(14);
      expect(ids).toContain(confidentialTask);
      expect(ids).not.toContain(draftTask);
      // The secretariat itself sees the draft: the report is not the publisher's own view.
      const own = listTasks(db, secretariat, taskListQuery(vi).parse({}), CUT_OFF, "happened", 50_000);
      expect(own.rows.map((r) => r.id)).toContain(draftTask);
      expect(stored.content.counts.overdue).toBeGreaterThan(0);
      expect(stored.content.counts.done_on_time).toBeGreaterThan(0);

      // One audit event, by the secretariat, in the same write.
      expect(publishEvents()).toBe(events + 1);
      const event = db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "report.publish"), eq(auditEvents.entityId, String(id))))
        .get()!;
      expect(event).toMatchObject({ actorId: secretariat.id, entityType: "published_report", at: stored.publishedAt });
      expect(event.after).toMatchObject({ title, cutOff: CUT_OFF, scope, tasks: 14 });

      // The downloads are the stored bytes.
      const xlsx = await download(downloadLoader, `/reports/${id}/download?format=xlsx`, { id: String(id) });
      expect(xlsx.response.status).toBe(200);
      expect(xlsx.response.headers.get("Content-Type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(xlsx.response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="bao-cao-da-chot-${id}.xlsx"`,
      );
      expect(xlsx.bytes.equals(publishedFile(db, id, "xlsx")!)).toBe(true);
      // Without ?format the Excel file.
      const byDefault = await download(downloadLoader, `/reports/${id}/download`, { id: String(id) });
      expect(byDefault.bytes.equals(xlsx.bytes)).toBe(true);

      const workbook = await workbookOf(xlsx.bytes);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([vi("report.sheet"), "Tổng hợp"]);
      const tasksSheet = workbook.worksheets[0]!;
      let header = 0;
      tasksSheet.eachRow((row, n) => {
        if (header === 0 && text(row.getCell(3).value) === vi("report.col.task")) header = n;
      });
      expect(header).toBeGreaterThan(0);
      expect(REPORT_COLUMNS.map((_, i) => text(tasksSheet.getRow(header).getCell(i + 1).value))).toEqual(
        REPORT_COLUMNS.map((c) => vi(c.header)),
      );
      expect(tasksSheet.rowCount).toBe(header + stored.content.tasks.length);
      stored.content.tasks.forEach((task, i) => {
        const row = tasksSheet.getRow(header + 1 + i);
        expect(text(row.getCell(3).value), `row ${i + 1}`).toBe(task.title);
        expect(text(row.getCell(9).value), `row ${i + 1}`).toBe(vi(`status.${task.status}`));
      });
      const summary = workbook.worksheets[1]!;
      expect(text(summary.getCell("A1").value)).toBe("Số nhiệm vụ theo tình trạng");
      TASK_STATUSES.forEach((status, i) => {
        expect(text(summary.getRow(2 + i).getCell(1).value)).toBe(vi(`status.${status}`));
        expect(summary.getRow(2 + i).getCell(2).value, status).toBe(stored.content.counts[status]);
      });
      const staleRow = summary.getRow(2 + TASK_STATUSES.length);
      expect(text(staleRow.getCell(1).value)).toBe(vi("status.flag.stale"));
      expect(staleRow.getCell(2).value).toBe(stored.content.counts.stale);
      const scorecardTitle = 2 + TASK_STATUSES.length + 2;
      expect(text(summary.getRow(scorecardTitle).getCell(1).value)).toBe("Xếp hạng đơn vị");
      stored.content.scorecard.forEach((row, i) => {
        const cells = summary.getRow(scorecardTitle + 2 + i);
        expect(cells.getCell(1).value).toBe(row.rank);
        expect(text(cells.getCell(2).value)).toBe(row.department.name);
        expect(SCORECARD_COLUMNS.map((_, c) => cells.getCell(3 + c).value)).toEqual(
          SCORECARD_COLUMNS.map((c) => row.counts[c]),
        );
      });
      expect(summary.rowCount).toBe(scorecardTitle + 1 + stored.content.scorecard.length);

      const csv = await download(downloadLoader, `/reports/${id}/download?format=csv`, { id: String(id) });
      expect(csv.response.status).toBe(200);
      expect(csv.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(csv.response.headers.get("Content-Disposition")).toBe(`attachment; filename="bao-cao-da-chot-${id}.csv"`);
      expect(csv.bytes.equals(publishedFile(db, id, "csv")!)).toBe(true);
      expect(csv.bytes.subarray(0, 3).equals(BOM)).toBe(true);
      const body = csv.bytes.subarray(3).toString("utf8");
      expect(body.split("\r\n")[0]).toBe(REPORT_COLUMNS.map((c) => csvField(vi(c.header))).join(","));
      expect(body).toMatch(/^STT,Mục,Nhiệm vụ,Đơn vị chủ trì,/);
      for (const task of stored.content.tasks) expect(body).toContain(task.title);
      // …and the same file leadership exports from the task list of that day, before anything changes.
      const query = scope.committee === undefined ? "" : `&committee=${scope.committee}`;
      const exported = await download(taskExportLoader, `/tasks/export?format=csv&asOf=31/12/2019${query}`, {});
      expect(exported.response.status).toBe(200);
      expect(exported.bytes.toString("utf8")).toBe(csv.bytes.toString("utf8"));

      reports.push({
        id,
        scope,
        content: stored.content,
        publishedAt: stored.publishedAt,
        xlsx: xlsx.bytes,
        csv: csv.bytes,
      });
    }
  });

  it("keeps its files byte-identical after records that change 31/12/2019, and lists what changed and why", async () => {
    expect(reports).toHaveLength(2);
    const after = Math.max(...reports.map((r) => r.publishedAt)) + 1_000;
    const taskOf = (item: string) =>
      db.get<{ id: number; version: number }>(sql`
        SELECT t.id, t.version FROM tasks t JOIN directives d ON d.id = t.directive_id
        WHERE d.number = '1198/TB-UBND' AND t.item_number = ${item}`)!;
    const then = (id: number) => reports[0]!.content.tasks.find((t) => t.id === id)?.status;

    // Item 7 (due 30/11/2019) was overdue on 31/12/2019; its due date was entered wrongly: 31/01/2020.
    const corrected = taskOf("7");
    expect(then(corrected.id)).toBe("overdue");
    const correction = changeDeadline(
      db,
      secretariat,
      corrected.id,
      corrected.version,
      { kind: "correction", dueDate: "2020-01-31", effectiveOn: null, reason: "Nhập nhầm thời hạn tại Thông báo 1198" },
      origin,
      after,
    );
    expect(correction).toMatchObject({ ok: true });

    // Item 8 (due 30/06/2020) was on track; it was in fact done on 20/12/2019, confirmed on paper on 30/12/2019.
    const completed = taskOf("8");
    expect(then(completed.id)).toBe("on_track");
    const completion = recordPastCompletion(
      db,
      secretariat,
      completed.id,
      completed.version,
      {
        completionDate: "2019-12-20",
        reportedOn: "2019-12-20",
        confirmedOn: "2019-12-30",
        result: "Đã hoàn thành theo Báo cáo số 90/BC-SNV.",
        reason: "Báo cáo và xác nhận bằng văn bản, nhập bổ sung.",
      },
      origin,
      after + 1_000,
    );
    expect(completion).toMatchObject({ ok: true });

    // A notice of 10/12/2019 entered only now, with its task due 20/12/2019: overdue then.
    const entered = directiveWithTask("79/TB-BCĐ", "2019-12-10", "2019-12-20");

    const expected: Partial<ChangedTask>[] = [
      { id: corrected.id, then: "overdue", now: "on_track", reasons: ["correction"] },
      { id: completed.id, then: "on_track", now: "done_on_time", reasons: ["late_entry"] },
      { id: entered, then: null, now: "overdue" },
    ];
    for (const report of reports) {
      // Byte for byte what was downloaded at publication, in both formats.
      for (const format of ["xlsx", "csv"] as const) {
        const again = await download(downloadLoader, `/reports/${report.id}/download?format=${format}`, {
          id: String(report.id),
        });
        expect(again.response.status).toBe(200);
        expect(again.bytes.equals(report[format]), `${report.id} ${format}`).toBe(true);
        expect(publishedFile(db, report.id, format)!.equals(report[format])).toBe(true);
      }
      expect(getPublishedReport(db, report.id)!.content).toEqual(report.content);
      // …while the same export made now reads differently.
      const query = report.scope.committee === undefined ? "" : `&committee=${report.scope.committee}`;
      const live = await download(taskExportLoader, `/tasks/export?format=csv&asOf=31/12/2019${query}`, {});
      expect(live.bytes.equals(report.csv)).toBe(false);

      // The report's page lists exactly the three tasks, with the status then and now, and why.
      for (const login of ["lanhdao", "vanphong"]) {
        const page = await callRoute(reportLoader, {
          path: `/reports/${report.id}`,
          params: { id: String(report.id) },
          token: await sessionFor(login),
        });
        expect(page.status).toBe(200);
        const { changed, report: shown } = page.body as { changed: ChangedTask[]; report: { content: ReportContent } };
        expect(shown.content).toEqual(report.content);
        const byId = [...changed].sort((a, b) => a.id - b.id);
        expect(
          byId.map(({ id, then, now, reasons }) => (id === entered ? { id, then, now } : { id, then, now, reasons })),
          `${login}, report ${report.id}`,
        ).toEqual([...expected].sort((a, b) => a.id! - b.id!));
        const newcomer = changed.find((c) => c.id === entered)!;
        expect(newcomer).toMatchObject({ itemNumber: "1", title: "Nhiệm vụ của văn bản 79/TB-BCĐ" });
        // Entered after publication: that is the whole reason (its own first lead assignment is not a late entry).
        expect(newcomer.reasons).toEqual(["entered_later"]);
      }
    }
  });

  it("cannot be updated or deleted, not even outside the app", () => {
    const { id } = reports[0] ?? { id: 1 };
    const before = db.select().from(publishedReports).where(eq(publishedReports.id, id)).get();
    expect(before).toBeDefined();
    for (const statement of [
      sql`UPDATE published_reports SET title = 'Sửa lại' WHERE id = ${id}`,
      sql`UPDATE published_reports SET csv = x'00' WHERE id = ${id}`,
      sql`UPDATE published_reports SET content = '{}'`,
      sql`DELETE FROM published_reports WHERE id = ${id}`,
      sql`DELETE FROM published_reports`,
    ]) {
      expect(refusal(() => db.run(statement))).toMatch(/published_reports_append_only/);
    }
    expect(db.select().from(publishedReports).where(eq(publishedReports.id, id)).get()).toEqual(before);
  });

  it("refuses a future cut-off, a blank title, an unknown committee, other roles, unknown ids and formats", async () => {
    const stored = publishedCount();
    const events = publishEvents();
    type Reply = { result: { status: string; error: Record<string, string[] | null> } };

    const tomorrow = formatLocalDate(addDays(today(), 1));
    const future = await publish({ title: "Báo cáo quý tới", cutOff: tomorrow, committee: "" });
    expect(future.status).toBe(400);
    expect((future.body as Reply).result.error.cutOff).toEqual([vi("published.error.cut_off_in_future")]);
    expect((future.body as Reply).result.error.cutOff).toEqual(["Ngày chốt chưa đến."]);

    const blank = await publish({ title: "   ", cutOff: "31/12/2019", committee: "" });
    expect(blank.status).toBe(400);
    expect((blank.body as Reply).result.error.title).toHaveLength(1);
    expect((blank.body as Reply).result.error.title).toEqual(["Vui lòng nhập tên báo cáo."]);

    const badDay = await publish({ title: "Báo cáo", cutOff: "31/02/2019", committee: "" });
    expect(badDay.status).toBe(400);
    expect((badDay.body as Reply).result.error.cutOff).toHaveLength(1);

    const unknown = await publish({ title: "Báo cáo", cutOff: "31/12/2019", committee: "999999" });
    expect(unknown.status).toBe(400);
    expect((unknown.body as Reply).result.error.committee).toEqual([vi("published.error.not_found")]);

    for (const login of ["lanhdao", "sgddt.truong", "stttt.chuyenvien", "admin"]) {
      const refused = await publish({ title: "Báo cáo quý IV/2019", cutOff: "31/12/2019", committee: "" }, login);
      expect(refused.status, login).toBe(403);
    }
    expect(publishedCount()).toBe(stored);
    expect(publishEvents()).toBe(events);

    const id = String(reports[0]?.id ?? 1);
    for (const login of ["sgddt.truong", "stttt.chuyenvien"]) {
      const token = await sessionFor(login);
      expect((await callRoute(reportsLoader, { path: "/reports", token })).status, login).toBe(403);
      expect((await callRoute(reportLoader, { path: `/reports/${id}`, params: { id }, token })).status, login).toBe(
        403,
      );
      const file = await callRoute(downloadLoader, {
        path: `/reports/${id}/download?format=csv`,
        params: { id },
        token,
      });
      expect(file.status, login).toBe(403);
    }
    // Signed out: to the sign-in page.
    expect((await callRoute(reportsLoader, { path: "/reports" })).status).toBe(302);

    const chair = await sessionFor("lanhdao");
    for (const missing of ["999999", "abc", "0"]) {
      const page = await callRoute(reportLoader, {
        path: `/reports/${missing}`,
        params: { id: missing },
        token: chair,
      });
      expect(page.status, missing).toBe(404);
      const file = await callRoute(downloadLoader, {
        path: `/reports/${missing}/download?format=xlsx`,
        params: { id: missing },
        token: chair,
      });
      expect(file.status, missing).toBe(404);
    }
    const pdf = await callRoute(downloadLoader, {
      path: `/reports/${id}/download?format=pdf`,
      params: { id },
      token: chair,
    });
    expect(pdf.status).toBe(400);
    expect(pdf.body).toEqual({ message: vi("published.download.invalid", { value: "pdf" }) });
    expect(pdf.body).toEqual({ message: "Định dạng tệp “pdf” không hợp lệ: dùng xlsx hoặc csv." });
  });

  it("are listed and shown to leadership, the administrator and the secretariat; only the secretariat may publish", async () => {
    expect(reports).toHaveLength(2);
    for (const [login, canPublish] of [
      ["lanhdao", false],
      ["admin", false],
      ["vanphong", true],
    ] as const) {
      const token = await sessionFor(login);
      const list = await callRoute(reportsLoader, { path: "/reports", token });
      expect(list.status, login).toBe(200);
      const body = list.body as {
        reports: { id: number; title: string; cutOff: string; scopeText: string; publishedBy: string }[];
        committees: { id: number }[] | null;
      };
      expect(body.reports.map((r) => r.id)).toEqual([reports[1]!.id, reports[0]!.id]);
      expect(body.reports[1]).toMatchObject({
        title: "Báo cáo quý IV/2019",
        cutOff: CUT_OFF,
        scopeText: "tất cả nhiệm vụ",
        publishedBy: displayName("vanphong"),
      });
      expect(body.reports[0]!.scopeText).toBe("Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội");
      expect(body.committees === null, login).toBe(!canPublish);

      const id = String(reports[1]!.id);
      const page = await callRoute(reportLoader, { path: `/reports/${id}`, params: { id }, token });
      expect(page.status, login).toBe(200);
      const shown = page.body as { report: { title: string; content: ReportContent }; scopeText: string };
      expect(shown.report.title).toBe("Báo cáo quý IV/2019 — Ban Chỉ đạo Chính quyền điện tử");
      expect(shown.report.content.tasks).toHaveLength(14);
      expect(shown.scopeText).toBe("Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội");
      const file = await download(downloadLoader, `/reports/${id}/download?format=csv`, { id }, login);
      expect(file.response.status, login).toBe(200);
      expect(file.bytes.equals(reports[1]!.csv)).toBe(true);
    }
  });
});
