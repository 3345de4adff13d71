import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context (its own cookies), failing on page errors and console errors. */
export async function newPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  return { context, page, problems: collectProblems(page) };
}

/**
 * The page errors and console errors `page` shows from now on, in a list that grows. A
 * refused request's console line ("status of 4xx") is left out unless `statusErrors`: most
 * tests make such requests on purpose; a test of how the app is served counts them.
 */
export function collectProblems(page: Page, options: { statusErrors?: boolean } = {}): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && (options.statusErrors || !/status of 4\d\d/.test(message.text())))
      problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** A Hanoi calendar day `days` from today, as the forms take it (dd/mm/yyyy). */
export function hanoiDay(days: number): string {
  const when = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(when);
}

/** Fails on any WCAG 2.1 A/AA violation axe-core finds on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the login page, as a user would. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  // Wait for the login page to hydrate (its catalogue is fetched first): a click during hydration
  // forces React 18 into a synchronous hydration that can throw #345 ("Root did not complete").
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.getByLabel(/Tên đăng nhập|Login/).fill(login);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A page of `useBrowser`'s, and the errors it may show without failing its test. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  /** `false`: a browser without JavaScript (the forms must work as plain HTML). */
  javaScriptEnabled?: boolean;
  /** Browser errors this test causes on purpose (e.g. a refused request it makes). */
  expected?: RegExp;
}

/**
 * The browser of an e2e file and the pages its tests open. Call it once at the top of
 * the file: it launches Chromium before the file's tests and closes it after them. Each
 * page opened through it gets its own context (cookies) and is closed after its test,
 * which fails on any page error or console error the page saw — so every test stands
 * alone and no file repeats the setup.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const opened: { context: BrowserContext; problems: string[]; expected?: RegExp }[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const { context, problems, expected } of opened.splice(0)) {
      expect(
        problems.filter((problem) => !expected?.test(problem)),
        "browser errors",
      ).toEqual([]);
      await context.close();
    }
  });

  /** A fresh page in its own context, signed in as nobody. */
  async function open(options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
    if (browser === undefined) throw new Error("useBrowser(): the browser starts in beforeAll; open pages in tests");
    const { context, page, problems } = await newPage(browser, {
      viewport: options.viewport,
      javaScriptEnabled: options.javaScriptEnabled,
    });
    opened.push({ context, problems, expected: options.expected });
    return { context, page };
  }

  /** A fresh page, signed in through the login page. */
  async function signedIn(login: string, options: PageOptions & { password?: string } = {}): Promise<Page> {
    const { page } = await open(options);
    await signIn(page, login, options.password);
    return page;
  }

  return { open, signedIn };
}

/** The submit button of the form under a disclosure (its summary may carry the same words). */
export function submitButton(page: Page, name: string) {
  return page.locator("form").getByRole("button", { name, exact: true });
}

/** Opens the first disclosure (`<details>`) whose summary says `summary`, unless it is open. */
export async function openDisclosure(page: Page, summary: string): Promise<void> {
  const details = page.locator("details", { has: page.locator("summary", { hasText: summary }) }).first();
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
}

/** An account for a unit's head ("Lãnh đạo đơn vị"), created by the administrator through the form. */
export async function createUnitHead(admin: Page, login: string, department: string, password: string): Promise<void> {
  await admin.goto("/admin/users/new");
  await admin.getByRole("heading", { level: 1, name: "Thêm người dùng" }).waitFor();
  await admin.getByLabel("Tên đăng nhập").fill(login);
  await admin.getByLabel("Họ và tên").fill(`Chủ tịch UBND ${department}`);
  await admin.getByLabel("Vai trò").selectOption({ label: "Lãnh đạo đơn vị" });
  await admin.getByLabel("Đơn vị", { exact: true }).selectOption({ label: department });
  await admin.getByLabel("Mật khẩu ban đầu").fill(password);
  await admin.getByLabel("Nhập lại mật khẩu").fill(password);
  await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
  await admin.waitForURL(/\/admin\/users\/\d+\?done=created$/);
}
