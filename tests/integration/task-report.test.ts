// The task report exports (Excel, CSV): the list's rows, the list's access rules,
// a report layout that reads back, and no way to smuggle a formula into a cell.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { canSeeTask, type Actor } from "../../app/domain/permissions";
import { endOfLocalDay, localDateOf, type LocalDate } from "../../app/domain/dates";
import type { AppDatabase } from "../../app/lib/db.server";
import { translator } from "../../app/lib/i18n";
import { localeCookie } from "../../app/lib/locale.server";
import { getStatusRules } from "../../app/models/settings.server";
import { taskReport, type TaskReport } from "../../app/models/task-report.server";
import { loader } from "../../app/routes/tasks.export/route";
import { listTasks, taskListQuery } from "../../app/routes/tasks._index/queries.server";
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
    const result = listTasks(
      db,
      actor,
      taskListQuery(t).parse({ ...query, size: "100", page: String(page) }),
      asOf,
      getStatusRules(db),
    );
    ids.push(...result.rows.map((r) => r.id));
    if (page >= result.pages) return ids;
  }
}

function report(actor: Actor, query: Record<string, string>, asOf: LocalDate): TaskReport {
  const result = taskReport(db, actor, taskListQuery(t).parse(query), asOf, getStatusRules(db), t);
  if (!result.ok) throw new Error(result.message);
  return result.report;
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

const HEADER_ROW = 6;

describe("task report rows", () => {
  it("are the task list's rows, in the list's order, for every filter and as-of day", () => {
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
          const exported = report(actor, query, asOf).rows.map((r) => r.taskId);
          expect(exported, `${login} ${JSON.stringify(query)} as of ${asOf}`).toEqual(listedIds(actor, query, asOf));
        }
      }
    }
    expect(report(actorOf("lanhdao"), { status: "due_soon" }, "2019-12-31").rows.length).toBeGreaterThan(0);
  });

  it("take result, difficulties and proposals from the latest progress report known at the as-of day", () => {
    const task = db.get<{ task_id: number }>(sql`
      SELECT task_id FROM progress_reports GROUP BY task_id HAVING count(DISTINCT date(created_at / 1000, 'unixepoch')) > 1
      ORDER BY task_id LIMIT 1`)!;
    const reports = db.all<{ result: string; created_at: number }>(sql`
      SELECT result, created_at FROM progress_reports WHERE task_id = ${task.task_id} ORDER BY created_at, id`);
    const actor = actorOf("vanphong");
    for (const { created_at } of reports) {
      const asOf = localDateOf(created_at);
      const expected = reports.filter((r) => r.created_at < endOfLocalDay(asOf)).at(-1)!.result;
      const row = report(actor, {}, asOf).rows.find((r) => r.taskId === task.task_id)!;
      expect(row.cells.result, `as of ${asOf}`).toBe(expected);
    }
  });

  it("give a done task its completion date and an extended task its original deadline", () => {
    const rows = report(actorOf("vanphong"), {}, localDateOf(Date.now())).rows;
    const done = rows.filter(
      (r) => r.cells.status === t("status.done_on_time") || r.cells.status === t("status.done_late"),
    );
    expect(done.length).toBeGreaterThan(0);
    for (const row of done) expect(row.cells.completed).toMatchObject({ date: expect.any(String) });
    const extended = rows.filter((r) => typeof r.cells.extensions === "number" && r.cells.extensions > 0);
    expect(extended.length).toBeGreaterThan(0);
    for (const row of extended) expect(row.cells.previousDeadline).toMatchObject({ date: expect.any(String) });
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
      ["asOf=32/13/2019", 400, /Ngày “32\/13\/2019” không hợp lệ/],
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
    expect(sheet.getCell("A3").value).toBe("Phạm vi: Tình trạng: Sắp đến hạn");
    expect(String(sheet.getCell("A4").value)).toContain("Người lập:");
    const header = (sheet.getRow(HEADER_ROW).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual([
      "STT",
      "Nhiệm vụ",
      "Đơn vị chủ trì",
      "Đơn vị phối hợp",
      "Văn bản giao (số ký hiệu, ngày)",
      "Thời hạn",
      "Tình trạng",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    const expected = report(actorOf("lanhdao"), { status: "due_soon" }, "2019-12-31").rows;
    expect(sheet.rowCount).toBe(HEADER_ROW + expected.length);
    const first = sheet.getRow(HEADER_ROW + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe(expected[0]!.cells.task);
    expect(first.getCell(7).value).toBe("Sắp đến hạn");
    const deadline = first.getCell(6);
    expect(deadline.value).toBeInstanceOf(Date);
    expect(deadline.numFmt).toBe("dd/mm/yyyy");
    expect((deadline.value as Date).toISOString().slice(0, 10)).toBe(
      (expected[0]!.cells.deadline as { date: string }).date,
    );
    expect(first.getCell(14).value).toBeInstanceOf(Date);
    expect(sheet.getColumn(2).width).toBeGreaterThan(30);
  });

  it("Excel in English when the user reads English", async () => {
    const lang = (await localeCookie.serialize("en")).split(";")[0]!;
    const { bytes } = await download("/tasks/export?status=overdue", "lanhdao", lang);
    const sheet = await readWorkbook(bytes);
    expect(sheet.getCell("A1").value).toBe("TASK IMPLEMENTATION REPORT");
    expect(sheet.getRow(HEADER_ROW).getCell(7).value).toBe("Status");
    expect(sheet.getRow(HEADER_ROW + 1).getCell(7).value).toBe("Overdue");
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
        "STT,Nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Văn bản giao (số ký hiệu, ngày),Thời hạn,Tình trạng,Kết quả,Khó khăn, vướng mắc,Đề xuất, kiến nghị,Số lần gia hạn,Thời hạn trước gia hạn,Ngày hoàn thành,Cập nhật lần cuối"
          .replace("Văn bản giao (số ký hiệu, ngày)", '"Văn bản giao (số ký hiệu, ngày)"')
          .replace("Khó khăn, vướng mắc", '"Khó khăn, vướng mắc"')
          .replace("Đề xuất, kiến nghị", '"Đề xuất, kiến nghị"'),
      );
      expect(text).toContain(`"'=HYPERLINK(""http://x.invalid"",""click""), then more"`);
      expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
      expect(text).toMatch(/,\d{2}\/\d{2}\/\d{4},/);

      const sheet = await readWorkbook((await download("/tasks/export?format=xlsx&sort=updated&dir=desc")).bytes);
      const cell = sheet.getRow(HEADER_ROW + 1).getCell(2);
      expect(cell.value).toBe(hostile);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    } finally {
      db.run(sql`UPDATE tasks SET title = 'restored' WHERE id = ${target.id}`);
    }
  });
});
