// Finding work: the task list's filters by clicking, and accent-free search.
import { describe, expect, it } from "vitest";
import { expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();

describe("finding tasks", () => {
  it("the list filters to “overdue, Sở Thông tin và Truyền thông” by clicking, and the URL keeps the view", async () => {
    const page = await pages.signedIn("vanphong");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Nhiệm vụ" }).click();
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    await page.getByRole("combobox", { name: /^Tình trạng/ }).selectOption({ label: "Quá hạn" });
    await page
      .getByRole("combobox", { name: /^Đơn vị chủ trì/ })
      .selectOption({ label: "Sở Thông tin và Truyền thông" });
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL(/status=overdue/);
    // The URL changes before the new rows render: wait until the table shows the filtered view.
    await page.waitForFunction(() => {
      const statuses = [...document.querySelectorAll("tbody tr[data-task-id] [data-status]")];
      return statuses.length > 0 && statuses.every((e) => e.getAttribute("data-status") === "overdue");
    });
    const rows = page.locator("tbody tr[data-task-id]");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("overdue");
      expect(await row.innerText()).toContain("Sở Thông tin và Truyền thông");
    }
    await expectAccessible(page);

    // Sorting by a column header is a link: the filters stay.
    await page.getByRole("link", { name: /Sắp xếp theo Cập nhật/ }).click();
    await page.waitForURL(/sort=updated/);
    await page.locator('th[aria-sort] a[aria-label*="Cập nhật"]').waitFor();
    expect(page.url()).toMatch(/status=overdue/);
    expect(await page.locator("tbody tr[data-task-id]").count()).toBe(count);
  });

  it("search “dao tao” from the header finds the training task, highlighted", async () => {
    const page = await pages.signedIn("lanhdao");
    const box = page.getByRole("searchbox", { name: "Tìm văn bản, nhiệm vụ, báo cáo" }).first();
    await box.fill("dao tao");
    await box.press("Enter");
    await page.waitForURL(/\/search\?q=dao\+tao/);
    await page.getByRole("heading", { level: 1, name: "Tìm kiếm" }).waitFor();
    const first = page.locator("ol li[data-kind]").first();
    expect(await first.innerText()).toContain("Đào tạo");
    expect(await first.locator("mark").first().innerText()).toMatch(/^Đào$/i);
    await expectAccessible(page);
    await first.getByRole("link").click();
    await page.getByRole("heading", { name: "Lịch sử xử lý" }).waitFor();
  });
});
