// The read pages as the chair sees them: the seed directive, every list, a task's history,
// a phone, and bad input in the URL.
import type { Page, Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();

/** A new browser context signed in as the chair (leadership sees every issued directive), at `path`. */
async function open(
  path: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; response: Response | null }> {
  const page = await pages.signedIn("lanhdao", { viewport });
  const response = await page.goto(path);
  return { page, response };
}

async function openSeedDirective(): Promise<Page> {
  const { page } = await open("/directives");
  await page.getByRole("link", { name: /cuộc họp ngày 18\/9\/2019/ }).click();
  await page.waitForURL(/\/directives\/\d+$/);
  return page;
}

const SEED_STATUSES_VI = ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn", "Thường xuyên / không thời hạn"];

describe("the seed directive (Hanoi, 18/09/2019)", () => {
  it("shows its ten tasks with computed statuses, in Vietnamese", async () => {
    const page = await openSeedDirective();
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    await page.getByRole("heading", { level: 1, name: /18\/9\/2019/ }).waitFor();
    const rows = page.locator("tbody tr[data-task-id]");
    const items = await rows.locator("td:first-child").allInnerTexts();
    const topLevel = items.filter((item) => /^\d+$/.test(item.trim()));
    expect(topLevel).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    const badges = await page.locator("tbody [data-status]").allInnerTexts();
    for (const label of SEED_STATUSES_VI)
      expect(
        badges.some((b) => b.includes(label)),
        label,
      ).toBe(true);
    expect(await page.getByText("Sở Thông tin và Truyền thông").count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it("switches to English, and the choice persists across pages", async () => {
    const page = await openSeedDirective();
    try {
      // The button's name starts with what it shows (WCAG 2.5.3).
      await page.getByRole("button", { name: "English (chuyển giao diện sang tiếng Anh)", exact: true }).click();
      await page.getByRole("heading", { name: "Tasks", exact: true }).waitFor();
      // The switch is a full page load: the heading shows while the rows may still be
      // streaming in, so read them only once the document has loaded.
      await page.waitForLoadState("load");
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      const badges = await page.locator("tbody [data-status]").allInnerTexts();
      for (const label of ["Done on time", "Done late", "Overdue"])
        expect(
          badges.some((b) => b.includes(label)),
          label,
        ).toBe(true);
      await expectAccessible(page);

      await page.getByRole("link", { name: "Dashboard" }).click();
      await page.getByRole("heading", { level: 1, name: "Implementation overview" }).waitFor();

      // The choice is the chair's own: signing in on another browser (Vietnamese until then) brings it back.
      const other = await pages.signedIn("lanhdao");
      await other.getByRole("heading", { level: 1, name: "Implementation overview" }).waitFor();
      expect(await other.locator("html").getAttribute("lang")).toBe("en");

      await page.getByRole("button", { name: "Tiếng Việt (switch the interface to Vietnamese)", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    } finally {
      // Should a step above fail, the chair's account is Vietnamese again all the same: sign-in
      // applies the account's language, and the tests below (and other files) read Vietnamese.
      await page.request.post("/language", { form: { locale: "vi", redirectTo: "/" }, headers: { Origin: baseUrl() } });
    }
  });

  it("shows the figures as known at the end of 31/12/2019", async () => {
    const page = await openSeedDirective();
    const input = page.getByLabel("Số liệu tính đến ngày");
    await input.fill("31/12/2019");
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/asOf=31%2F12%2F2019/);
    const summary = page.locator('[data-testid="directive-summary"][data-as-of="2019-12-31"]');
    expect(await summary.innerText()).toMatch(/^Mười nhiệm vụ: \d+ hoàn thành đúng hạn, 0 hoàn thành quá hạn/);
    // On that day, late completions of early 2020 were still open: nothing was "done late" yet.
    const count = async (level: string, status: string) =>
      Number(await summary.locator(`[data-level="${level}"] [data-status="${status}"]`).getAttribute("data-count"));
    expect(await count("top", "done_late")).toBe(0);
    expect(await count("top", "done_on_time")).toBeGreaterThan(0);
    await expectAccessible(page);
  });
});

describe("every read page", () => {
  for (const path of ["/", "/scorecard", "/directives", "/tasks", "/tasks?status=overdue", "/departments"]) {
    it(`${path} renders and is accessible`, async () => {
      const { page, response } = await open(path);
      expect(response?.status()).toBe(200);
      await page.locator("main h1").waitFor();
      await expectAccessible(page);
    });
  }

  it("a task page shows its history and is accessible", async () => {
    const page = await openSeedDirective();
    await page.locator("tbody tr[data-task-id] a").first().click();
    await page.getByRole("heading", { name: "Lịch sử xử lý" }).waitFor();
    expect(await page.locator("ol li").count()).toBeGreaterThan(1);
    await expectAccessible(page);
  });

  it("the dashboard counts link to the matching task list", async () => {
    const { page } = await open("/");
    const tile = page.locator('a[data-status="overdue"]').first();
    const count = Number((await tile.locator("span").first().innerText()).replace(/\D/g, ""));
    await tile.click();
    await page.waitForURL(/status=overdue/);
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    const shown = await page.locator("tbody tr[data-task-id]").count();
    expect(shown).toBe(Math.min(count, 50));
    expect(
      await page.locator("tbody [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))),
    ).toEqual(Array(shown).fill("overdue"));
  });

  it("works on a phone: navigation reachable, no sideways scrolling of the page", async () => {
    const { page } = await open("/directives", { width: 375, height: 740 });
    // Behind "Menu" on a phone.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Nhiệm vụ" }).click();
    await page.waitForURL(/\/tasks$/);
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    // Phones get one card per task (the list's one table, each row laid out as a card), with the
    // status visible without scrolling sideways.
    const firstCard = page.locator("tbody tr[data-task-id]").first();
    expect(await firstCard.isVisible()).toBe(true);
    expect(await firstCard.evaluate((row) => getComputedStyle(row).display)).toBe("grid");
    expect(await firstCard.locator("[data-status]").isVisible()).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});

describe("bad input in the URL", () => {
  it("a malformed as-of date is a 400 with a translated message", async () => {
    const { page, response } = await open("/?asOf=31/02/2019&basis=recorded");
    expect(response?.status()).toBe(400);
    await page.getByText("Ngày “31/02/2019” không tồn tại (tháng 02/2019 chỉ có 28 ngày).").waitFor();
    // Shown on the form, with what was typed and the other choices kept, over today's figures.
    const day = page.getByLabel("Số liệu tính đến ngày");
    expect(await day.inputValue()).toBe("31/02/2019");
    expect(await day.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("combobox", { name: /^Cách xem/ }).inputValue()).toBe("recorded");
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    await expectAccessible(page);
  });

  it("an unknown directive or a non-numeric id is a 404", async () => {
    const { page, response } = await open("/directives/999999");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
    expect((await page.goto("/tasks/abc"))?.status()).toBe(404);
  });
});
