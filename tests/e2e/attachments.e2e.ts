// Attachments in a browser: without JavaScript, a disguised file (an executable
// named .pdf) is refused with a clear message and the report's text is kept, then
// a real image is accepted and listed with the report; with JavaScript, a file
// over the size limit is caught as soon as it is chosen, and a disguised one is
// refused by the server with the text kept. Each test creates the task it reports on;
// only those tasks are changed (other browser tests share the server).
import { describe, expect, it } from "vitest";
import { exeFile, pdfFile, pngFile } from "../setup/attachment-files";
import { ATTACHMENT_LIMITS } from "../../app/domain/attachments";
import { expectAccessible, hanoiDay, openDisclosure, useBrowser } from "./browser";

const pages = useBrowser();
const stamp = Date.now().toString(36);

/**
 * A task led by the Department of Information and Communications, created by the
 * secretariat for the calling test alone: each test reports on a task no other test touched.
 */
async function newTask(what: string): Promise<string> {
  const page = await pages.signedIn("vanphong");
  await page.goto("/tasks/new?directive=2");
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await page.getByLabel("Số mục").fill("98");
  await page.getByLabel("Tên nhiệm vụ").fill(`Số hóa hồ sơ lưu trữ ${what} ${stamp}`);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: "Sở Thông tin và Truyền thông" });
  await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(20));
  await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  const taskPath = new URL(page.url()).pathname;
  expect(taskPath).toMatch(/^\/tasks\/\d+$/);
  return taskPath;
}

describe("attachments on the task page", () => {
  // axe-core cannot run in a page without JavaScript: the same form is checked in progress.e2e.ts.
  it("without JavaScript: a disguised file is refused and the text kept; a real image is stored", async () => {
    const taskPath = await newTask("(không JavaScript)");
    const page = await pages.signedIn("stttt.truong", { javaScriptEnabled: false });
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
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  });

  it("with JavaScript: a file over the limit is caught when chosen; a disguised one is refused by the server", async () => {
    const taskPath = await newTask("(có JavaScript)");
    const page = await pages.signedIn("stttt.truong");
    await page.goto(taskPath);
    await page.getByText("Việc cần làm tiếp theo:").waitFor();
    await openDisclosure(page, "Báo cáo tiến độ");
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
  });
});
