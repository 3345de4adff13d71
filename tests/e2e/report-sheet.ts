// Reading back a downloaded report (the layout of reportSheet in app/models/task-report.server.ts):
// a title block, a blank line, a header row, then one row per item. The header row and the
// columns are found by their text, so that a title line or a column added to a report does
// not move what a test reads.
import ExcelJS from "exceljs";
import type { Download } from "playwright-core";
import { expect } from "vitest";

export async function readSheet(download: Download): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return workbook.worksheets[0]!;
}

export interface ReportTable {
  /** The lines of the title block (column A above the header row), without the blank ones. */
  titles: string[];
  /** The header row's texts, in column order. */
  headers: string[];
  /** Every value of the column under this header, top to bottom. */
  column(header: string): unknown[];
  /** How many rows the body has. */
  rowCount: number;
}

/** The report's table: its header is the first row that holds every one of `headers` (exactly, as cells). */
export function reportTable(sheet: ExcelJS.Worksheet, headers: readonly string[]): ReportTable {
  const texts = (rowNumber: number) =>
    Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(rowNumber).getCell(i + 1).value);
  let headerRow = 0;
  for (let n = 1; n <= sheet.rowCount && headerRow === 0; n++) {
    const cells = texts(n);
    if (headers.every((header) => cells.includes(header))) headerRow = n;
  }
  expect(headerRow, `a header row with ${headers.join(", ")}`).toBeGreaterThan(0);
  const headerTexts = texts(headerRow).map((value) => String(value ?? ""));
  const rowCount = sheet.rowCount - headerRow;
  return {
    titles: Array.from({ length: headerRow - 1 }, (_, i) => sheet.getRow(i + 1).getCell(1).value)
      .filter((value) => value !== null && value !== "")
      .map(String),
    headers: headerTexts,
    rowCount,
    column(header: string) {
      const index = headerTexts.indexOf(header);
      expect(index, `the column “${header}” among ${headerTexts.join(" | ")}`).toBeGreaterThanOrEqual(0);
      return Array.from({ length: rowCount }, (_, i) => sheet.getRow(headerRow + 1 + i).getCell(index + 1).value);
    },
  };
}
