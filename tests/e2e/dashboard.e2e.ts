// Leadership dashboards: the chair reads the overview (the seed directive's ten tasks in
// one sentence, the monthly trend), changes the day to 31/12/2019, follows one
// department's overdue count to exactly those tasks, downloads them and the scorecard
// as Excel and reads both back; a department's quarters; the dashboard printed on A4.
import { describe, expect, it } from "vitest";
import { expectAccessible, useBrowser } from "./browser";
import { readSheet, reportTable } from "./report-sheet";

const pages = useBrowser();

const number = (text: string) => Number(text.replace(/\D/g, ""));

/** The scorecard's status columns on the page (data-column) and in its workbook (header), in the page's order. */
const SCORECARD_STATUSES = [
  ["assigned", "Được giao chủ trì"],
  ["done_on_time", "Hoàn thành đúng hạn"],
  ["done_late", "Hoàn thành quá hạn"],
  ["awaiting_confirmation", "Chờ xác nhận"],
  ["overdue", "Quá hạn"],
  ["due_soon", "Sắp đến hạn"],
  ["on_track", "Trong hạn"],
  ["ongoing", "Thường xuyên"],
  ["on_hold", "Tạm dừng"],
  ["cancelled", "Đã rút"],
] as const;
/** The terms of "assigned" (docs/decisions/019-scorecard-columns.md): every column between it and those set aside. */
const ASSIGNED_TERMS = SCORECARD_STATUSES.slice(1, -2).map(([, header]) => header);

describe("leadership dashboards", () => {
  it("the chair reads the seed directive, a past day, one department's overdue tasks, and downloads both reports", async () => {
    const page = await pages.signedIn("lanhdao");
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    const seed = page.locator("li[data-directive-id]", { hasText: /18\/9\/2019/ });
    const sentence = seed.locator('[data-testid="directive-progress"]');
    // "Mười nhiệm vụ: N hoàn thành đúng hạn, N hoàn thành quá hạn, N quá hạn, …" — then the sub-tasks.
    expect(await sentence.innerText()).toMatch(
      /^Mười nhiệm vụ: \d+ hoàn thành đúng hạn, [1-9]\d* hoàn thành quá hạn, \d+ quá hạn.*\. Ngoài ra, 3 nhiệm vụ con: /,
    );
    const topCounts = await sentence
      .locator('[data-level="top"] [data-status]')
      .evaluateAll((links) => links.map((link) => Number(link.getAttribute("data-count"))));
    expect(topCounts.reduce((a, b) => a + b, 0)).toBe(10);
    // The trend: an SVG picture with its own name, and the same numbers as a table.
    const chart = page.getByRole("img", { name: "Nhiệm vụ đến hạn và hoàn thành theo tháng" });
    await chart.waitFor();
    await page.getByText("Bảng số liệu của biểu đồ").click();
    expect(await page.locator('[data-testid="trend-chart"] tbody tr').count()).toBe(12);
    await expectAccessible(page);

    await page.getByLabel("Số liệu tính đến ngày").fill("31/12/2019");
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/asOf=31%2F12%2F2019/);
    await page.getByText("Số nhiệm vụ theo tình trạng, tính đến ngày 31/12/2019").waitFor();
    const then = page.locator("li[data-directive-id]", { hasText: /18\/9\/2019/ }).locator('[data-level="top"]');
    // On that day the late completions of early 2020 had not happened yet.
    expect(await then.locator('[data-status="done_late"]').getAttribute("data-count")).toBe("0");
    expect(
      number((await then.locator('[data-status="done_on_time"]').getAttribute("data-count")) ?? ""),
    ).toBeGreaterThan(0);
    // The trend now ends with December 2019.
    expect(await page.locator('[data-testid="trend-chart"] tbody tr').last().getAttribute("data-month")).toBe(
      "2019-12",
    );
    await expectAccessible(page);

    await page.getByRole("link", { name: "Xếp hạng các đơn vị" }).click();
    await page.getByRole("heading", { level: 1, name: "Xếp hạng đơn vị" }).waitFor();
    expect(page.url()).toContain("asOf=2019-12-31");
    await expectAccessible(page);

    // The scorecard as Excel: the rows of the table, in its order.
    const names = (await page.locator('[data-testid="scorecard"] tbody th').allInnerTexts()).map((n) => n.trim());
    const [scorecardFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải Excel" }).click(),
    ]);
    expect(scorecardFile.suggestedFilename()).toBe("xep-hang-don-vi-2019-12-31.xlsx");
    const scorecardSheet = await readSheet(scorecardFile);
    expect(scorecardSheet.getCell("A1").value).toBe("BẢNG XẾP HẠNG KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ");
    expect(scorecardSheet.getCell("A2").value).toBe("Số liệu tính đến ngày 31/12/2019");
    const scorecardTable = reportTable(scorecardSheet, ["Hạng", "Đơn vị", "Quá hạn"]);
    expect(scorecardTable.column("Đơn vị")).toEqual(names);
    // Every status column as on the page; each row's "assigned" is the sum of its terms.
    for (const [column, header] of SCORECARD_STATUSES) {
      const onScreen = (
        await page.locator(`[data-testid="scorecard"] td[data-column="${column}"] a`).allInnerTexts()
      ).map(number);
      expect(scorecardTable.column(header), header).toEqual(onScreen);
    }
    const terms = ASSIGNED_TERMS.map((header) => scorecardTable.column(header) as number[]);
    scorecardTable.column("Được giao chủ trì").forEach((assigned, row) => {
      expect(assigned, names[row]).toBe(terms.reduce((sum, column) => sum + column[row]!, 0));
    });
    const overdueOnScreen = scorecardTable.column("Quá hạn") as number[];

    // The overdue count of a department, or (if nobody was overdue that day) its on-time count.
    const column = overdueOnScreen.some((n) => n > 0) ? "overdue" : "done_on_time";
    const cells = page.locator(`[data-testid="scorecard"] tbody tr td[data-column="${column}"] a`);
    const index = (await cells.allInnerTexts()).findIndex((text) => number(text) > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const cell = cells.nth(index);
    const count = number(await cell.innerText());
    const department = names[index]!;

    await cell.click();
    await page.waitForURL(new RegExp(`/tasks\\?.*status=${column}`));
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    expect(page.url()).toContain("asOf=2019-12-31");
    const rows = page.locator("tbody tr[data-task-id]");
    expect(await rows.count()).toBe(Math.min(count, 50));
    expect(
      await page.locator("tbody [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))),
    ).toEqual(Array(Math.min(count, 50)).fill(column));
    for (const text of await rows.allInnerTexts()) expect(text).toContain(department);
    const titles = await rows.locator("td:nth-child(2) a").allInnerTexts();
    await expectAccessible(page);

    // The task report of exactly those tasks.
    const [reportFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải Excel" }).click(),
    ]);
    expect(reportFile.suggestedFilename()).toBe("bao-cao-nhiem-vu-2019-12-31.xlsx");
    const reportSheet = await readSheet(reportFile);
    const report = reportTable(reportSheet, ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]);
    expect(report.titles).toContain("Số liệu tính đến ngày 31/12/2019");
    expect(report.titles.find((line) => line.startsWith("Phạm vi:"))).toContain(`Đơn vị chủ trì: ${department}`);
    // The same tasks (the report lists them by directive, the list by deadline).
    expect(report.column("Nhiệm vụ").map(String).sort()).toEqual([...titles].sort());
    expect(new Set(report.column("Đơn vị chủ trì"))).toEqual(new Set([department]));
  });

  it("the scorecard sorts by a column through its heading link, without JavaScript state", async () => {
    const page = await pages.signedIn("lanhdao");
    await page.goto("/scorecard");
    await page.getByRole("link", { name: "Sắp xếp theo Quá hạn", exact: true }).click();
    await page.waitForURL(/sort=overdue&dir=desc/);
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain("Quá hạn");
    const counts = (await page.locator('tbody td[data-column="overdue"]').allInnerTexts()).map(number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await expectAccessible(page);
  });

  it("a department's page shows its quarters, each number leading to the tasks as of that quarter's end", async () => {
    const page = await pages.signedIn("lanhdao");
    await page.goto("/departments");
    await page.getByRole("link", { name: "Kết quả theo quý của Sở Thông tin và Truyền thông" }).click();
    await page.getByRole("heading", { level: 1, name: "Sở Thông tin và Truyền thông" }).waitFor();
    const quarter = page.locator('[data-testid="department-quarters"] tr[data-quarter="2019-Q4"]');
    expect(await quarter.locator("th").innerText()).toBe("Quý IV/2019");
    await expectAccessible(page);
    const assigned = quarter.locator('td[data-column="assigned"] a');
    const count = number(await assigned.innerText());
    expect(count).toBeGreaterThan(0);
    await assigned.click();
    await page.waitForURL(/\/tasks\?.*asOf=2019-12-31/);
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    expect(await page.locator("tbody tr[data-task-id]").count()).toBe(count);
  });

  it("a period narrows the dashboard to the tasks assigned in it, and the task list agrees", async () => {
    const page = await pages.signedIn("lanhdao");
    await page.goto("/?asOf=31/12/2019");
    // A year, then a quarter or a month of it: two short selects.
    const period = page.getByRole("group", { name: "Giao trong kỳ" });
    // Located by name: a label around a select also holds its options' words ("Cả năm").
    const years = await period
      .locator('select[name="period"] option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(
      years.every((value) => value === "" || /^\d{4}$/.test(value)),
      years.join(),
    ).toBe(true);
    expect(await period.locator('select[name="periodPart"]').locator("option").count()).toBe(17);
    await period.locator('select[name="period"]').selectOption("2019");
    await period.locator('select[name="periodPart"]').selectOption({ label: "Quý III" });
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/period=2019&periodPart=Q3/);
    const total = page.getByRole("link", { name: /— Tổng số nhiệm vụ$/ });
    // The URL changes before the page does: the year's total (a task entered for 10/12/2019 by
    // another browser test makes it 14) is read only once the figures are the quarter's.
    await expect.poll(() => total.getAttribute("href"), { timeout: 20_000 }).toContain("period=2019-Q3");
    const count = number(await total.innerText());
    await total.click();
    await page.waitForURL(/\/tasks\?period=2019-Q3&asOf=2019-12-31/);
    await page.locator("tbody tr[data-task-id]").first().waitFor();
    const rows = await page.locator("tbody tr[data-task-id]").allInnerTexts();
    expect(rows).toHaveLength(count);
    // The seed notice's ten items and three sub-items; a row more names the task that came from elsewhere.
    expect(rows.length, rows.map((row) => row.replace(/\s+/g, " ").slice(0, 120)).join("\n")).toBe(13);
    const listPeriod = page.getByRole("group", { name: "Giao trong kỳ" });
    expect(await listPeriod.locator('select[name="period"]').inputValue()).toBe("2019");
    expect(await listPeriod.locator('select[name="periodPart"]').inputValue()).toBe("Q3");
    await expectAccessible(page);
  });

  it("a malformed period in the URL gets a translated 400 page", async () => {
    const page = await pages.signedIn("lanhdao");
    const response = await page.goto("/?period=2019-13");
    expect(response?.status()).toBe(400);
    await page.getByText("Kỳ «2019-13» không hợp lệ").waitFor();
    await expectAccessible(page);
  });

  it("prints on A4: no navigation or filters, a print header, the chart, nothing wider than the page", async () => {
    const page = await pages.signedIn("lanhdao");
    await page.goto("/?asOf=31/12/2019");
    await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    await page.getByRole("button", { name: "In trang tổng quan (khổ A4)" }).waitFor();

    await page.emulateMedia({ media: "print" });
    // The printable width of A4 with the page's 10 mm side margins: 190 mm at 96 px per inch.
    const printable = Math.floor((190 / 25.4) * 96);
    await page.setViewportSize({ width: printable, height: 1000 });
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(false);
    expect(await page.getByLabel("Số liệu tính đến ngày").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "In trang tổng quan (khổ A4)" }).isVisible()).toBe(false);
    const header = page.locator('[data-testid="print-header"]');
    expect(await header.isVisible()).toBe(true);
    expect(await header.innerText()).toContain("Số liệu tính đến ngày 31/12/2019");
    expect(await page.getByRole("img", { name: "Nhiệm vụ đến hạn và hoàn thành theo tháng" }).isVisible()).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(printable);

    const pdf = await page.pdf({ format: "A4" });
    const sheets = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(sheets).toBeGreaterThanOrEqual(1);
    expect(sheets).toBeLessThanOrEqual(6);
  });
});
