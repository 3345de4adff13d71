// The department's desk in a browser, the done-when: the secretariat
// creates a task led by the Department of Information and Communications; its
// head reports 60% with a PDF attached, asks for an extension, the secretariat
// downloads the PDF (the same bytes) and counters, the head reports done, the
// secretariat returns it, the head reports done again, the secretariat confirms —
// with the task's status badge checked after each step.
// Each test creates the task it works on; only those tasks are changed (other
// browser tests share the server).
import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pdfFile } from "../setup/attachment-files";
import { expectAccessible, hanoiDay, openDisclosure, signIn, submitButton, useBrowser } from "./browser";

const pages = useBrowser();

async function signedIn(login: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await pages.open({ viewport });
  await signIn(page, login);
  return page;
}

const stamp = Date.now().toString(36);
const LEAD = "Sở Thông tin và Truyền thông";
const PHONE = { width: 390, height: 844 };

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.locator(`article header [data-status="${status}"]`).waitFor();
}

/**
 * A task led by the Department of Information and Communications, due in 10 days, created
 * by the secretariat for the calling test alone (`what` tells it apart by its title): each
 * test changes a task no other test touched.
 */
async function newTask(what: string): Promise<string> {
  const page = await signedIn("vanphong");
  await page.goto("/tasks/new?directive=2");
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await page.getByLabel("Số mục").fill("99");
  await page.getByLabel("Tên nhiệm vụ").fill(`Kết nối cổng dịch vụ công ${what} ${stamp}`);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
  await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(10));
  await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  await expectStatus(page, "on_track");
  const taskPath = new URL(page.url()).pathname;
  expect(taskPath).toMatch(/^\/tasks\/\d+$/);
  return taskPath;
}

describe("the department's desk: report, extend, complete, return, complete, confirm", () => {
  it("the secretariat creates a task led by the Department of Information and Communications", async () => {
    await newTask("tạo mới");
  });

  it("runs the loop, each step shown in the task's status", async () => {
    const taskPath = await newTask("vòng báo cáo");
    const lead = await signedIn("stttt.truong", PHONE);
    const secretariat = await signedIn("vanphong");

    // The department's home lists the new task, with what is expected next.
    await lead.goto("/my-department");
    await lead.getByRole("heading", { level: 1, name: "Nhiệm vụ của đơn vị" }).waitFor();
    await expectAccessible(lead);
    const card = lead.locator("li", {
      has: lead.getByRole("link", { name: new RegExp(`cổng dịch vụ công vòng báo cáo ${stamp}`) }),
    });
    await card.getByText("Chủ trì", { exact: true }).waitFor();
    await card.getByRole("link", { name: "Báo cáo tiến độ" }).click();
    await lead.waitForURL(taskPath);
    await lead.getByText("Việc cần làm tiếp theo:").waitFor();
    await expectAccessible(lead);

    // 1. Progress: 60%, with the report as a PDF (a real one, made here).
    const pdf = pdfFile(`Bao cao tien do 60% ${stamp}`);
    const pdfName = "Báo cáo tiến độ 60% (quý IV).pdf";
    await lead.getByLabel("Tỷ lệ hoàn thành (%)").fill("60");
    await lead.getByLabel("Kết quả thực hiện").fill("Đã kết nối 60% thủ tục lên cổng dịch vụ công.");
    await lead
      .getByLabel("Tài liệu kèm theo (nếu có)", { exact: true })
      .setInputFiles({ name: pdfName, mimeType: "application/pdf", buffer: pdf });
    await submitButton(lead, "Gửi báo cáo tiến độ").click();
    await lead.waitForURL(/\?done=reported$/);
    await lead.getByRole("status").getByText("Đã gửi báo cáo tiến độ.").waitFor();
    await lead.getByTestId("attachments").getByRole("link", { name: pdfName }).waitFor();
    await expectStatus(lead, "on_track");
    await expectAccessible(lead);

    // 2. An extension request.
    await openDisclosure(lead, "Đề nghị gia hạn");
    await lead.getByLabel("Đề nghị gia hạn đến ngày").fill(hanoiDay(20));
    await lead.getByLabel("Lý do gia hạn").fill("Chờ bố trí kinh phí.");
    await submitButton(lead, "Gửi đề nghị gia hạn").click();
    await lead.waitForURL(/\?done=extensionRequested$/);
    await lead.getByText("Đang chờ Tổ giúp việc hoặc lãnh đạo quyết định.").waitFor();
    await expectStatus(lead, "on_track");
    await expectAccessible(lead);

    // The secretariat downloads the report's PDF: the same bytes, under its Vietnamese name.
    await secretariat.goto(taskPath);
    const pdfLink = secretariat.getByTestId("attachments").getByRole("link", { name: pdfName });
    const [download] = await Promise.all([secretariat.waitForEvent("download"), pdfLink.click()]);
    expect(download.suggestedFilename()).toBe(pdfName);
    expect(Buffer.compare(fs.readFileSync(await download.path()), pdf)).toBe(0);

    // 3. The secretariat counters with another date.
    await secretariat.getByLabel("Ngày gia hạn khác").fill(hanoiDay(15));
    await secretariat.getByLabel("Ý kiến, lý do").fill("Gia hạn 5 ngày.");
    await expectAccessible(secretariat);
    await submitButton(secretariat, "Gia hạn đến ngày khác").click();
    await secretariat.waitForURL(/\?done=extensionCountered$/);
    await secretariat.getByTestId("current-due-date").getByText(hanoiDay(15), { exact: true }).waitFor();
    await expectStatus(secretariat, "on_track");

    // The requester sees the decision, both deadlines and the count.
    await lead.goto(taskPath);
    await lead.getByText(new RegExp(`Gia hạn đến ${hanoiDay(15)} \\(khác đề nghị\\)`)).waitFor();
    await lead.getByTestId("current-due-date").getByText(hanoiDay(15), { exact: true }).waitFor();

    // 4. Done, reported.
    const reportDone = async (result: string) => {
      await openDisclosure(lead, "Báo cáo hoàn thành");
      await lead.getByLabel("Kết quả hoàn thành").fill(result);
      await submitButton(lead, "Gửi báo cáo hoàn thành").click();
      await lead.waitForURL(/\?done=completionReported$/);
      await expectStatus(lead, "awaiting_confirmation");
      await lead.getByText("Chờ Tổ giúp việc xác nhận hoàn thành.").waitFor();
    };
    await reportDone("Đã kết nối toàn bộ thủ tục.");
    await expectAccessible(lead);

    // 5. Returned, with the reason: the 60% reported before the completion stands again, and says so.
    await secretariat.goto(taskPath);
    await openDisclosure(secretariat, "Trả lại, yêu cầu thực hiện lại");
    await secretariat
      .getByTestId("percent-after-return")
      .getByText(/^Khi trả lại, tiến độ của nhiệm vụ trở lại 60%/)
      .waitFor();
    await secretariat.getByLabel("Lý do trả lại").fill("Chưa kết nối thủ tục cấp quận.");
    await submitButton(secretariat, "Trả lại").click();
    await secretariat.waitForURL(/\?done=completionReturned$/);
    await secretariat
      .getByRole("status")
      .getByText("Đã trả lại, yêu cầu thực hiện lại. Tiến độ của nhiệm vụ trở lại 60%.")
      .waitFor();
    await expectStatus(secretariat, "on_track");
    await secretariat.getByText("Lý do: Chưa kết nối thủ tục cấp quận.").first().waitFor();

    await lead.goto(taskPath);
    await lead.getByText("Thực hiện lại theo yêu cầu, rồi báo cáo hoàn thành.").waitFor();
    await expectAccessible(lead);

    // 6. Done again.
    await reportDone("Đã kết nối cả thủ tục cấp quận.");

    // 7. Confirmed: done on time (the department's date counts).
    await secretariat.goto(taskPath);
    await submitButton(secretariat, "Xác nhận hoàn thành").click();
    await secretariat.waitForURL(/\?done=completionConfirmed$/);
    await expectStatus(secretariat, "done_on_time");
    await expectAccessible(secretariat);
  });
});
