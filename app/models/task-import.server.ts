// Reads an uploaded Excel/CSV sheet and imports its tasks into a directive, all or
// nothing (app/domain/task-import.ts validates; this file does the I/O).
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { asc, eq } from "drizzle-orm";
import { departments, tasks } from "../../db/schema";
import { formatLocalDate, type LocalDate } from "../domain/dates";
import { IMPORT_COLUMNS, validateImport, type ImportError } from "../domain/task-import";
import { writeTransaction, type AppDatabase } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { insertTask, type Author } from "./tasks.server";

export type SheetReadResult = { ok: true; rows: string[][] } | { ok: false; error: "unreadable" | "unsupported_type" };

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel dates are calendar days stored as UTC midnight.
    return formatLocalDate(value.toISOString().slice(0, 10));
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

/** The first worksheet as rows of text. `.xlsx` by content, `.csv` (UTF-8) by name. */
export async function readSheet(bytes: Uint8Array, fileName: string): Promise<SheetReadResult> {
  const workbook = new ExcelJS.Workbook();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": an .xlsx is a zip archive
  try {
    if (isZip) await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    else if (/\.csv$/i.test(fileName)) {
      const text = Buffer.from(bytes)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      await workbook.csv.read(Readable.from([text]), {
        parserOptions: { delimiter: text.includes(";") && !text.includes(",") ? ";" : "," },
      });
    } else return { ok: false, error: "unsupported_type" };
  } catch {
    return { ok: false, error: "unreadable" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "unreadable" };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = values.map((value) => cellText(value as ExcelJS.CellValue));
  });
  return { ok: true, rows: Array.from(rows, (row) => row ?? []) };
}

export type ImportOutcome = { ok: true; created: number } | { ok: false; errors: ImportError[] };

/** Validates every row, then creates every task in one transaction, or none. */
export function importTasks(
  db: AppDatabase,
  author: Author,
  input: { directiveId: number; assignedOn: LocalDate; rows: string[][] },
  origin: RequestOrigin,
  now = Date.now(),
): ImportOutcome {
  return writeTransaction(db, (tx): ImportOutcome => {
    const validation = validateImport(input.rows, {
      directiveId: input.directiveId,
      assignedOn: input.assignedOn,
      departments: tx
        .select({
          id: departments.id,
          code: departments.code,
          name: departments.name,
          shortName: departments.shortName,
          active: departments.active,
        })
        .from(departments)
        .all(),
      existingTasks: tx
        .select({
          id: tasks.id,
          itemNumber: tasks.itemNumber,
          deadlineKind: tasks.deadlineKind,
          dueDate: tasks.currentDueDate,
        })
        .from(tasks)
        .where(eq(tasks.directiveId, input.directiveId))
        .orderBy(asc(tasks.id))
        .all(),
    });
    if (!validation.ok) return validation;
    const idsByItem = new Map<string, number>();
    for (const row of validation.tasks) {
      const parentId =
        row.parent === null ? null : "taskId" in row.parent ? row.parent.taskId : idsByItem.get(row.parent.itemNumber)!;
      const result = insertTask(
        tx,
        author,
        {
          directiveId: input.directiveId,
          parentId,
          itemNumber: row.itemNumber,
          title: row.title,
          description: row.description,
          leadDepartmentId: row.leadDepartmentId,
          coordinatorDepartmentIds: row.coordinatorDepartmentIds,
          deadlineKind: row.deadlineKind,
          dueDate: row.dueDate,
          assignedOn: input.assignedOn,
        },
        origin,
        now,
      );
      // Validation above checks everything insertTask does; a refusal here is a bug, and undoes the whole import.
      if (!result.ok) throw new Error(`Import row ${row.row} refused after validation: ${result.error}`);
      idsByItem.set(row.itemNumber, result.id);
    }
    recordAudit(tx, {
      actorId: author.id,
      action: "task.import",
      entityType: "directive",
      entityId: input.directiveId,
      after: { created: validation.tasks.length },
      origin,
      at: now,
    });
    return { ok: true, created: validation.tasks.length };
  });
}

/** The template: the header row in Vietnamese, one example row, sensible column widths. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Nhiệm vụ");
  sheet.columns = IMPORT_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.key === "title" || column.key === "description" ? 50 : column.key === "itemNumber" ? 8 : 28,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({
    itemNumber: "1",
    title: "Hoàn thành việc số hóa hồ sơ thủ tục hành chính",
    description: "Số hóa toàn bộ hồ sơ tiếp nhận từ năm 2024",
    lead: "Sở Khoa học và Công nghệ",
    coordinators: "Văn phòng UBND Thành phố; Sở Nội vụ",
    deadline: "31/12/2026",
    parent: "",
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
