// Leadership dashboards: the chair reads the overview for a past day, opens the
// department scorecard and follows one department's overdue count to its list.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newPage, signIn } from "./browser";

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

describe("leadership dashboards", () => {
  it("the chair reads the seed directive, a past day, the scorecard and one department's overdue tasks", async () => {
    ({ page, problems } = await newPage(browser));
    await signIn(page, "lanhdao");
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    const seed = page.locator("li[data-directive-id]", { hasText: /18\/9\/2019/ });
    const summary = await seed.locator("[data-status]").allInnerTexts();
    expect(summary.some((s) => s.includes("Hoàn thành đúng hạn"))).toBe(true);
    expect(summary.some((s) => s.includes("Hoàn thành quá hạn"))).toBe(true);
    await expectAccessible(page);

    await page.getByLabel("Số liệu tính đến ngày").fill("31/12/2019");
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/asOf=31%2F12%2F2019/);
    await page.getByText("tính đến ngày 31/12/2019").first().waitFor();
    const then = await page
      .locator("li[data-directive-id]", { hasText: /18\/9\/2019/ })
      .locator("[data-status]")
      .allInnerTexts();
    // On that day the late completions of early 2020 had not happened yet.
    expect(then.some((s) => s.includes("Hoàn thành quá hạn"))).toBe(false);
    expect(then.some((s) => s.includes("Hoàn thành đúng hạn"))).toBe(true);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Xếp hạng các đơn vị" }).click();
    await page.getByRole("heading", { level: 1, name: "Xếp hạng đơn vị" }).waitFor();
    expect(page.url()).toContain("asOf=2019-12-31");
    await expectAccessible(page);

    // The overdue count of a department, or (if nobody was overdue that day) its on-time count.
    const overdueTexts = await page.locator('[data-testid="scorecard"] td[data-column="overdue"] a').allInnerTexts();
    const column = overdueTexts.some((text) => Number(text.replace(/\D/g, "")) > 0) ? "overdue" : "done_on_time";
    const cells = page.locator(`[data-testid="scorecard"] tbody tr td[data-column="${column}"] a`);
    const texts = await cells.allInnerTexts();
    const index = texts.findIndex((text) => Number(text.replace(/\D/g, "")) > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const cell = cells.nth(index);
    const count = Number((await cell.innerText()).replace(/\D/g, ""));
    const row = page.locator('[data-testid="scorecard"] tbody tr').nth(index);
    const department = (await row.locator("th").innerText()).trim();

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
    await expectAccessible(page);
  });

  it("the scorecard sorts by a column through its heading link, without JavaScript state", async () => {
    ({ page, problems } = await newPage(browser));
    await signIn(page, "lanhdao");
    await page.goto("/scorecard");
    await page.getByRole("link", { name: "Sắp xếp theo Quá hạn", exact: true }).click();
    await page.waitForURL(/sort=overdue&dir=desc/);
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain("Quá hạn");
    const counts = (await page.locator('tbody td[data-column="overdue"]').allInnerTexts()).map((s) =>
      Number(s.replace(/\D/g, "")),
    );
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await expectAccessible(page);
  });
});
