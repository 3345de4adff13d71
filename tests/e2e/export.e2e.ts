// The task report download: what the list shows is what the Excel file holds — the same
// tasks; without a chosen sort in a unit report's order (by directive, a sub-task under its
// parent), with one in the list's order (app/models/task-report.server.ts).
import type ExcelJS from "exceljs";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { readSheet, reportTable } from "./report-sheet";

const pages = useBrowser();

const PAGE_SIZE = 100;
const pageNumberOf = (page: Page) => Number(new URL(page.url()).searchParams.get("page") ?? "1");

/**
 * The list's rows, each task's title and lead in the list's order, over every page of the
 * list (other browser tests add overdue tasks to the shared database: there may be more
 * than one page of them). Leaves the page on the list's first page.
 */
async function listedTasks(page: Page): Promise<{ title: string; lead: string }[]> {
  const first = new URL(page.url());
  const rows = page.locator("tbody tr[data-task-id]");
  const listed: { title: string; lead: string }[] = [];
  const seen = new Set<string>();
  for (let pageNumber = 1; ; pageNumber++) {
    if (pageNumber > 1) {
      const next = new URL(first);
      next.searchParams.set("page", String(pageNumber));
      await page.goto(next.pathname + next.search);
      await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    }
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-task-id") ?? ""));
    // Past the last page the list shows the last page again.
    if (ids.every((id) => seen.has(id))) break;
    ids.forEach((id) => seen.add(id));
    const titles = await rows.locator("td:nth-child(2) a").allInnerTexts();
    const leads = await rows.locator("td:nth-child(3)").allInnerTexts();
    listed.push(...titles.map((title, i) => ({ title, lead: leads[i]!.trim() })));
    if (ids.length < PAGE_SIZE) break;
  }
  if (pageNumberOf(page) !== 1) {
    await page.goto(first.pathname + first.search);
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    await rows.first().waitFor();
  }
  return listed;
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
    const page = await pages.signedIn("lanhdao");
    await page.goto(`/tasks?status=overdue&size=${PAGE_SIZE}`);
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

    // The same tasks as the list, each with its lead. An item given to many units has a row
    // of its own ("30 đơn vị chủ trì", its roll-up), numbered like a task, its units under it
    // as 3.1, 3.2, …; other browser tests add such items to the shared database.
    const titles = table.column("Nhiệm vụ");
    const leads = table.column("Đơn vị chủ trì");
    const isItemRow = leads.map((lead) => /^\d+ đơn vị chủ trì$/.test(String(lead)));
    const taskRows = titles.map((_, i) => i).filter((i) => !isItemRow[i]);
    const exported = taskRows.map((i) => ({ title: String(titles[i]), lead: String(leads[i]) }));
    expect([...exported].sort(byTitle)).toEqual([...listed].sort(byTitle));
    let number = 0;
    let unit = 0;
    let inItem = false;
    table.column("STT").forEach((stt, i) => {
      if (typeof stt === "number") {
        expect(stt, `STT of row ${i + 1}`).toBe(++number);
        inItem = isItemRow[i]!;
        unit = 0;
      } else {
        expect(inItem, `row ${i + 1} (${String(stt)}) is a unit under an item`).toBe(true);
        expect(stt).toBe(`${number}.${++unit}`);
      }
    });
    const statuses = table.column("Tình trạng");
    const deadlines = table.column("Thời hạn áp dụng");
    const originals = table.column("Thời hạn ban đầu");
    const percents = table.column("Tiến độ (%)");
    for (const i of taskRows) {
      expect(statuses[i]).toBe("Quá hạn");
      expect(deadlines[i]).toBeInstanceOf(Date);
      expect(originals[i]).toBeInstanceOf(Date);
      expect(typeof percents[i]).toBe("number");
    }

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
    const page = await pages.signedIn("lanhdao");
    await page.goto(`/tasks?status=overdue&size=${PAGE_SIZE}`);
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
