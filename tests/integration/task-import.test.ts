import ExcelJS from "exceljs";
import { count, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, tasks } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { IMPORT_COLUMNS } from "../../app/domain/task-import";
import type { AppDatabase } from "../../app/models/db.server";
import { createDirective } from "../../app/models/directives.server";
import { importTasks, importTemplate, readSheet } from "../../app/models/task-import.server";
import { freshDatabase } from "../setup/database";

const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: null };
let db: AppDatabase;
let secretary: { id: number };
const DIRECTIVE = 2;

beforeEach(async () => {
  db = freshDatabase();
  await loadDemoData(db, { now: Date.parse("2026-03-16T03:00:00Z") });
  secretary = db.get<{ id: number }>(sql`SELECT id FROM users WHERE login = 'vanphong'`)!;
});

async function xlsx(rows: (string | Date)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Nhiệm vụ");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const taskCount = () => (db.select({ n: count() }).from(tasks).get()?.n ?? 0) as number;
const HEADER = IMPORT_COLUMNS.map((c) => c.header);

describe("bulk import", () => {
  it("imports an Excel sheet in the template layout, dates typed as Excel dates too", async () => {
    const bytes = await xlsx([
      HEADER,
      ["20", "Triển khai nền tảng dữ liệu", "", "Sở TT&TT", "Sở Tài chính; Sở Nội vụ", "30/09/2026", ""],
      ["20.a", "Khảo sát hiện trạng", "", "STTTT", "", new Date(Date.UTC(2026, 5, 30)), "20"],
      ["21", "Tuyên truyền chuyển đổi số", "", "so van hoa va the thao", "", "Thường xuyên", ""],
    ]);
    const sheet = await readSheet(bytes, "nhiem-vu.xlsx");
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    const before = taskCount();
    const outcome = importTasks(
      db,
      secretary,
      { directiveId: DIRECTIVE, assignedOn: "2026-03-16", rows: sheet.rows },
      origin,
    );
    expect(outcome).toEqual({ ok: true, created: 3 });
    expect(taskCount()).toBe(before + 3);
    const child = db.select().from(tasks).where(eq(tasks.itemNumber, "20.a")).get()!;
    const parent = db.select().from(tasks).where(eq(tasks.itemNumber, "20")).get()!;
    expect(child).toMatchObject({ parentId: parent.id, currentDueDate: "2026-06-30", directiveId: DIRECTIVE });
    expect(db.select().from(tasks).where(eq(tasks.itemNumber, "21")).get()).toMatchObject({ deadlineKind: "ongoing" });
    const audit = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, "task.import"))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("imports a UTF-8 CSV (with BOM, semicolons)", async () => {
    const csv = `\uFEFF${HEADER.join(";")}\n22;Rà soát quy trình;;Sở Nội vụ;;31/12/2026;\n`;
    const sheet = await readSheet(new TextEncoder().encode(csv), "nhiem-vu.csv");
    if (!sheet.ok) throw new Error(sheet.error);
    expect(
      importTasks(db, secretary, { directiveId: DIRECTIVE, assignedOn: "2026-03-16", rows: sheet.rows }, origin),
    ).toEqual({
      ok: true,
      created: 1,
    });
  });

  it("imports nothing when any row is wrong, and says where", async () => {
    const bytes = await xlsx([
      HEADER,
      ["23", "Đúng", "", "Sở Nội vụ", "", "31/12/2026", ""],
      ["24", "Sai đơn vị", "", "Sở Không Tồn Tại", "", "31/12/2026", ""],
    ]);
    const sheet = await readSheet(bytes, "x.xlsx");
    if (!sheet.ok) throw new Error(sheet.error);
    const before = [taskCount(), db.select({ n: count() }).from(auditEvents).get()?.n];
    const outcome = importTasks(
      db,
      secretary,
      { directiveId: DIRECTIVE, assignedOn: "2026-03-16", rows: sheet.rows },
      origin,
    );
    expect(outcome).toEqual({
      ok: false,
      errors: [{ row: 3, column: "Đơn vị chủ trì", code: "unknown_department", value: "Sở Không Tồn Tại" }],
    });
    expect([taskCount(), db.select({ n: count() }).from(auditEvents).get()?.n]).toEqual(before);
  });

  it("refuses files that are not spreadsheets", async () => {
    expect(await readSheet(new TextEncoder().encode("%PDF-1.7"), "report.pdf")).toEqual({
      ok: false,
      error: "unsupported_type",
    });
    expect(await readSheet(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), "broken.xlsx")).toEqual({
      ok: false,
      error: "unreadable",
    });
  });

  it("offers a template whose header row is the one the importer reads", async () => {
    const sheet = await readSheet(new Uint8Array(await importTemplate()), "mau.xlsx");
    if (!sheet.ok) throw new Error(sheet.error);
    expect(sheet.rows[0]).toEqual(HEADER);
    const empty = createDirective(
      db,
      secretary,
      {
        committeeId: 1,
        meetingId: null,
        number: null,
        type: "plan",
        issuedOn: null,
        issuer: "UBND Thành phố Hà Nội",
        signer: null,
        abstract: "Kế hoạch mới",
        fullText: null,
        confidential: false,
      },
      origin,
    );
    if (!empty.ok) throw new Error(empty.error);
    expect(
      importTasks(db, secretary, { directiveId: empty.id, assignedOn: "2026-03-16", rows: sheet.rows }, origin),
    ).toEqual({
      ok: true,
      created: 1,
    });
  });
});
