// The department scorecard as a file: Excel in the layout of the task report (title
// block with the as-of day, the scope and the order; Vietnamese headers; numbers as
// numbers, the on-time rate as a percentage) and CSV (UTF-8 with BOM, formula-safe).
// The rows are exactly the scorecard page's: same function, same filters, same order.
import { formatInstant, formatLocalDate, type LocalDate } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import type { AppDatabase } from "./db.server";
import type { MessageKey, Translate } from "../lib/i18n";
import { SCORECARD_COLUMNS, type ScorecardSort } from "../lib/scorecard";
import { scorecard, type DashboardFilters, type ScorecardRow } from "./dashboard.server";
import {
  CELL_BORDER,
  csvField,
  describeFilters,
  neutraliseCsvText,
  reportSheet,
  xmlSafe,
  type ReportAuthor,
} from "./task-report.server";

export interface ScorecardReport {
  asOf: LocalDate;
  /** The scope in words, e.g. "Ban Chỉ đạo: …", "Giao trong kỳ: Quý IV/2019". */
  filters: string[];
  sort: ScorecardSort;
  dir: "asc" | "desc";
  rows: ScorecardRow[];
}

export type ScorecardReportResult = { ok: true; report: ScorecardReport } | { ok: false; message: string };

/** The scorecard's scope: committee, directive, period (app/server/dashboard-query.server.ts reads it from a URL). */
export type ScorecardFilters = Pick<DashboardFilters, "committee" | "directive" | "period">;

export function scorecardReport(
  db: AppDatabase,
  actor: Actor,
  filters: ScorecardFilters,
  asOf: LocalDate,
  basis: StatusBasis,
  sort: ScorecardSort,
  dir: "asc" | "desc",
  t: Translate,
): ScorecardReportResult {
  const described = describeFilters(db, actor, filters, t);
  if (!described.ok) return described;
  // `isToday` only shapes the links, which a file does not carry.
  const rows = scorecard(db, actor, filters, asOf, false, basis, sort, dir);
  return { ok: true, report: { asOf, filters: described.filters, sort, dir, rows } };
}

const COLUMNS = [
  { key: "rank", header: "scorecard.col.rank", width: 7 },
  { key: "code", header: "scorecardReport.col.code", width: 11 },
  { key: "name", header: "scorecard.col.name", width: 40 },
  ...SCORECARD_COLUMNS.map((column) => ({
    key: column,
    header: `scorecard.col.${column}` as MessageKey,
    width: column === "assigned" || column === "stale" ? 13 : 12,
  })),
  { key: "on_time_rate", header: "scorecard.col.on_time_rate", width: 12 },
] as const satisfies readonly { key: string; header: MessageKey; width: number }[];

function titleBlock(report: ScorecardReport, author: ReportAuthor, t: Translate): string[] {
  return [
    t("scorecardReport.title"),
    t("report.asOf", { date: formatLocalDate(report.asOf) }),
    t("report.filters", {
      filters: report.filters.length === 0 ? t("report.filters.none") : report.filters.join("; "),
    }),
    t("scorecardReport.sort", {
      column: t(`scorecard.col.${report.sort}`),
      direction: t(report.dir === "asc" ? "scorecardReport.asc" : "scorecardReport.desc"),
    }),
    t("scorecardReport.generated", { name: author.name, at: formatInstant(author.at), count: report.rows.length }),
  ];
}

/** One row's cells, in COLUMNS order: numbers stay numbers; the rate is a fraction (null when nothing is done). */
function cells(row: ScorecardRow): (string | number | null)[] {
  return [
    row.rank,
    row.department.code,
    row.department.name,
    ...SCORECARD_COLUMNS.map((column) => row.figures[column].count),
    row.onTimeRate,
  ];
}

/** The scorecard as an .xlsx workbook, laid out like the task report (reportSheet). */
export async function scorecardWorkbook(report: ScorecardReport, author: ReportAuthor, t: Translate): Promise<Buffer> {
  const { workbook, sheet, headerRowNumber } = reportSheet(
    author,
    t("scorecardReport.sheet"),
    COLUMNS,
    titleBlock(report, author, t),
    t,
  );
  report.rows.forEach((scoreRow, rowIndex) => {
    const row = sheet.getRow(headerRowNumber + 1 + rowIndex);
    cells(scoreRow).forEach((value, index) => {
      const cell = row.getCell(index + 1);
      cell.border = CELL_BORDER;
      cell.alignment = { vertical: "top", wrapText: index === 2 };
      if (value === null) return;
      // Strings are written as shared strings: a leading "=" stays text, never a formula.
      cell.value = typeof value === "string" ? xmlSafe(value) : value;
      if (COLUMNS[index]!.key === "on_time_rate") cell.numFmt = "0.0%";
    });
  });
  sheet.views = [{ state: "frozen", ySplit: headerRowNumber, xSplit: 3 }];
  sheet.autoFilter = {
    from: { row: headerRowNumber, column: 1 },
    to: { row: headerRowNumber + Math.max(report.rows.length, 1), column: COLUMNS.length },
  };
  sheet.pageSetup.printTitlesRow = `${headerRowNumber}:${headerRowNumber}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The scorecard as CSV: the header then one line per department; the rate in percent with one decimal. */
export function scorecardCsv(report: ScorecardReport, t: Translate): string {
  const headers = COLUMNS.map((column) =>
    column.key === "on_time_rate" ? t("scorecardReport.col.rateCsv") : t(column.header),
  );
  const lines = [
    headers.map(csvField).join(","),
    ...report.rows.map((row) =>
      cells(row)
        .map((value, index) => {
          if (value === null) return "";
          if (typeof value === "string") return csvField(neutraliseCsvText(value));
          return COLUMNS[index]!.key === "on_time_rate" ? (Math.round(value * 1000) / 10).toFixed(1) : String(value);
        })
        .join(","),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** An ASCII file name with the as-of day: `xep-hang-don-vi-2019-12-31.xlsx`. */
export function scorecardFileName(asOf: LocalDate, format: "xlsx" | "csv"): string {
  return `xep-hang-don-vi-${asOf}.${format}`;
}
