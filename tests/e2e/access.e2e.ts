// Each demo role signs in and sees what it should, and only that (docs/domain-rules.md §1, §5).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { baseUrl, expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();

const navLinks = async (page: Page) =>
  page
    .getByRole("navigation", { name: /Điều hướng chính|Main navigation/ })
    .getByRole("link")
    .allInnerTexts();
const directiveNumbers = async (page: Page) => {
  await page.goto("/directives");
  await page.locator("main h1").waitFor();
  return page.locator("main li .font-semibold").allInnerTexts();
};
const CONFIDENTIAL = "1563/UBND-NC";
const SEED = "1198/TB-UBND";
const CURRENT = "412/TB-UBND";

describe("signed out", () => {
  it("every page sends to the login page and comes back after signing in", async () => {
    const { page } = await pages.open();
    await page.goto("/tasks?status=overdue");
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Tên đăng nhập").fill("vanphong");
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/tasks\?status=overdue$/);
  });

  it("a wrong password gets a clear message and no session", async () => {
    const { page } = await pages.open();
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("vanphong");
    await page.getByLabel("Mật khẩu").fill("wrong-password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("alert").getByText("Tên đăng nhập hoặc mật khẩu không đúng").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await expectAccessible(page);
  });

  it("refuses a cross-origin POST", async () => {
    const response = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "login=vanphong&password=Demo%402019",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("không xuất phát từ trang của hệ thống");
  });

  it("sends the security headers, with a nonce in the enforced CSP", async () => {
    const response = await fetch(`${baseUrl()}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });
});

describe("each demo role", () => {
  it("the chair (leadership) sees every issued directive, the confidential one included, and no administration", async () => {
    const page = await pages.signedIn("lanhdao");
    expect(await directiveNumbers(page)).toEqual(expect.arrayContaining([SEED, CURRENT, CONFIDENTIAL]));
    const links = await navLinks(page);
    expect(links).toEqual([
      "Tổng quan",
      "Xếp hạng đơn vị",
      "Báo cáo đã chốt",
      "Văn bản chỉ đạo",
      "Ban Chỉ đạo",
      "Nhiệm vụ",
      "Đơn vị",
    ]);
  });

  it("the secretariat sees everything and the audit log", async () => {
    const page = await pages.signedIn("vanphong");
    expect(await directiveNumbers(page)).toEqual(expect.arrayContaining([SEED, CURRENT, CONFIDENTIAL]));
    expect(await navLinks(page)).toContain("Nhật ký hệ thống");
  });

  it("the administrator manages users and departments but does not see the confidential directive", async () => {
    const page = await pages.signedIn("admin");
    const numbers = await directiveNumbers(page);
    expect(numbers).toEqual(expect.arrayContaining([SEED, CURRENT]));
    expect(numbers).not.toContain(CONFIDENTIAL);
    expect(await navLinks(page)).toEqual(expect.arrayContaining(["Người dùng", "Quản lý đơn vị", "Nhật ký hệ thống"]));
  });

  it("the head of Information and Communications sees only the department's tasks, confidential ones it is assigned in included", async () => {
    const page = await pages.signedIn("stttt.truong");
    expect(await directiveNumbers(page)).toEqual(expect.arrayContaining([SEED, CURRENT, CONFIDENTIAL]));
    await page.goto("/tasks");
    await page.locator("main h1").waitFor();
    const rows = page.locator("tbody tr[data-task-id]");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const text = await rows.nth(i).innerText();
      expect(text, `row ${i}`).toContain("Sở Thông tin và Truyền thông");
    }
    expect(await navLinks(page)).not.toContain("Nhật ký hệ thống");
    expect(await navLinks(page)).not.toContain("Báo cáo đã chốt");
    await expectAccessible(page);
  });

  it("the head of Education does not see the confidential directive: it answers 404, as if it did not exist", async () => {
    const page = await pages.signedIn("sgddt.truong");
    const numbers = await directiveNumbers(page);
    expect(numbers).not.toContain(CONFIDENTIAL);
    await page.goto("/directives");
    const confidentialId = 3;
    const response = await page.goto(`/directives/${confidentialId}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
  });

  it("signing out ends the session: the old cookie no longer works", async () => {
    const page = await pages.signedIn("syt.truong");
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(/\/login$/);
    const { context: replay, page: other } = await pages.open();
    await replay.addCookies(cookies);
    await other.goto("/");
    expect(new URL(other.url()).pathname).toBe("/login");
  });
});
