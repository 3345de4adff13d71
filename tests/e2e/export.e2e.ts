// The task report download: what the list shows is what the Excel file holds — the same
// tasks; without a chosen sort in a unit report's order (by directive, a sub-task under its
// parent), with one in the list's order (app/models/task-report.server.ts).
import type ExcelJS from "exceljs";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./browser";
import { readSheet, reportTable } from "./report-sheet";

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

/** The list's rows on the page: each task's title and lead, in the list's order. */
async function listedTasks(page: Page): Promise<{ title: string; lead: string }[]> {
  const rows = page.locator("tbody tr[data-task-id]");
  await rows.first().waitFor();
  const titles = await rows.locator("td:nth-child(2) a").allInnerTexts();
  const leads = await rows.locator("td:nth-child(3)").allInnerTexts();
  return titles.map((title, i) => ({ title, lead: leads[i]!.trim() }));
}

async function downloadReport(page: Page): Promise<{ download: Download; sheet: ExcelJS.Worksheet }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải Excel", exact: true }).click(),
  ]);
  return { download, sheet: await readSheet(download) };
}

const byTitle = (a: { title: string; lead: string }, b: { title: string; lead: string }) =>
  a.title.localeCompare(b.title) || a.lead.localeCompare(b.lead);

describe("exporting the task list", () => {
  it("“Tải Excel” on /tasks?status=overdue downloads a workbook with the table's rows, by directive", async () => {
    ({ page, problems } = await newPage(browser));
    await signIn(page, "lanhdao");
    await page.goto("/tasks?status=overdue&size=100");
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    const listed = await listedTasks(page);
    expect(listed.length).toBeGreaterThan(0);

    const { download, sheet } = await downloadReport(page);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(new URL(download.url()).searchParams.get("status")).toBe("overdue");
    expect(sheet.getCell("A1").value).toBe("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ");
    const table = reportTable(sheet, ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
    expect(table.titles).toContain("Số liệu theo thực tế diễn ra");
    expect(table.titles.find((line) => line.startsWith("Phạm vi:"))).toContain("Tình trạng: Quá hạn");

    // The same tasks as the list, each with its lead.
    const titles = table.column("Nhiệm vụ");
    const leads = table.column("Đơn vị chủ trì");
    const exported = titles.map((title, i) => ({ title: String(title), lead: String(leads[i]) }));
    expect([...exported].sort(byTitle)).toEqual([...listed].sort(byTitle));
    expect(table.column("STT")).toEqual(exported.map((_, i) => i + 1));
    for (const status of table.column("Tình trạng")) expect(status).toBe("Quá hạn");
    for (const deadline of table.column("Thời hạn áp dụng")) expect(deadline).toBeInstanceOf(Date);
    for (const deadline of table.column("Thời hạn ban đầu")) expect(deadline).toBeInstanceOf(Date);
    for (const percent of table.column("Tiến độ (%)")) expect(typeof percent).toBe("number");

    // Without a chosen sort, as a unit report: each directive's tasks together, a sub-task after its parent.
    const sources = table.column("Văn bản giao (số ký hiệu, ngày)").map(String);
    const items = table.column("Mục").map(String);
    const finished = new Set<string>();
    sources.forEach((source, i) => {
      if (i > 0 && sources[i - 1] !== source) finished.add(sources[i - 1]!);
      expect(finished.has(source), `${source} again at row ${i + 1}, after another directive`).toBe(false);
    });
    items.forEach((item, i) => {
      const parent = item.includes(".") ? item.slice(0, item.lastIndexOf(".")) : null;
      if (parent === null) return;
      const parentRow = items.findIndex((other, j) => other === parent && sources[j] === sources[i]);
      if (parentRow >= 0) expect(parentRow, `item ${item} after its parent ${parent}`).toBeLessThan(i);
    });
  });

  it("with a sort chosen on the list, the workbook keeps the list's order", async () => {
    ({ page, problems } = await newPage(browser));
    await signIn(page, "lanhdao");
    await page.goto("/tasks?status=overdue&size=100");
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    await page.getByRole("link", { name: "Sắp xếp theo Đơn vị chủ trì", exact: true }).click();
    await page.waitForURL(/[?&]sort=department&dir=asc/);
    await page.locator('th[aria-sort="ascending"]', { hasText: "Đơn vị chủ trì" }).waitFor();
    const listed = await listedTasks(page);
    expect(listed.length).toBeGreaterThan(0);

    const { download, sheet } = await downloadReport(page);
    expect(new URL(download.url()).searchParams.get("sort")).toBe("department");
    const table = reportTable(sheet, ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
    const leads = table.column("Đơn vị chủ trì");
    expect(table.column("Nhiệm vụ").map((title, i) => ({ title: String(title), lead: String(leads[i]) }))).toEqual(
      listed,
    );
  });
});
