// The task report exports (Excel, CSV): the list's rows, the list's access rules,
// the directive's structure (item numbers, sub-tasks under their parent), every
// figure as of the day, a report layout that reads back (title rows with the day and
// the basis), and no way to smuggle a formula into a cell.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { canSeeTask, type Actor } from "../../app/domain/permissions";
import { addDays, endOfLocalDay, localDateOf, type LocalDate } from "../../app/domain/dates";
import type { StatusBasis } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { localeCookie } from "../../app/lib/locale.server";
import { REPORT_COLUMNS, taskReport, taskReportWorkbook, type TaskReport } from "../../app/models/task-report.server";
import { loader } from "../../app/routes/tasks.export/route";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import {
  allTaskFacts,
  buildRequest,
  callRoute,
  sessionCookieHeader,
  sessionFor,
  sessionUser,
  TEST_CONTEXT,
  useFreshDemoDatabase,
} from "../setup/remix-harness";

const t = translator("vi");
let db: AppDatabase;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
});

function actorOf(login: string): Actor {
  return db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE login = ${login}`)!;
}

/** Every page of the task list, concatenated: what a user paging through would see. */
function listedIds(actor: Actor, query: Record<string, string>, asOf: LocalDate): number[] {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const result = listTasks(db, actor, taskListQuery(t).parse({ ...query, size: "100", page: String(page) }), asOf);
    ids.push(...result.rows.map((r) => r.id));
    if (page >= result.pages) return ids;
  }
}

function report(
  actor: Actor,
  query: Record<string, string>,
  asOf: LocalDate,
  basis: StatusBasis = "happened",
  translate = t,
): TaskReport {
  const result = taskReport(db, actor, taskListQuery(t).parse(query), asOf, basis, translate);
  if (!result.ok) throw new Error(result.message);
  return result.report;
}

/**
 * The rows follow the directives' structure: each directive's rows together, and a
 * task whose parent is in the report comes after it, with only the parent's other
 * descendants in between; a sub-task's item is written under its parent's number.
 */
function expectStructure(rows: TaskReport["rows"], label: string) {
  const tasks = new Map(
    db
      .all<{ id: number; directive_id: number; parent_id: number | null; item_number: string }>(
        sql`SELECT id, directive_id, parent_id, item_number FROM tasks`,
      )
      .map((r) => [r.id, r]),
  );
  const index = new Map(rows.map((r, i) => [r.taskId, i]));
  const seenDirectives: number[] = [];
  for (const row of rows) {
    const directive = tasks.get(row.taskId)!.directive_id;
    if (seenDirectives.at(-1) !== directive) {
      expect(seenDirectives, `${label}: directive ${directive} split`).not.toContain(directive);
      seenDirectives.push(directive);
    }
  }
  const descendsFrom = (id: number, ancestor: number): boolean => {
    for (let p = tasks.get(id)!.parent_id; p !== null; p = tasks.get(p)!.parent_id) if (p === ancestor) return true;
    return false;
  };
  for (const row of rows) {
    const parentId = tasks.get(row.taskId)!.parent_id;
    if (parentId === null) continue;
    const parentLabel = rows[index.get(parentId) ?? -1]?.cells.item;
    if (parentLabel !== undefined) {
      expect(String(row.cells.item).startsWith(`${String(parentLabel)}.`), `${label}: ${row.cells.item}`).toBe(true);
      const [from, to] = [index.get(parentId)!, index.get(row.taskId)!];
      expect(from, `${label}: parent of ${row.cells.item} after it`).toBeLessThan(to);
      for (const between of rows.slice(from + 1, to)) {
        expect(descendsFrom(between.taskId, parentId), `${label}: ${between.cells.item} inside ${parentLabel}`).toBe(
          true,
        );
      }
    }
  }
}

/** Calls the export route and returns the raw bytes (the harness reads bodies as text). */
async function download(path: string, login = "lanhdao", extraCookie?: string) {
  const cookie = await sessionCookieHeader(await sessionFor(login));
  const request = buildRequest({ path, ...(extraCookie ? { headers: { Cookie: extraCookie } } : {}) }, cookie);
  const response = (await loader({ request, params: {}, context: { ...TEST_CONTEXT } })) as Response;
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** Title, as-of day, basis, scope, author; a blank line; the header. */
const HEADER_ROW = 7;
/** The columns, 1-based, as the sheet holds them. */
const COLUMN = Object.fromEntries(REPORT_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<
  (typeof REPORT_COLUMNS)[number]["key"],
  number
>;

describe("task report rows", () => {
  it("are the task list's rows — in the list's order when a sort is chosen, else in the directives' structure", () => {
    const stttt = db.get<{ id: number }>(sql`SELECT id FROM departments WHERE code = 'STTTT'`)!.id;
    const today = localDateOf(Date.now());
    const queries: Record<string, string>[] = [
      {},
      { status: "overdue" },
      { status: "due_soon" },
      { status: "done_late", sort: "department", dir: "desc" },
      { department: String(stttt), sort: "updated" },
      { coordinator: String(stttt) },
      { dueFrom: "01/01/2019", dueTo: "31/12/2020", sort: "status" },
      { stale: "1" },
    ];
    for (const login of ["lanhdao", "vanphong", "stttt.truong"]) {
      const actor = actorOf(login);
      for (const asOf of ["2019-12-31", "2020-07-01", today]) {
        for (const query of queries) {
          const label = `${login} ${JSON.stringify(query)} as of ${asOf}`;
          const rows = report(actor, query, asOf).rows;
          const exported = rows.map((r) => r.taskId);
          const listed = listedIds(actor, query, asOf);
          if (query.sort !== undefined) {
            expect(exported, label).toEqual(listed);
          } else {
            expect(
              [...exported].sort((a, b) => a - b),
              label,
            ).toEqual([...listed].sort((a, b) => a - b));
            expectStructure(rows, label);
          }
          expect(
            rows.map((r) => r.cells.stt),
            label,
          ).toEqual(rows.map((_, i) => i + 1));
        }
      }
    }
    expect(report(actorOf("lanhdao"), { status: "due_soon" }, "2019-12-31").rows.length).toBeGreaterThan(0);
  });

  it("take the texts and the percent of the lead department's latest report by the as-of day, never a later one", () => {
    // Every task with reports, on every day one was filed and the day before it.
    const reports = db.all<{
      task_id: number;
      lead: number;
      department_id: number;
      percent: number;
      result: string;
      difficulties: string | null;
      proposals: string | null;
      created_at: number;
    }>(sql`
      SELECT pr.task_id, t.lead_department_id AS lead, pr.department_id, pr.percent, pr.result, pr.difficulties,
        pr.proposals, pr.created_at
      FROM progress_reports pr JOIN tasks t ON t.id = pr.task_id ORDER BY pr.created_at, pr.id`);
    // The demo never changes a lead: the lead's reports are those of today's lead.
    expect(
      db.get<{ n: number }>(sql`
        SELECT count(*) AS n FROM task_lead_assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.department_id <> t.lead_department_id`)!.n,
    ).toBe(0);
    expect(reports.some((r) => r.department_id !== r.lead)).toBe(true);
    const days = [
      ...new Set(reports.flatMap((r) => [localDateOf(r.created_at), addDays(localDateOf(r.created_at), -1)])),
    ];
    const actor = actorOf("vanphong");
    let compared = 0;
    let coordinatorLater = 0;
    for (const asOf of days.sort()) {
      const cutoff = endOfLocalDay(asOf);
      for (const row of report(actor, {}, asOf).rows) {
        const known = reports.filter((r) => r.task_id === row.taskId && r.created_at < cutoff);
        const latest = known.filter((r) => r.department_id === r.lead).at(-1);
        if (known.at(-1) !== latest) coordinatorLater++;
        expect(
          { result: row.cells.result, difficulties: row.cells.difficulties, proposals: row.cells.proposals },
          `task ${row.taskId} as of ${asOf}`,
        ).toEqual({
          result: latest?.result ?? null,
          difficulties: latest?.difficulties ?? null,
          proposals: latest?.proposals ?? null,
        });
        const completed = [t("status.done_on_time"), t("status.done_late"), t("status.awaiting_confirmation")];
        if (!completed.includes(String(row.cells.status))) {
          const lastMove = (state: string) =>
            db.get<{ at: number | null }>(sql`
              SELECT max(changed_at) AS at FROM task_transitions
              WHERE task_id = ${row.taskId} AND to_state = ${state} AND changed_at < ${cutoff}`)!.at;
          const completion = lastMove("awaiting_confirmation");
          const returned = lastMove("returned");
          // A return after the completion, and no report since: the lead's report before the completion stands.
          const standing = known
            .filter((r) => r.department_id === r.lead && completion !== null && r.created_at < completion)
            .at(-1);
          const percent =
            completion !== null &&
            returned !== null &&
            returned >= completion &&
            (latest === undefined || returned >= latest.created_at)
              ? (standing?.percent ?? 0)
              : completion !== null && (latest === undefined || completion >= latest.created_at)
                ? 100
                : (latest?.percent ?? 0);
          expect(row.cells.percent, `percent of ${row.taskId} as of ${asOf}`).toBe(percent);
        } else {
          expect(row.cells.percent, `percent of ${row.taskId} as of ${asOf}`).toBe(100);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    // Days on which a coordinating department reported after the lead: its report is not the row's.
    expect(coordinatorLater).toBeGreaterThan(0);
  });

  it("give a done task its completion date, and every dated task its deadline in force and its original one", () => {
    const rows = report(actorOf("vanphong"), {}, localDateOf(Date.now())).rows;
    const done = rows.filter(
      (r) => r.cells.status === t("status.done_on_time") || r.cells.status === t("status.done_late"),
    );
    expect(done.length).toBeGreaterThan(0);
    for (const row of done) expect(row.cells.completed).toMatchObject({ date: expect.any(String) });
    const original = new Map(
      db
        .all<{ id: number; original_due_date: string | null }>(sql`SELECT id, original_due_date FROM tasks`)
        .map((r) => [r.id, r.original_due_date]),
    );
    for (const row of rows) {
      const due = original.get(row.taskId);
      if (due === null) {
        expect(row.cells.originalDeadline).toBe(row.cells.deadline);
        expect(typeof row.cells.deadline).toBe("string");
      } else {
        expect(row.cells.originalDeadline).toEqual({ date: due });
      }
    }
    const extended = rows.filter((r) => typeof r.cells.extensions === "number" && r.cells.extensions > 0);
    expect(extended.length).toBeGreaterThan(0);
    for (const row of extended) expect(row.cells.deadline).not.toEqual(row.cells.originalDeadline);
  });

  it("count the extensions granted by the as-of day on its basis", () => {
    const extension = db.get<{ task_id: number; decided_at: number }>(sql`
      SELECT task_id, decided_at FROM extension_requests WHERE state IN ('approved', 'countered')
      ORDER BY decided_at LIMIT 1`)!;
    const row = (asOf: LocalDate, basis: StatusBasis) =>
      report(actorOf("vanphong"), {}, asOf, basis).rows.find((r) => r.taskId === extension.task_id)!;
    const decidedOn = localDateOf(extension.decided_at);
    const before = row(addDays(decidedOn, -1), "happened").cells.extensions as number;
    expect(row(decidedOn, "happened").cells.extensions).toBe(before + 1);
    // Entered a month after it was decided: as recorded, it counts from then.
    db.run(sql`UPDATE extension_requests SET decision_recorded_at = ${extension.decided_at + 30 * 86_400_000}
      WHERE task_id = ${extension.task_id} AND decided_at = ${extension.decided_at}`);
    try {
      expect(row(decidedOn, "recorded").cells.extensions).toBe(before);
      expect(row(decidedOn, "happened").cells.extensions).toBe(before + 1);
      expect(row(addDays(decidedOn, 30), "recorded").cells.extensions).toBe(before + 1);
    } finally {
      db.run(sql`UPDATE extension_requests SET decision_recorded_at = NULL
        WHERE task_id = ${extension.task_id} AND decided_at = ${extension.decided_at}`);
    }
  });

  it("write the seed directive's sub-tasks under their parent, right after it", () => {
    const seed = db.get<{ directive_id: number }>(sql`SELECT directive_id FROM tasks WHERE item_number = '10.a'`)!;
    const items = report(
      actorOf("vanphong"),
      { directive: String(seed.directive_id) },
      localDateOf(Date.now()),
    ).rows.map((r) => r.cells.item);
    const ten = items.indexOf("10");
    expect(ten).toBeGreaterThanOrEqual(0);
    expect(items.slice(ten, ten + 4)).toEqual(["10", "10.a", "10.b", "10.c"]);
    expect(items.slice(0, 3)).toEqual(["1", "2", "3"]);
  });
});

describe("task report access", () => {
  it("gives a department user only their tasks, never a confidential directive they are not assigned in", async () => {
    const user = sessionUser(await sessionFor("sgddt.truong"));
    const facts = allTaskFacts(db);
    const exported = report(actorOf("sgddt.truong"), {}, localDateOf(Date.now())).rows.map((r) => r.taskId);
    expect(exported.length).toBeGreaterThan(0);
    for (const id of exported) expect(canSeeTask(user, facts.get(id)!), `task ${id}`).toBe(true);
    const secret = db.get<{ id: number }>(sql`
      SELECT d.id FROM directives d WHERE d.confidential = 1 AND NOT EXISTS (
        SELECT 1 FROM tasks t WHERE t.directive_id = d.id AND (t.lead_department_id = ${user.departmentId}
          OR EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${user.departmentId})))`)!;
    const secretTasks = db
      .all<{ id: number }>(sql`SELECT id FROM tasks WHERE directive_id = ${secret.id}`)
      .map((r) => r.id);
    expect(secretTasks.length).toBeGreaterThan(0);
    expect(exported.filter((id) => secretTasks.includes(id))).toEqual([]);

    // Asking for that directive by id answers 404 with a message, not its tasks.
    const outcome = await callRoute(loader, {
      path: `/tasks/export?format=csv&directive=${secret.id}`,
      token: await sessionFor("sgddt.truong"),
    });
    expect(outcome.status).toBe(404);
    expect(outcome.body).toMatchObject({ message: t("report.error.directive", { id: String(secret.id) }) });
    // Leadership sees it.
    const lead = await download(`/tasks/export?format=csv&directive=${secret.id}`);
    expect(lead.response.status).toBe(200);
  });

  it("answers a malformed query with a translated 400 and an unknown id with a 404, never a 500", async () => {
    const token = await sessionFor("lanhdao");
    const cases: [string, number, RegExp][] = [
      ["asOf=32/13/2019", 400, /Ngày “32\/13\/2019” không tồn tại/],
      ["asOf=32-13-2019", 400, /Ngày “32-13-2019” không hợp lệ/],
      ["status=bogus", 400, /Bộ lọc không hợp lệ/],
      ["department=abc", 400, /Bộ lọc không hợp lệ/],
      ["dueFrom=2019-02-30", 400, /Bộ lọc không hợp lệ/],
      ["format=pdf", 400, /Định dạng tải về/],
      ["department=999999", 404, /Không tìm thấy đơn vị/],
      ["coordinator=999999", 404, /Không tìm thấy đơn vị/],
      ["directive=999999", 404, /Không tìm thấy văn bản/],
      ["committee=999999", 404, /Không tìm thấy Ban Chỉ đạo/],
    ];
    for (const [query, status, message] of cases) {
      const outcome = await callRoute(loader, { path: `/tasks/export?${query}`, token });
      expect(outcome.status, query).toBe(status);
      expect((outcome.body as { message: string }).message, query).toMatch(message);
    }
    const signedOut = await callRoute(loader, { path: "/tasks/export", token: null });
    expect(signedOut.status).toBe(302);
  });
});

describe("task report files", () => {
  it("Excel: title block, header row, real dates, Vietnamese labels, an attachment with an ASCII name", async () => {
    const { response, bytes } = await download("/tasks/export?format=xlsx&status=due_soon&asOf=31/12/2019");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="bao-cao-nhiem-vu-2019-12-31.xlsx"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const sheet = await readWorkbook(bytes);
    expect(sheet.getCell("A1").value).toBe("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
    expect(sheet.getCell("A2").value).toBe("Số liệu tính đến ngày 31/12/2019");
    expect(sheet.getCell("A3").value).toBe("Số liệu theo thực tế diễn ra");
    expect(sheet.getCell("A4").value).toBe("Phạm vi: Tình trạng: Sắp đến hạn");
    expect(String(sheet.getCell("A5").value)).toContain("Người lập:");
    const header = (sheet.getRow(HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual([
      "STT",
      "Mục",
      "Nhiệm vụ",
      "Đơn vị chủ trì",
      "Đơn vị phối hợp",
      "Văn bản giao (số ký hiệu, ngày)",
      "Thời hạn áp dụng",
      "Thời hạn ban đầu",
      "Tình trạng",
      "Tiến độ (%)",
      "Kết quả",
      "Khó khăn, vướng mắc",
      "Đề xuất, kiến nghị",
      "Số lần gia hạn",
      "Ngày hoàn thành",
      "Cập nhật lần cuối",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    const expected = report(actorOf("lanhdao"), { status: "due_soon" }, "2019-12-31").rows;
    expect(sheet.rowCount).toBe(HEADER_ROW + expected.length);
    const first = sheet.getRow(HEADER_ROW + 1);
    expect(first.getCell(COLUMN.stt).value).toBe(1);
    expect(first.getCell(COLUMN.item).value).toBe(expected[0]!.cells.item);
    expect(first.getCell(COLUMN.task).value).toBe(expected[0]!.cells.task);
    expect(first.getCell(COLUMN.status).value).toBe("Sắp đến hạn");
    expect(first.getCell(COLUMN.percent).value).toBe(expected[0]!.cells.percent);
    expect(typeof first.getCell(COLUMN.percent).value).toBe("number");
    for (const key of ["deadline", "originalDeadline"] as const) {
      const cell = first.getCell(COLUMN[key]);
      expect(cell.value).toBeInstanceOf(Date);
      expect(cell.numFmt).toBe("dd/mm/yyyy");
      expect((cell.value as Date).toISOString().slice(0, 10)).toBe((expected[0]!.cells[key] as { date: string }).date);
    }
    expect(first.getCell(COLUMN.updated).value).toBeInstanceOf(Date);
    expect(sheet.getColumn(COLUMN.task).width).toBeGreaterThan(30);
  });

  it("Excel in English when the user reads English", async () => {
    const lang = (await localeCookie.serialize("en")).split(";")[0]!;
    const { bytes } = await download("/tasks/export?status=overdue", "lanhdao", lang);
    const sheet = await readWorkbook(bytes);
    expect(sheet.getCell("A1").value).toBe("TASK IMPLEMENTATION REPORT");
    expect(sheet.getCell("A3").value).toBe("Figures as it happened");
    expect(sheet.getRow(HEADER_ROW).getCell(COLUMN.status).value).toBe("Status");
    expect(sheet.getRow(HEADER_ROW).getCell(COLUMN.item).value).toBe("Item");
    expect(sheet.getRow(HEADER_ROW + 1).getCell(COLUMN.status).value).toBe("Overdue");
  });

  it("title rows state the day and the basis; the file name tells the bases apart", async () => {
    const recorded = await download("/tasks/export?format=xlsx&asOf=31/12/2019&basis=recorded");
    expect(recorded.response.status).toBe(200);
    expect(recorded.response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="bao-cao-nhiem-vu-2019-12-31-theo-ghi-nhan.xlsx"',
    );
    const sheet = await readWorkbook(recorded.bytes);
    expect(sheet.getCell("A2").value).toBe("Số liệu tính đến ngày 31/12/2019");
    expect(sheet.getCell("A3").value).toBe("Số liệu theo ghi nhận đến hết ngày 31/12/2019");
    const csv = await download("/tasks/export?format=csv&asOf=2019-12-31&basis=recorded");
    expect(csv.response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="bao-cao-nhiem-vu-2019-12-31-theo-ghi-nhan.csv"',
    );
    const en = translator("en");
    const english = await readWorkbook(
      await taskReportWorkbook(
        report(actorOf("lanhdao"), {}, "2019-12-31", "recorded", en),
        { name: "A", at: Date.now() },
        en,
      ),
    );
    expect(english.getCell("A2").value).toBe("Figures as of 31/12/2019");
    expect(english.getCell("A3").value).toBe("Figures as recorded by the end of 31/12/2019");
  });

  it("CSV: BOM, RFC 4180 quoting, dd/mm/yyyy dates, formulas neutralised (and kept as text in Excel)", async () => {
    const target = db.get<{ id: number }>(sql`SELECT id FROM tasks ORDER BY id LIMIT 1`)!;
    const hostile = '=HYPERLINK("http://x.invalid","click"), then more';
    db.run(sql`UPDATE tasks SET title = ${hostile}, updated_at = ${Date.now() + 60_000} WHERE id = ${target.id}`);
    try {
      const { response, bytes } = await download("/tasks/export?format=csv&sort=updated&dir=desc");
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("Content-Disposition")).toMatch(
        /^attachment; filename="bao-cao-nhiem-vu-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString("utf8").slice(1);
      const lines = text.split("\r\n");
      expect(lines[0]).toBe(
        "STT,Mục,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Văn bản giao (số ký hiệu, ngày),Thời hạn áp dụng,Thời hạn ban đầu,Tình trạng,Tiến độ (%),Kết quả,Khó khăn, vướng mắc,Đề xuất, kiến nghị,Số lần gia hạn,Ngày hoàn thành,Cập nhật lần cuối"
          .replace("Văn bản giao (số ký hiệu, ngày)", '"Văn bản giao (số ký hiệu, ngày)"')
          .replace("Khó khăn, vướng mắc", '"Khó khăn, vướng mắc"')
          .replace("Đề xuất, kiến nghị", '"Đề xuất, kiến nghị"'),
      );
      expect(text).toContain(`"'=HYPERLINK(""http://x.invalid"",""click""), then more"`);
      expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
      expect(text).toMatch(/,\d{2}\/\d{2}\/\d{4},/);

      const sheet = await readWorkbook((await download("/tasks/export?format=xlsx&sort=updated&dir=desc")).bytes);
      const cell = sheet.getRow(HEADER_ROW + 1).getCell(COLUMN.task);
      expect(cell.value).toBe(hostile);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    } finally {
      db.run(sql`UPDATE tasks SET title = 'restored' WHERE id = ${target.id}`);
    }
  });
});
