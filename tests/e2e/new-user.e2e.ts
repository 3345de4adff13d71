// What a new user tripped on (issue #17), as the journeys they took: the secretariat
// records a meeting's conclusion from the meeting's page and issues it in one step
// (number and date typed there, told how many departments will hear of it), with
// focus on each outcome and a count as a title nears its limit; a department head
// opens a task from a notification and finds it read; leadership prints the
// scorecard and the task list and reads the dashboard in English; a phone folds the
// navigation behind "Menu" and the task list's filters behind "Lọc"; the header's
// buttons and landmarks are named for keyboards and screen readers. Only records
// created here are changed (other browser tests share the server and the demo).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, hanoiDay, signIn, useBrowser } from "./browser";

const pages = useBrowser();

async function signedIn(login: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await pages.open({ viewport });
  await signIn(page, login);
  return page;
}

const stamp = Date.now().toString(36);
const COMMITTEE = "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội";
const LEAD = "Sở Thông tin và Truyền thông";
const COORDINATOR = "Sở Tài chính";
const PHONE = { width: 390, height: 844 };

/** A draft directive of the committee, without a number or a date, through its form; its id. */
async function newDraft(page: Page, abstract: string): Promise<string> {
  await page.goto("/directives/new");
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByLabel("Loại văn bản").selectOption({ label: "Thông báo kết luận" });
  await page.getByLabel("Cơ quan ban hành").fill("Ban Chỉ đạo Chuyển đổi số");
  await page.getByLabel("Trích yếu").fill(`${abstract} ${stamp}`);
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=created$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** A task of the draft with a lead and a coordinator: two departments to tell when it is issued. */
async function addTask(page: Page, directiveId: string): Promise<void> {
  await page.goto(`/tasks/new?directive=${directiveId}`);
  await page.getByLabel("Số mục").fill("1");
  await page.getByLabel("Tên nhiệm vụ").fill(`Xây dựng kho dữ liệu dùng chung ${stamp}`);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
  await page
    .getByRole("group", { name: "Đơn vị phối hợp" })
    .getByRole("checkbox", { name: COORDINATOR, exact: true })
    .check();
  await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(30));
  await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
}

/** What has keyboard focus: its role (or tag) and its text. */
async function focused(page: Page): Promise<{ role: string; text: string; name: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      role: element?.getAttribute("role") ?? element?.tagName.toLowerCase() ?? "",
      text: element?.innerText ?? "",
      name: element?.getAttribute("name") ?? "",
    };
  });
}

/** The unread count in the header. */
async function unread(page: Page): Promise<number> {
  const link = page.getByRole("link", { name: /^Thông báo: \d+ chưa đọc$/ });
  await link.waitFor();
  return Number(/(\d+)/.exec((await link.getAttribute("aria-label")) ?? "")?.[1] ?? "-1");
}

describe("the secretariat records a meeting's conclusion and issues it", () => {
  it("starts the directive from the meeting's page, the meeting chosen", async () => {
    const page = await signedIn("vanphong");
    await page.goto("/committees");
    await page.getByRole("link", { name: COMMITTEE }).click();
    await page.locator('a[href^="/meetings/"]:not([href^="/meetings/new"])').first().click();
    await page.waitForURL(/\/meetings\/\d+$/);
    // The URL changes before the page does: read the title once the meeting's own link is there.
    const newDirective = page.getByRole("link", { name: "Văn bản mới của cuộc họp" });
    await newDirective.waitFor();
    const meetingTitle = await page.getByRole("heading", { level: 1 }).innerText();
    await newDirective.click();
    await page.waitForURL(/\/directives\/new\?meeting=\d+$/);
    await page.getByRole("heading", { level: 1, name: "Thêm văn bản chỉ đạo" }).waitFor();
    expect(await page.getByLabel("Ban Chỉ đạo", { exact: true }).locator("option:checked").innerText()).toBe(COMMITTEE);
    expect(await page.getByLabel("Cuộc họp").locator("option:checked").innerText()).toContain(meetingTitle);
    await expectAccessible(page);

    // A draft without a number or a date: they are asked for when it is issued.
    await page.getByLabel("Cơ quan ban hành").fill("Ban Chỉ đạo Chuyển đổi số");
    await page.getByLabel("Trích yếu").fill(`Kết luận phiên họp, ghi từ trang cuộc họp ${stamp}`);
    await page.getByRole("button", { name: "Lưu dự thảo" }).click();
    await page.waitForURL(/\/directives\/\d+\?saved=created$/);
    // Keyboard focus is on the confirmation, not left on the page's body.
    await expect.poll(() => focused(page), { timeout: 20_000 }).toMatchObject({ role: "status", text: "Đã tạo mới." });
  });

  it("shows a counter as a task's title nears its limit", async () => {
    const page = await signedIn("vanphong");
    const directiveId = await newDraft(page, "Kết luận có nhiệm vụ tên dài");
    await page.goto(`/tasks/new?directive=${directiveId}`);
    await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
    const title = page.getByLabel("Tên nhiệm vụ");
    const counter = page.getByTestId("length-counter");
    await title.fill("Xây dựng kho dữ liệu dùng chung");
    expect(await counter.innerText()).toBe("");
    await title.fill("x".repeat(450));
    await counter.getByText("Còn 50 ký tự (tối đa 500).").waitFor();
    await title.fill("x".repeat(510));
    await counter.getByText("Quá 10 ký tự: tối đa 500 ký tự.").waitFor();
    await expectAccessible(page);
  });

  it("issues it in one step: number and date there, told how many departments will hear of it", async () => {
    const page = await signedIn("vanphong");
    const directiveId = await newDraft(page, "Kết luận ban hành trong một bước");
    await addTask(page, directiveId);
    await page.goto(`/directives/${directiveId}`);
    const step = page.getByRole("form", { name: "Ban hành văn bản" });
    await step
      .getByTestId("issue-audience")
      .getByText("Ban hành sẽ giao 1 nhiệm vụ và gửi thông báo tới 2 đơn vị chủ trì, phối hợp.")
      .waitFor();
    await expectAccessible(page);

    // Without a number: refused on its field, and focus goes there.
    await step.getByLabel("Ngày ban hành").fill(hanoiDay(0));
    await step.getByRole("button", { name: "Ban hành" }).click();
    await step.getByText("Nhập số, ký hiệu của văn bản để ban hành.").waitFor();
    await expect.poll(() => focused(page), { timeout: 20_000 }).toMatchObject({ name: "number" });
    expect(await page.getByTestId("directive-state").innerText()).toBe("Dự thảo");

    // A day that does not exist says so.
    await step.getByLabel("Số, ký hiệu").fill(`${stamp}/TB-BCĐ`);
    await step.getByLabel("Ngày ban hành").fill("31/02/2026");
    await step.getByRole("button", { name: "Ban hành" }).click();
    await step.getByText("Ngày ban hành: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).").waitFor();

    await step.getByLabel("Ngày ban hành").fill(hanoiDay(0));
    await step.getByRole("button", { name: "Ban hành" }).click();
    await page.waitForURL(/\?saved=issued$/);
    await page.getByRole("status").getByText("Đã ban hành văn bản.").waitFor();
    await expect
      .poll(() => focused(page), { timeout: 20_000 })
      .toMatchObject({ role: "status", text: "Đã ban hành văn bản." });
    expect(await page.getByTestId("directive-state").innerText()).toBe("Đã ban hành");
    await page.getByText(`${stamp}/TB-BCĐ`, { exact: true }).waitFor();
    await expectAccessible(page);
  });
});

describe("a department head opens a task from a notification", () => {
  it("the notification is read, and the badge drops at once", async () => {
    const head = await signedIn("stttt.truong");
    await head.goto("/notifications");
    await head.getByRole("heading", { level: 1, name: "Thông báo" }).waitFor();
    const before = await unread(head);
    const item = head.locator('li[data-unread="true"]', { has: head.locator('a[href^="/tasks/"]') }).first();
    const taskHref = (await item.locator('a[href^="/tasks/"]').getAttribute("href"))!;
    const onTask = await head.locator('li[data-unread="true"]', { has: head.locator(`a[href="${taskHref}"]`) }).count();
    expect(onTask).toBeGreaterThan(0);
    await item.locator(`a[href="${taskHref}"]`).click();
    await head.waitForURL(taskHref);
    await head.getByRole("heading", { name: "Lịch sử xử lý" }).waitFor();
    await head
      .getByTestId("unread-badge")
      .or(head.getByRole("link", { name: "Thông báo: 0 chưa đọc" }))
      .first()
      .waitFor();
    await head.waitForFunction(
      (expected) => document.querySelector('a[href="/notifications"]')?.getAttribute("aria-label")?.includes(expected),
      `${before - onTask} chưa đọc`,
    );
    await head.goBack();
    await head.waitForURL(/\/notifications$/);
    expect(await head.locator('li[data-unread="true"]', { has: head.locator(`a[href="${taskHref}"]`) }).count()).toBe(
      0,
    );
    // What is left: one button marks it all read.
    if ((await unread(head)) > 0) {
      await head.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
      await head.waitForURL(/done=readAll$/);
      expect(await unread(head)).toBe(0);
      await expect.poll(() => focused(head), { timeout: 20_000 }).toMatchObject({ role: "status" });
    }
  });
});

describe("leadership prints and reads", () => {
  const LANDSCAPE = { width: 1060, height: 750 };

  it("the scorecard and the task list print with a header, and without sort arrows", async () => {
    const page = await signedIn("lanhdao");
    for (const [path, title] of [
      ["/scorecard?asOf=31/12/2019&sort=overdue&dir=desc", "BẢNG XẾP HẠNG ĐƠN VỊ THỰC HIỆN NHIỆM VỤ"],
      ["/tasks?asOf=31/12/2019&status=overdue&sort=department", "DANH SÁCH NHIỆM VỤ"],
    ] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ media: "screen" });
      await page.goto(path);
      await page.locator("table th[aria-sort]").first().waitFor();
      const arrows = page.locator('th[aria-sort] span[aria-hidden="true"]').first();
      expect(await arrows.isVisible(), path).toBe(true);
      expect(await page.getByTestId("print-header").isVisible(), path).toBe(false);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize(LANDSCAPE);
      const header = page.getByTestId("print-header");
      expect(await header.isVisible(), path).toBe(true);
      // The time is read in the browser once the page runs (print-header.tsx): wait for it.
      await expect
        .poll(() => header.innerText(), { timeout: 30_000 })
        .toMatch(/Người in: .+, lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      const text = await header.innerText();
      expect(text, path).toContain(title);
      expect(text, path).toContain("Số liệu tính đến ngày 31/12/2019");
      expect(await arrows.isVisible(), `${path}: sort arrows in print`).toBe(false);
      expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(false);
    }
    // The task list's scope names its filter.
    expect(await page.getByTestId("print-header").innerText()).toContain("Tình trạng: Quá hạn");
  });

  it("in English, a pending extension reads “Proposed due date: dd/mm/yyyy”", async () => {
    const head = await signedIn("stttt.truong");
    const secretariat = await signedIn("vanphong");
    const title = `Đề nghị gia hạn để đọc bằng tiếng Anh ${stamp}`;
    await secretariat.goto("/tasks/new?directive=2");
    await secretariat.getByLabel("Số mục").fill("97");
    await secretariat.getByLabel("Tên nhiệm vụ").fill(title);
    await secretariat.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
    await secretariat.getByLabel("Hạn hoàn thành").fill(hanoiDay(10));
    await secretariat.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
    await secretariat.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
    await secretariat.waitForURL(/\/tasks\/\d+\?saved=created$/);
    const taskPath = new URL(secretariat.url()).pathname;

    await head.goto(taskPath);
    await head.locator("summary", { hasText: "Đề nghị gia hạn" }).first().click();
    await head.getByLabel("Đề nghị gia hạn đến ngày").fill(hanoiDay(40));
    await head.getByLabel("Lý do gia hạn").fill("Chờ kinh phí.");
    await head.locator("form").getByRole("button", { name: "Gửi đề nghị gia hạn", exact: true }).click();
    await head.waitForURL(/\?done=extensionRequested$/);

    // The second leader: the language chosen stays with the account, and other tests read as lanhdao.
    const chair = await signedIn("lanhdao2");
    await chair.getByRole("button", { name: /^English/ }).click();
    try {
      await chair.getByRole("heading", { level: 1, name: "Implementation overview" }).waitFor();
      const line = chair.locator("li", { has: chair.getByRole("link", { name: title }) });
      expect(await line.innerText()).toContain(`Proposed due date: ${hanoiDay(40)}`);
      // As assistive technology reads it: one phrase, no space before the colon.
      const read = await line.ariaSnapshot();
      expect(read).toContain(`Proposed due date: ${hanoiDay(40)}`);
      expect(read).not.toMatch(/\s:/);
      // And as the server sends it, for whatever reads the page without running it: one text, not three.
      const html = await (await chair.request.get("/")).text();
      expect(html).toContain(`Proposed due date: ${hanoiDay(40)}`);
    } finally {
      await chair.getByRole("button", { name: /^Tiếng Việt/ }).click();
      await chair.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    }
  });

  it("the search page's two search landmarks have names of their own", async () => {
    const page = await signedIn("lanhdao");
    await page.goto("/search?q=so+hoa");
    await page.getByRole("heading", { level: 1, name: "Tìm kiếm" }).waitFor();
    const names = await page
      .getByRole("search")
      .evaluateAll((forms) => forms.map((form) => form.getAttribute("aria-label")));
    expect(names).toEqual(["Tìm kiếm nhanh", "Tìm kiếm trên trang kết quả"]);
    const unique = await new AxeBuilder({ page }).withRules(["landmark-unique"]).analyze();
    expect(unique.violations.map((v) => v.id)).toEqual([]);
    await expectAccessible(page);
  });
});

describe("keyboard and screen readers", () => {
  it("the language button's name starts with the words it shows", async () => {
    const page = await signedIn("vanphong");
    const button = page.getByRole("button", { name: /^English\b/ });
    // What it shows: the other language's name, in that language.
    expect(await button.locator('[lang="en"]').innerText()).toBe("English");
    const label = await button.evaluate((element) => element.textContent ?? "");
    expect(label.startsWith("English")).toBe(true);
    expect(label).toContain("chuyển giao diện sang tiếng Anh");
    const axe = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
    expect(axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html}`))).toEqual([]);
  });
});

describe("on a 390 px phone", () => {
  it("the navigation waits behind “Menu”", async () => {
    const page = await signedIn("lanhdao", PHONE);
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await nav.isVisible()).toBe(false);
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await nav.getByRole("link", { name: "Văn bản chỉ đạo" }).waitFor();
    expect(await nav.getByRole("link", { name: "Văn bản chỉ đạo" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await nav.getByRole("link", { name: "Nhiệm vụ" }).click();
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    // The next page is what was asked for: the menu folds again.
    expect(await nav.isVisible()).toBe(false);
  });

  it("the task list's filters wait behind “Lọc”, the active ones shown as chips", async () => {
    const page = await signedIn("lanhdao", PHONE);
    await page.goto("/tasks?status=overdue&level=top");
    await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    // "Lọc (2 bộ lọc đang áp dụng)": the form's own submit button is plain "Lọc".
    const toggle = page.getByRole("button", { name: /^Lọc \(/ });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const status = page.getByRole("combobox", { name: "Tình trạng" });
    expect(await status.isVisible()).toBe(false);
    const chips = page.getByRole("list", { name: "Bộ lọc đang áp dụng" });
    await chips.getByText("Tình trạng: Quá hạn", { exact: true }).waitFor();
    await chips.getByText("Cấp nhiệm vụ: Nhiệm vụ chính", { exact: true }).waitFor();
    // The first result (a row laid out as a card) is within the first screen, not 1.3 screens down.
    const first = page.locator("tbody tr[data-task-id]").first();
    const top = await first.evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeLessThan(PHONE.height);
    await expectAccessible(page);

    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await status.isVisible()).toBe(true);
    await toggle.click();

    // A chip's × removes that filter and keeps the others.
    await chips.getByRole("link", { name: "Bỏ lọc: Tình trạng: Quá hạn" }).click();
    await page.waitForURL((url) => !url.search.includes("status=") && url.search.includes("level=top"));
    await chips.getByText("Cấp nhiệm vụ: Nhiệm vụ chính", { exact: true }).waitFor();
    // The URL changes before the list does: wait for the chip to go.
    await chips.getByRole("link", { name: "Bỏ lọc: Tình trạng: Quá hạn" }).waitFor({ state: "detached" });
    expect(await page.locator('select[name="status"]').inputValue()).toBe("");
  });
});
