// The audit log page (/audit): the secretariat finds a failed sign-in by filtering
// the log; a department head may not open it. Shares the demo server with the other
// browser tests: the failed sign-in uses a login that does not exist, so no real
// account comes nearer its rate limit.
import { describe, expect, it } from "vitest";
import { expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();

describe("the audit log", () => {
  it("the secretariat finds a failed sign-in by filtering on its action", async () => {
    const stranger = `khach.e2e.${Date.now()}`;
    const { page: signedOut } = await pages.open();
    await signedOut.goto("/login");
    await signedOut.getByLabel("Tên đăng nhập").fill(stranger);
    await signedOut.getByLabel("Mật khẩu").fill("not-the-password");
    await signedOut.getByRole("button", { name: "Đăng nhập" }).click();
    await signedOut.getByRole("alert").waitFor();

    const page = await pages.signedIn("vanphong");
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhật ký hệ thống" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Nhật ký hệ thống" }).waitFor();
    await page.getByLabel("Hành động", { exact: true }).fill("auth.login_failed");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL(/action=auth.login_failed/);

    const table = page.getByRole("table", { name: "Nhật ký hệ thống, mới nhất trước" });
    const row = table.getByRole("row").filter({ hasText: stranger });
    await row.waitFor();
    expect(await row.innerText()).toContain("Đăng nhập không thành công");
    // Only failed sign-ins are listed.
    const actions = await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(new Set(actions)).toEqual(new Set(["auth.login_failed"]));
    // The data recorded with it is one click away, and says why it failed.
    await row.getByText("Xem dữ liệu").click();
    await row.getByText('"reason": "unknown_login"').waitFor();
    await expectAccessible(page);
  });

  it("filters by actor, action group and day (Hanoi calendar), all in the URL", async () => {
    const page = await pages.signedIn("vanphong");
    await page.goto("/audit?actor=vanphong&action=auth.");
    const rows = page.locator("table tbody tr");
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action") ?? ""));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^auth\./);
    for (const text of await rows.locator("td:nth-child(2)").allInnerTexts()) expect(text).toContain("vanphong");

    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    await page.goto(`/audit?action=auth.login&actor=vanphong&from=${today}&to=${today}`);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByLabel("Từ ngày").inputValue()).toBe(today);
    await page.goto("/audit?actor=vanphong&from=01/01/2019&to=31/12/2019");
    await page.getByText("Không có kết quả phù hợp.").waitFor();
  });

  it("is readable on a phone: one card per event, no sideways scrolling", async () => {
    const page = await pages.signedIn("admin", { viewport: { width: 375, height: 740 } });
    const response = await page.goto("/audit?action=auth.");
    expect(response?.status()).toBe(200);
    const card = page.locator("li[data-audit-id]").first();
    expect(await card.isVisible()).toBe(true);
    expect(await page.getByRole("table").isVisible()).toBe(false);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  it("a malformed filter is a 400 with a translated message", async () => {
    const page = await pages.signedIn("vanphong");
    const response = await page.goto("/audit?from=31/02/2019");
    expect(response?.status()).toBe(400);
    await page.getByText("Từ ngày: ngày “31/02/2019” không tồn tại (tháng 02/2019 chỉ có 28 ngày).").waitFor();
    await expectAccessible(page);
  });

  it("a department head may not open it: 403, with the reason", async () => {
    const page = await pages.signedIn("stttt.truong");
    expect(
      await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link").allInnerTexts(),
    ).not.toContain("Nhật ký hệ thống");
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(403);
    await page.getByText("Tài khoản của bạn không có quyền thực hiện thao tác này.").waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    await expectAccessible(page);
  });
});
