// Attachments in a browser: without JavaScript, a disguised file (an executable
// named .pdf) is refused with a clear message and the report's text is kept, then
// a real image is accepted and listed with the report; with JavaScript, a file
// over the size limit is caught as soon as it is chosen, and a disguised one is
// refused by the server with the text kept. Only the task created
// here is changed (other browser tests share the server).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exeFile, pdfFile, pngFile } from "../setup/attachment-files";
import { ATTACHMENT_LIMITS } from "../../app/domain/attachments";
import { baseUrl, expectAccessible, launchBrowser, newPage, signIn } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

function hanoiDay(days: number): string {
  const when = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(when);
}

const stamp = Date.now().toString(36);

describe("attachments on the task page", () => {
  let taskPath: string;

  it("the secretariat creates a task led by the Department of Information and Communications", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, "vanphong");
    await page.goto("/tasks/new?directive=2");
    await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
    await page.getByLabel("Số mục").fill("98");
    await page.getByLabel("Tên nhiệm vụ").fill(`Số hóa hồ sơ lưu trữ ${stamp}`);
    await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: "Sở Thông tin và Truyền thông" });
    await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(20));
    await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
    await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
    await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
    taskPath = new URL(page.url()).pathname;
    expect(problems).toEqual([]);
    await context.close();
  });

  // axe-core cannot run in a page without JavaScript: the same form is checked in progress.e2e.ts.
  it("without JavaScript: a disguised file is refused and the text kept; a real image is stored", async () => {
    expect(taskPath).toMatch(/^\/tasks\/\d+$/);
    const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "stttt.truong");
    await page.goto(taskPath);
    const result = "Đã số hóa 40% hồ sơ.";
    await page.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
    await page.getByLabel("Kết quả thực hiện").fill(result);
    await page
      .getByLabel("Tài liệu kèm theo (nếu có)", { exact: true })
      .setInputFiles({ name: "bao-cao.pdf", mimeType: "application/pdf", buffer: exeFile() });
    await page.locator("form").getByRole("button", { name: "Gửi báo cáo tiến độ", exact: true }).click();
    await page
      .getByText(
        "Nội dung tệp “bao-cao.pdf” không phải PDF, tài liệu Office hay ảnh PNG/JPEG/WebP nên không được nhận.",
      )
      .waitFor();
    await page.getByText("Chưa lưu gì. Hãy chọn lại tệp rồi gửi lại.").waitFor();
    expect(await page.getByLabel("Kết quả thực hiện").inputValue()).toBe(result);
    expect(await page.getByTestId("attachments").count()).toBe(0);

    await page
      .getByLabel("Tài liệu kèm theo (nếu có)", { exact: true })
      .setInputFiles({ name: "Ảnh hồ sơ đã số hóa.png", mimeType: "image/png", buffer: pngFile(16) });
    await page.locator("form").getByRole("button", { name: "Gửi báo cáo tiến độ", exact: true }).click();
    await page.waitForURL(/\?done=reported$/);
    const listed = page.getByTestId("attachments").getByRole("listitem");
    await listed.getByRole("link", { name: "Ảnh hồ sơ đã số hóa.png" }).waitFor();
    expect(await listed.textContent()).toContain("PNG");
    // The download carries the server's security headers once: not "nosniff, nosniff".
    const href = await listed.getByRole("link", { name: "Ảnh hồ sơ đã số hóa.png" }).getAttribute("href");
    const download = await context.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    await context.close();
  });

  it("with JavaScript: a file over the limit is caught when chosen; a disguised one is refused by the server", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, "stttt.truong");
    await page.goto(taskPath);
    await page.getByText("Việc cần làm tiếp theo:").waitFor();
    const details = page.locator("details", { has: page.locator("summary", { hasText: "Báo cáo tiến độ" }) }).first();
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
    const input = page.getByLabel("Tài liệu kèm theo (nếu có)", { exact: true });
    await input.setInputFiles({
      name: "quá lớn.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.alloc(ATTACHMENT_LIMITS.maxFileBytes + 1, 0x20),
    });
    await page.getByText("Tệp “quá lớn.pdf” lớn hơn 20 MB.").waitFor();
    expect(await input.evaluate((element) => (element as HTMLInputElement).files?.length)).toBe(0);
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    // A disguised file passes the browser's check (its name says .pdf): the server refuses it, the text stays.
    const result = "Đã số hóa 70% hồ sơ.";
    await page.getByLabel("Tỷ lệ hoàn thành (%)").fill("70");
    await page.getByLabel("Kết quả thực hiện").fill(result);
    await input.setInputFiles({ name: "bao-cao.pdf", mimeType: "application/pdf", buffer: exeFile() });
    await page.locator("form").getByRole("button", { name: "Gửi báo cáo tiến độ", exact: true }).click();
    await page.getByText("Chưa lưu gì. Hãy chọn lại tệp rồi gửi lại.").waitFor();
    expect(await page.getByLabel("Kết quả thực hiện").inputValue()).toBe(result);
    await expectAccessible(page);

    await input.setInputFiles({ name: "Báo cáo 70%.pdf", mimeType: "application/pdf", buffer: pdfFile("70%") });
    await page.locator("form").getByRole("button", { name: "Gửi báo cáo tiến độ", exact: true }).click();
    await page.waitForURL(/\?done=reported$/);
    await page.getByTestId("attachments").getByRole("link", { name: "Báo cáo 70%.pdf" }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
