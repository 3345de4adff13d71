// The task report download: what the list shows is what the Excel file holds.
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./browser";

let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  expect(problems, "browser errors").toEqual([]);
  await page.context().close();
});

/** The report's header row comes after the four title lines and a blank line. */
const HEADER_ROW = 6;

describe("exporting the task list", () => {
  it("“Tải Excel” on /tasks?status=overdue downloads a workbook with the table's rows", async () => {
    ({ page, problems } = await newPage(browser));
    await signIn(page, "lanhdao");
    await page.goto("/tasks?status=overdue&size=100");
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    const rows = page.locator("tbody tr[data-task-id]");
    await rows.first().waitFor();
    const titles = await rows.locator("td:nth-child(2) a").allInnerTexts();
    const leads = await rows.locator("td:nth-child(3)").allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải Excel" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(new URL(download.url()).searchParams.get("status")).toBe("overdue");
    const file = await download.path();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
    expect(String(sheet.getCell("A3").value)).toContain("Tình trạng: Quá hạn");
    expect(sheet.getRow(HEADER_ROW).getCell(2).value).toBe("Nhiệm vụ");
    const exported = Array.from({ length: sheet.rowCount - HEADER_ROW }, (_, i) => sheet.getRow(HEADER_ROW + 1 + i));
    expect(exported.map((row) => row.getCell(2).value)).toEqual(titles);
    expect(exported.map((row) => row.getCell(3).value)).toEqual(leads.map((lead) => lead.trim()));
    for (const row of exported) {
      expect(row.getCell(7).value).toBe("Quá hạn");
      expect(row.getCell(6).value).toBeInstanceOf(Date);
    }
  });
});
