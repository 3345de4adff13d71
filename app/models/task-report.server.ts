// The task report: the task list's rows (same URL filters, same visibility, every
// page) with what a Vietnamese unit report shows, as Excel or CSV — every figure as
// of the report's day on its basis (docs/domain-rules.md §4.4), and the directive's
// structure: item numbers ("3.a" under "3"), parents before their sub-tasks.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { formatInstant, formatLocalDate, type Instant, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import { compareOutlinePaths, outlineOf, type OutlinePlace } from "../domain/task-outline";
import type { StatusBasis } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { MessageKey, Translate } from "../lib/i18n";
import { periodLabel } from "../lib/period-label";
import type { TaskListQuery } from "../lib/task-list-query";
import { listTasks } from "./task-list.server";
import { rollupOfRows } from "./fan-outs.server";
import { bySlices } from "./id-slices.server";
import { completionDatesAsOf, reportTextsAsOf, type TaskRow } from "./task-rows.server";
import { visibleDirectivesFilter } from "./visibility.server";
import { allRows, firstRow, type Columns, type RowOf } from "./sql-rows.server";

/** One download holds at most this many tasks; beyond it the user is asked to narrow the filters. */
export const EXPORT_ROW_LIMIT = 50_000;
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** A cell: text, a number, a calendar day, or an instant (shown on the Hanoi clock). */
export type ReportCell = string | number | { date: LocalDate } | { at: Instant } | null;

export const REPORT_COLUMNS = [
  { key: "stt", header: "report.col.stt", width: 6 },
  { key: "item", header: "report.col.item", width: 8 },
  { key: "task", header: "report.col.task", width: 48 },
  { key: "lead", header: "report.col.lead", width: 26 },
  { key: "coordinators", header: "report.col.coordinators", width: 30 },
  { key: "source", header: "report.col.source", width: 24 },
  { key: "deadline", header: "report.col.deadline", width: 13 },
  { key: "originalDeadline", header: "report.col.originalDeadline", width: 13 },
  { key: "status", header: "report.col.status", width: 20 },
  { key: "percent", header: "report.col.percent", width: 9 },
  { key: "result", header: "report.col.result", width: 45 },
  { key: "difficulties", header: "report.col.difficulties", width: 32 },
  { key: "proposals", header: "report.col.proposals", width: 32 },
  { key: "extensions", header: "report.col.extensions", width: 10 },
  { key: "completed", header: "report.col.completed", width: 14 },
  { key: "updated", header: "report.col.updated", width: 17 },
] as const satisfies readonly { key: string; header: MessageKey; width: number }[];
const COLUMNS = REPORT_COLUMNS;
type ColumnKey = (typeof COLUMNS)[number]["key"];

export interface TaskReport {
  asOf: LocalDate;
  basis: StatusBasis;
  /** The filters in words, e.g. "Tình trạng: Quá hạn". */
  filters: string[];
  rows: ReportRow[];
  /**
   * In the directives' structure, the rows of the items given to many units (decision 026):
   * each is written just before the task row `before` (its first unit), its units under it.
   * Not tasks: they are never counted.
   */
  itemRows: { before: number; cells: Record<ColumnKey, ReportCell> }[];
}

export type TaskReportResult = { ok: true; report: TaskReport } | { ok: false; status: 400 | 404; message: string };

/** A filter in words, with the query parameters it comes from (the chips of the task list remove them). */
export interface NamedFilter {
  params: (keyof TaskListQuery | "periodPart")[];
  text: string;
}

/**
 * The named filters in words (also for the scorecard's and the dashboard's title
 * blocks and print headers); an id that does not exist (or a directive the actor may
 * not see) is a 404.
 */
export function describeFilters(
  db: AppDatabase,
  actor: Actor,
  query: Partial<TaskListQuery>,
  t: Translate,
): { ok: true; filters: string[]; named: NamedFilter[] } | { ok: false; message: string } {
  const named: NamedFilter[] = [];
  const add = (params: NamedFilter["params"], text: string) => named.push({ params, text });
  if (query.status !== undefined) add(["status"], `${t("tasks.filter.status")}: ${t(`status.${query.status}`)}`);
  const departmentName = (id: number) =>
    firstRow(db, { name: "text" }, sql`SELECT name FROM departments WHERE id = ${id}`)?.name;
  for (const [key, id, label] of [
    ["department", query.department, t("tasks.filter.department")],
    ["coordinator", query.coordinator, t("tasks.filter.coordinator")],
  ] as const) {
    if (id === undefined) continue;
    const name = departmentName(id);
    if (name === undefined) return { ok: false, message: t("report.error.department", { id: String(id) }) };
    add([key], `${label}: ${name}`);
  }
  if (query.directive !== undefined) {
    const directive = firstRow(
      db,
      { number: "text?", abstract: "text" },
      sql`
      SELECT d.number, d.abstract FROM directives d WHERE d.id = ${query.directive} AND ${visibleDirectivesFilter(actor)}`,
    );
    if (directive === undefined) {
      return { ok: false, message: t("report.error.directive", { id: String(query.directive) }) };
    }
    add(["directive"], `${t("tasks.filter.directive")}: ${directive.number ?? directive.abstract}`);
  }
  if (query.committee !== undefined) {
    const committee = firstRow(db, { name: "text" }, sql`SELECT name FROM committees WHERE id = ${query.committee}`);
    if (committee === undefined) {
      return { ok: false, message: t("report.error.committee", { id: String(query.committee) }) };
    }
    add(["committee"], `${t("tasks.filter.committee")}: ${committee.name}`);
  }
  if (query.dueFrom !== undefined || query.dueTo !== undefined) {
    add(
      ["dueFrom", "dueTo"],
      t("report.filters.due", {
        label: t("tasks.filter.dueFrom"),
        from: query.dueFrom ? formatLocalDate(query.dueFrom) : "…",
        to: query.dueTo ? formatLocalDate(query.dueTo) : "…",
      }),
    );
  }
  if (query.period !== undefined) {
    add(["period", "periodPart"], t("period.filter", { period: periodLabel(t, query.period) }));
  }
  if (query.level !== undefined) add(["level"], t("level.filter", { level: t(`level.${query.level}`) }));
  if (query.fanOut !== undefined) {
    const item = firstRow(
      db,
      { itemNumber: "text", title: "text" },
      sql`
      SELECT f.item_number AS itemNumber, f.title FROM task_fan_outs f JOIN directives d ON d.id = f.directive_id
      WHERE f.id = ${query.fanOut} AND ${visibleDirectivesFilter(actor)}`,
    );
    if (item === undefined) return { ok: false, message: t("report.error.fanOut", { id: String(query.fanOut) }) };
    add(["fanOut"], t("fanOut.filter", { number: item.itemNumber, title: item.title }));
  }
  if (query.stale) add(["stale"], t("tasks.filter.stale"));
  if (query.counted) add(["counted"], t("tasks.filter.counted"));
  if (query.escalated) add(["escalated"], t("tasks.filter.escalated"));
  return { ok: true, filters: named.map((filter) => filter.text), named };
}

const SOURCE_DOCUMENT = {
  id: "integer",
  directive_number: "text?",
  directive_abstract: "text",
  issued_on: "text?",
} satisfies Columns;
type SourceDocument = RowOf<typeof SOURCE_DOCUMENT>;

/** The source document of each task, a slice of ids at a time (an export holds more ids than SQLite takes parameters). */
function sourceDocuments(db: AppDatabase, taskIds: readonly number[]): Map<number, SourceDocument> {
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      SOURCE_DOCUMENT,
      sql`
      SELECT t.id, d.number AS directive_number, d.abstract AS directive_abstract, d.issued_on
      FROM tasks t JOIN directives d ON d.id = t.directive_id
      WHERE t.id IN (${ids})`,
    ),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Each task's place in its directive's outline: its number as a report writes it
 * ("3.a" under "3") and its order. Reads the tasks and all their ancestors (those
 * not in the report too: a sub-task keeps its parent's number).
 */
function outlinePlaces(db: AppDatabase, taskIds: readonly number[]): Map<number, OutlinePlace> {
  const rows = bySlices(taskIds, (ids) =>
    allRows(
      db,
      { id: "integer", parentId: "integer?", position: "integer", itemNumber: "text" },
      sql`
      WITH RECURSIVE chain(id) AS (
        SELECT t.id FROM tasks t WHERE t.id IN (${ids})
        UNION SELECT t.parent_id FROM chain JOIN tasks t ON t.id = chain.id WHERE t.parent_id IS NOT NULL
      )
      SELECT t.id, t.parent_id AS parentId, t.position, t.item_number AS itemNumber
      FROM chain JOIN tasks t ON t.id = chain.id`,
    ),
  );
  // Slices may share ancestors: one entry per task.
  return outlineOf([...new Map(rows.map((row) => [row.id, row])).values()]);
}

/**
 * The report for the list's query as of a day on a basis: every row the list would
 * show. Without a chosen sort the rows follow the directives' structure — directives
 * in the list's directive order, in each the items in order with every sub-task under
 * its parent — as a unit report lists them; a chosen sort (`sort=`) is kept as the
 * list shows it. Either way the item column writes sub-tasks under their parent's number.
 */
export function taskReport(
  db: AppDatabase,
  actor: Actor,
  query: TaskListQuery,
  asOf: LocalDate,
  basis: StatusBasis,
  t: Translate,
): TaskReportResult {
  const described = describeFilters(db, actor, query, t);
  if (!described.ok) return { ok: false, status: 404, message: described.message };
  // The list's own query, one page as large as the limit: the same filters and visibility.
  const structured = query.sort === undefined;
  const list = listTasks(
    db,
    actor,
    { ...query, page: 1, ...(structured ? { sort: "directive", dir: "asc" } : {}) },
    asOf,
    basis,
    EXPORT_ROW_LIMIT,
  );
  if (list.rowCount > EXPORT_ROW_LIMIT) {
    return {
      ok: false,
      status: 400,
      message: t("report.error.tooMany", { count: list.rowCount, limit: EXPORT_ROW_LIMIT }),
    };
  }
  const ids = list.rows.map((r) => r.id);
  const places = outlinePlaces(db, ids);
  const documents = sourceDocuments(db, ids);
  const texts = reportTextsAsOf(db, ids, asOf);
  const completions = completionDatesAsOf(db, ids, asOf, basis);

  let ordered = list.rows;
  if (structured) {
    const directiveRank = new Map<number, number>();
    for (const row of list.rows)
      if (!directiveRank.has(row.directiveId)) directiveRank.set(row.directiveId, directiveRank.size);
    ordered = [...list.rows].sort(
      (a, b) =>
        directiveRank.get(a.directiveId)! - directiveRank.get(b.directiveId)! ||
        compareOutlinePaths(places.get(a.id)!.path, places.get(b.id)!.path),
    );
  }

  const taskRowsOut = ordered.map((row, index) => {
    const document = documents.get(row.id);
    const text = texts.get(row.id);
    const done = row.status === "done_on_time" || row.status === "done_late";
    const completedOn = completions.get(row.id);
    const directive = document?.directive_number ?? document?.directive_abstract ?? row.directiveLabel;
    const noDeadline = t(row.deadlineKind === "ongoing" ? "deadline.ongoing" : "deadline.none");
    const cells: Record<ColumnKey, ReportCell> = {
      stt: index + 1,
      item: places.get(row.id)?.label ?? row.itemNumber,
      task: row.title,
      lead: row.lead.name,
      coordinators: row.coordinators.map((c) => c.name).join("; "),
      source: document?.issued_on
        ? t("report.source", { number: directive, date: formatLocalDate(document.issued_on) })
        : directive,
      deadline: row.dueDate !== null ? { date: row.dueDate } : noDeadline,
      originalDeadline: row.originalDueDate !== null ? { date: row.originalDueDate } : noDeadline,
      status: t(`status.${row.status}`),
      percent: row.percent,
      result: text?.result ?? null,
      difficulties: text?.difficulties ?? null,
      proposals: text?.proposals ?? null,
      extensions: row.extensionCount,
      completed: done && completedOn !== undefined ? { date: completedOn } : null,
      updated: { at: row.updatedAt },
    };
    return { taskId: row.id, cells };
  });
  const { rows, itemRows } = structured ? withItemRows(ordered, taskRowsOut, t) : { rows: taskRowsOut, itemRows: [] };
  return { ok: true, report: { asOf, basis, filters: described.filters, rows, itemRows } };
}

interface ReportRow {
  taskId: number;
  cells: Record<ColumnKey, ReportCell>;
}

/**
 * Puts each item given to many units (decision 026) on a row of its own — its number, title,
 * how many units and its roll-up status — before its units' rows, which are numbered under it
 * ("3.1", "3.2"). The units of an item share its number, so they are already together.
 */
function withItemRows(
  ordered: readonly TaskRow[],
  rows: readonly ReportRow[],
  t: Translate,
): Pick<TaskReport, "rows" | "itemRows"> {
  const out: ReportRow[] = [];
  const itemRows: TaskReport["itemRows"] = [];
  let number = 0;
  let unitNumber = 0;
  let currentItem: number | null = null;
  ordered.forEach((task, index) => {
    const row = rows[index]!;
    if (task.fanOutId === null) {
      currentItem = null;
      number += 1;
      out.push({ ...row, cells: { ...row.cells, stt: number } });
      return;
    }
    if (task.fanOutId !== currentItem) {
      currentItem = task.fanOutId;
      number += 1;
      unitNumber = 0;
      const units = ordered.filter((u) => u.fanOutId === task.fanOutId);
      const rollup = rollupOfRows(units);
      itemRows.push({
        before: out.length,
        cells: {
          ...Object.fromEntries(Object.keys(row.cells).map((key) => [key, null])),
          stt: number,
          item: row.cells.item,
          task: row.cells.task,
          lead: t("report.fanOut.units", { count: units.length }),
          source: row.cells.source,
          status: rollup.status === null ? null : t(`status.${rollup.status}`),
        } as Record<ColumnKey, ReportCell>,
      });
    }
    unitNumber += 1;
    out.push({ ...row, cells: { ...row.cells, stt: `${number}.${unitNumber}` } });
  });
  return { rows: out, itemRows };
}

/** The rows as a report writes them: each item's row before its units' rows. */
export function writtenRows(report: TaskReport): Record<ColumnKey, ReportCell>[] {
  const items = new Map<number, Record<ColumnKey, ReportCell>[]>();
  for (const item of report.itemRows) items.set(item.before, [...(items.get(item.before) ?? []), item.cells]);
  return report.rows.flatMap((row, index) => [...(items.get(index) ?? []), row.cells]);
}

export interface ReportAuthor {
  name: string;
  at: Instant;
}

function titleBlock(report: TaskReport, author: ReportAuthor, t: Translate): string[] {
  return [
    t("report.title"),
    t("report.asOf", { date: formatLocalDate(report.asOf) }),
    report.basis === "recorded"
      ? t("report.basis.recorded", { date: formatLocalDate(report.asOf) })
      : t("report.basis.happened"),
    t("report.filters", {
      filters: report.filters.length === 0 ? t("report.filters.none") : report.filters.join("; "),
    }),
    t("report.generated", {
      name: author.name,
      at: formatInstant(author.at),
      count: report.rows.length,
    }),
  ];
}

/** A calendar day as Excel stores one: midnight UTC of that day (no time zone shift when opened). */
export function excelDay(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** An instant as Excel shows it: the Hanoi wall-clock time, stored as if it were UTC. */
function excelTime(at: Instant): Date {
  const [day, time] = formatInstant(at).split(" ") as [string, string];
  const [d, m, y] = day.split("/");
  return new Date(`${y}-${m}-${d}T${time}:00Z`);
}

/**
 * Characters XML 1.0 cannot carry: C0 controls other than tab, line feed and carriage
 * return, U+FFFE, U+FFFF and lone surrogates. Text fields accept them as typed; a
 * workbook holding one would not open, so they become U+FFFD (�) in the export.
 */
const NOT_IN_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_IN_XML, "\ufffd");
}

const THIN = { style: "thin" } as const;
/** The thin border of every header and body cell of a report sheet. */
export const CELL_BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/**
 * A workbook with one landscape A4 sheet laid out as a Vietnamese unit report: the
 * title block (merged across the columns, the title centred and bold) and, a row
 * below, the bold bordered header. Returns the header's row number; the body follows.
 */
export function reportSheet(
  author: ReportAuthor,
  sheetName: string,
  columns: readonly { key: string; width: number; header: MessageKey }[],
  block: readonly string[],
  t: Translate,
): { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; headerRowNumber: number } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = xmlSafe(author.name);
  workbook.created = new Date(author.at);
  const sheet = workbook.addWorksheet(sheetName, {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((column) => ({ key: column.key, width: column.width }));
  block.forEach((text, index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = xmlSafe(text);
    sheet.mergeCells(index + 1, 1, index + 1, columns.length);
    row.getCell(1).alignment = { horizontal: index === 0 ? "center" : "left", vertical: "middle", wrapText: true };
    row.getCell(1).font = index === 0 ? { bold: true, size: 14 } : { italic: index === 1 };
  });
  const headerRowNumber = block.length + 2;
  const header = sheet.getRow(headerRowNumber);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = t(column.header);
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    cell.border = CELL_BORDER;
  });
  header.height = 45;
  return { workbook, sheet, headerRowNumber };
}

/** The report as an .xlsx workbook: title block, frozen Vietnamese (or English) header, real dates. */
export async function taskReportWorkbook(report: TaskReport, author: ReportAuthor, t: Translate): Promise<Buffer> {
  const { workbook, sheet, headerRowNumber } = reportSheet(
    author,
    t("report.sheet"),
    COLUMNS,
    titleBlock(report, author, t),
    t,
  );

  const written = writtenRows(report);
  written.forEach((cells, rowIndex) => {
    const row = sheet.getRow(headerRowNumber + 1 + rowIndex);
    COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = cells[column.key];
      cell.alignment = { vertical: "top", wrapText: true };
      cell.border = CELL_BORDER;
      if (value === null) return;
      if (typeof value === "object" && "date" in value) {
        cell.value = excelDay(value.date);
        cell.numFmt = "dd/mm/yyyy";
      } else if (typeof value === "object") {
        cell.value = excelTime(value.at);
        cell.numFmt = "dd/mm/yyyy hh:mm";
      } else {
        // Strings are written as shared strings: a leading "=" stays text, never a formula.
        cell.value = typeof value === "string" ? xmlSafe(value) : value;
      }
    });
  });
  sheet.views = [{ state: "frozen", ySplit: headerRowNumber, xSplit: 2 }];
  sheet.autoFilter = {
    from: { row: headerRowNumber, column: 1 },
    to: { row: headerRowNumber + Math.max(written.length, 1), column: COLUMNS.length },
  };
  sheet.pageSetup.printTitlesRow = `${headerRowNumber}:${headerRowNumber}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab / carriage
 * return) is prefixed with an apostrophe, so opening the CSV never executes it.
 */
export function neutraliseCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(value: ReportCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return neutraliseCsvText(value);
  return "date" in value ? formatLocalDate(value.date) : formatInstant(value.at);
}

/** The report as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), CRLF lines, the header then the rows. */
export function taskReportCsv(report: TaskReport, t: Translate): string {
  const lines = [
    COLUMNS.map((column) => csvField(t(column.header))).join(","),
    ...writtenRows(report).map((cells) => COLUMNS.map((column) => csvField(csvText(cells[column.key]))).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * An ASCII file name with the as-of day, and the basis when it is not the default:
 * `bao-cao-nhiem-vu-2026-11-28.xlsx`, `bao-cao-nhiem-vu-2026-11-28-theo-ghi-nhan.csv`
 * (the CSV has no title block: its name is what tells the two readings apart).
 */
export function reportFileName(asOf: LocalDate, format: ExportFormat, basis: StatusBasis = "happened"): string {
  return `bao-cao-nhiem-vu-${asOf}${basis === "recorded" ? "-theo-ghi-nhan" : ""}.${format}`;
}
