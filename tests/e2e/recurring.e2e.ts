// Recurring duties (decision 026) in the browser: the secretariat chooses "Lặp lại /
// Nhiệm vụ định kỳ" on the new-task page, enters a monthly report started in the past and
// sees the preview of its first periods; the duty's page says the rule in words and lists
// its periods, the first one overdue; the directive page shows the duty once with its
// periods under it; and leadership's dashboard lists the missed report as overdue.
import { describe, expect, it } from "vitest";
import { expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();

const TITLE = "Báo cáo định kỳ kết quả chuyển đổi số";

describe("recurring duties", () => {
  it("the secretariat enters a monthly report started in the past; a missed month is overdue on the dashboard", async () => {
    const page = await pages.signedIn("vanphong");
    await page.goto("/directives");
    await page.locator("main li", { hasText: "412/TB-UBND" }).getByRole("heading").getByRole("link").click();
    await page.waitForURL(/\/directives\/\d+$/);
    const directiveId = /\/directives\/(\d+)$/.exec(page.url())![1]!;

    await page.goto(`/tasks/new?directive=${directiveId}`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Lặp lại / Nhiệm vụ định kỳ" }).click();
    await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ định kỳ" }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Số mục").fill("12");
    await page.getByLabel("Tên nhiệm vụ").fill(TITLE);
    await page.getByLabel("Đơn vị chủ trì").selectOption({ label: "Sở Thông tin và Truyền thông" });
    await page.getByLabel("Tần suất").selectOption("monthly");
    await page.getByLabel("Hạn: ngày").fill("5");
    await page.getByLabel("Từ ngày").fill("01/01/2025");
    // The preview follows what is typed: January 2025's report is due on 05/01/2025.
    const preview = page.getByTestId("duty-preview");
    await expect
      .poll(() => preview.locator("tbody tr").first().innerText())
      .toMatch(/Tháng 01\/2025\s+01\/01\/2025\s+05\/01\/2025/);
    expect(await preview.locator("tbody tr").count()).toBe(6);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Tạo nhiệm vụ định kỳ" }).click();

    await page.waitForURL(/\/duties\/\d+\?created=\d+$/);
    const dutyUrl = new URL(page.url());
    await page.getByRole("status").filter({ hasText: "Đã tạo nhiệm vụ định kỳ" }).waitFor();
    expect(await page.getByTestId("duty-rule").innerText()).toBe(
      "Trước ngày 05 hằng tháng, từ 01/01/2025, đến khi văn bản kết thúc",
    );
    expect(await page.getByTestId("duty-rollup").innerText()).toMatch(/^Có kỳ quá hạn — \d+ quá hạn/);
    const first = page.locator('tr[data-occurrence="2025-01"]');
    expect(await first.innerText()).toMatch(/^Tháng 01\/2025\s+05\/01\/2025\s[\s\S]*Quá hạn/);
    const created = Number(dutyUrl.searchParams.get("created"));
    expect(created).toBeGreaterThanOrEqual(13);
    expect(await page.locator("tr[data-occurrence]").count()).toBe(created);
    await expectAccessible(page);

    // A period is an ordinary task that names its duty.
    await first.getByRole("link").click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByRole("heading", { level: 1, name: `12. ${TITLE} — Tháng 01/2025` }).waitFor();
    await page.getByTestId("task-duty").getByRole("link", { name: "Kỳ Tháng 01/2025 của nhiệm vụ định kỳ" }).waitFor();

    // The directive page shows the duty once, its periods under it.
    await page.goto(`/directives/${directiveId}`);
    const duty = page.locator("[data-duty]");
    expect(await duty.count()).toBe(1);
    await duty.getByRole("link", { name: TITLE, exact: true }).waitFor();
    expect(await duty.locator("tr[data-task-id]").count()).toBe(created);
    // Its sentence counts the periods in a clause of their own, never among the main tasks, and
    // the clause's number opens a task list of exactly those periods.
    const sentence = page.getByTestId("directive-progress");
    const periods = sentence.locator('[data-level="period"]');
    expect(Number(await periods.locator("a").first().getAttribute("data-count"))).toBe(created);
    expect(await periods.innerText()).toMatch(new RegExp(`^${created} kỳ của nhiệm vụ định kỳ: `));
    const overduePeriods = periods.locator('[data-status="overdue"]');
    const overdueCount = Number(await overduePeriods.getAttribute("data-count"));
    expect(overdueCount).toBeGreaterThanOrEqual(1);
    await overduePeriods.click();
    await page.waitForURL(/\/tasks\?.*level=period/);
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    expect(await page.locator("tbody tr[data-task-id]").count()).toBe(Math.min(overdueCount, 50));

    // Leadership: the missed January report is overdue, first of the directive's overdue list.
    const chair = await pages.signedIn("lanhdao");
    await chair.goto(`/?directive=${directiveId}`);
    const overdue = chair.locator('section[aria-labelledby="overdue-heading"]');
    await overdue.getByRole("link", { name: `${TITLE} — Tháng 01/2025` }).waitFor();
    await expectAccessible(chair);
  }, 180_000);
});
