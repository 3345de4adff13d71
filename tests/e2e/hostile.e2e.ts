// Hostile input in a real browser: script and markup payloads typed into the text
// fields of valid forms (a committee, a meeting, a task, a progress report, a
// comment) and into a date field that is refused, then the pages that show them —
// the committee, the meeting, the task page, the task list, search with its
// highlighting. On every page: no payload ran (`window.__xss` stays unset), no
// payload became an element (no <img src=x>, no on* attribute, no injected
// <script>), each payload reads literally as text, and the HTML the server sent
// holds none of them unescaped (the markup or the inline data). The enforced CSP
// would block an inline script anyway; the DOM checks do not rely on it.
// Also the server's refusals of bodies it will not read: too large (413), of
// unknown length (411), not a form (415).
import http from "node:http";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, hanoiDay, signIn, useBrowser } from "./browser";

// Every page's errors fail its test: an injected <img src=x> would 404 and log, and none may appear.
const pages = useBrowser();

async function signedIn(login: string): Promise<Page> {
  const { page } = await pages.open();
  await signIn(page, login);
  return page;
}

const stamp = Date.now().toString(36).toUpperCase();
const PAYLOADS = {
  committeeName: `Ban <script>window.__xss=1</script> ${stamp}`,
  committeeDescription: `"><img src=x onerror="window.__xss=2"> ${stamp}`,
  meetingTitle: `Họp <svg onload=window.__xss=3> ${stamp}`,
  report: `Kết quả <img src=x onerror=window.__xss=5> '; DROP TABLE tasks;-- ${stamp}`,
  comment: `Ý kiến <iframe srcdoc="<script>parent.__xss=6</script>"></iframe> ${stamp}`,
};
/** A task title carrying a payload; `what` tells each test's task apart. */
function taskTitle(what: string): string {
  return `Nhiệm vụ </textarea><script>window.__xss=4</script> ${what} ${stamp}`;
}
/** The payloads' tags as they would appear in a document that failed to escape them. */
const UNESCAPED = [
  "<script>window.__xss",
  "<script>parent.__xss",
  "<img src=x",
  "<svg onload",
  "<iframe srcdoc",
  "</textarea><script>",
];
/** A refused date is echoed in its error message. */
const BAD_DATE = "<svg onload=window.__xss=7>";

/** Nothing ran, nothing became markup, and each payload reads as the text it is. */
async function expectInert(page: Page, shown: string[]): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    injected: document.querySelectorAll("img[src='x'], svg[onload], iframe, [onerror], [onload]").length,
    scripts: [...document.querySelectorAll("script")].filter((s) => /^\s*(window|parent)\.__xss=/.test(s.text)).length,
  }));
  expect(state).toEqual({ xss: null, injected: 0, scripts: 0 });
  for (const text of shown) await page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor();
  // The document as the server sent it: every payload escaped, in the markup and in the inline data.
  const html = await (await page.request.get(page.url())).text();
  for (const tag of UNESCAPED) expect(html).not.toContain(tag);
}

/**
 * A task whose title carries a payload, created by the secretariat for the calling test
 * alone (other tests' tasks have other titles), and shown inert on its page.
 */
async function newTask(what: string): Promise<string> {
  const page = await signedIn("vanphong");
  await page.goto("/tasks/new?directive=2");
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await page.getByLabel("Số mục").fill(`X${stamp.slice(-6)}`);
  await page.getByLabel("Tên nhiệm vụ").fill(taskTitle(what));
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: "Sở Thông tin và Truyền thông" });
  await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(30));
  await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  const taskPath = new URL(page.url()).pathname;
  expect(taskPath).toMatch(/^\/tasks\/\d+$/);
  await page.getByRole("heading", { level: 1, name: new RegExp(stamp) }).waitFor();
  await expectInert(page, [taskTitle(what)]);
  return taskPath;
}

describe("script payloads in valid forms", () => {
  it("the secretariat's committee, meeting and task show them as text", async () => {
    const page = await signedIn("vanphong");
    await page.goto("/committees/new");
    await page.getByLabel("Mã Ban Chỉ đạo").fill(`XSS-${stamp}`);
    await page.getByLabel("Tên Ban Chỉ đạo").fill(PAYLOADS.committeeName);
    await page.getByLabel("Mô tả", { exact: true }).fill(PAYLOADS.committeeDescription);
    await page.getByRole("button", { name: "Lưu Ban Chỉ đạo" }).click();
    await page.waitForURL(/\/committees\/\d+\?saved=created$/);
    await page.getByRole("heading", { level: 1, name: PAYLOADS.committeeName }).waitFor();
    await expectInert(page, [PAYLOADS.committeeName, PAYLOADS.committeeDescription]);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Cuộc họp mới" }).click();
    await page.getByRole("heading", { level: 1, name: "Thêm cuộc họp" }).waitFor();
    // A refused date comes back in the error message, as text.
    await page.getByLabel("Ngày họp").fill(BAD_DATE);
    await page.getByLabel("Tên cuộc họp").fill(PAYLOADS.meetingTitle);
    await page.getByRole("button", { name: "Lưu cuộc họp" }).click();
    await page.getByText(`Ngày họp: ngày “${BAD_DATE}” không hợp lệ.`).waitFor();
    await expectInert(page, [`“${BAD_DATE}”`]);
    await page.getByLabel("Ngày họp").fill(hanoiDay(0));
    await page.getByRole("button", { name: "Lưu cuộc họp" }).click();
    await page.waitForURL(/\/meetings\/\d+\?saved=created$/);
    await page.getByRole("heading", { level: 1, name: PAYLOADS.meetingTitle }).waitFor();
    await expectInert(page, [PAYLOADS.meetingTitle, PAYLOADS.committeeName]);

    await newTask("của văn phòng");
  });

  it("the department's progress report and comment show them as text, on every page that shows them", async () => {
    const title = taskTitle("của đơn vị");
    const taskPath = await newTask("của đơn vị");
    const lead = await signedIn("stttt.truong");
    await lead.goto(taskPath);
    await lead.getByLabel("Tỷ lệ hoàn thành (%)").fill("30");
    await lead.getByLabel("Kết quả thực hiện").fill(PAYLOADS.report);
    await lead.locator("form").getByRole("button", { name: "Gửi báo cáo tiến độ", exact: true }).click();
    await lead.waitForURL(/\?done=reported$/);
    const details = lead.locator("details", { has: lead.locator("summary", { hasText: "Gửi ý kiến" }) }).first();
    if ((await details.count()) > 0 && (await details.getAttribute("open")) === null) {
      await details.locator("summary").click();
    }
    await lead.getByLabel("Ý kiến", { exact: true }).fill(PAYLOADS.comment);
    await lead.locator("form").getByRole("button", { name: "Gửi ý kiến", exact: true }).click();
    await lead.waitForURL(/\?done=commented$/);
    await expectInert(lead, [title, PAYLOADS.report, PAYLOADS.comment]);
    await expectAccessible(lead);

    const reader = await signedIn("lanhdao");
    await reader.goto(taskPath);
    await reader.getByRole("heading", { level: 1, name: new RegExp(stamp) }).waitFor();
    await expectInert(reader, [title, PAYLOADS.report, PAYLOADS.comment]);

    await reader.goto("/tasks?directive=2&sort=updated&dir=desc&size=100");
    await reader.getByRole("link", { name: title }).waitFor();
    await expectInert(reader, [title]);

    // Search highlights the matched words inside these texts: still text, nothing else.
    await reader.goto(`/search?q=${encodeURIComponent(`${stamp} script`)}`);
    await reader.getByRole("heading", { level: 1 }).waitFor();
    await reader.getByText(stamp, { exact: false }).first().waitFor();
    await expectInert(reader, []);
    await expectAccessible(reader);
  });
});

describe("bodies the server will not read", () => {
  const origin = () => baseUrl();

  it("refuses a body over 8 MB (413) and one that is not a form (415)", async () => {
    const big = await fetch(`${origin()}/login`, {
      method: "POST",
      headers: { Origin: origin(), "Content-Type": "application/x-www-form-urlencoded" },
      body: `login=${"x".repeat(9 * 1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Dữ liệu gửi lên quá lớn (tối đa 8 MB).");

    const json = await fetch(`${origin()}/login`, {
      method: "POST",
      headers: { Origin: origin(), "Content-Type": "application/json" },
      body: JSON.stringify({ login: "admin", password: "x" }),
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("Yêu cầu không phải là biểu mẫu hợp lệ.");
  });

  it("refuses a body of unknown length (411)", async () => {
    const url = new URL("/login", origin());
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: "POST",
          headers: {
            Origin: origin(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.write("login=admin&");
      request.end("password=x");
    });
    expect(status).toBe(411);
  });
});
