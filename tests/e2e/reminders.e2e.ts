// Reminders and notifications in a browser: the secretariat sends a reminder (đôn
// đốc) on a task led by the Department of Information and Communications; its head
// sees the unread badge, the reminder on "My department" and on the notifications
// page, marks it read, reports progress, and the reminder shows answered. Then an
// overdue task reminded three times without an answer appears in leadership's list
// of escalated tasks, whose figure opens exactly those tasks. Only tasks created
// here are changed (other browser tests share the server and the demo).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, hanoiDay, openDisclosure, signIn, submitButton, useBrowser } from "./browser";

const pages = useBrowser();

async function signedIn(login: string): Promise<Page> {
  const { page } = await pages.open();
  await signIn(page, login);
  return page;
}

const stamp = Date.now().toString(36);
const LEAD = "Sở Thông tin và Truyền thông";

/** The unread count in the header (0 when the badge is not shown). */
async function unread(page: Page): Promise<number> {
  await page.getByRole("link", { name: /^Thông báo: \d+ chưa đọc$/ }).waitFor();
  const label = await page.getByRole("link", { name: /^Thông báo: \d+ chưa đọc$/ }).getAttribute("aria-label");
  return Number(/(\d+)/.exec(label ?? "")?.[1] ?? "-1");
}

async function createTask(page: Page, title: string, due: string, assigned: string): Promise<string> {
  await page.goto("/tasks/new?directive=2");
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await page.getByLabel("Số mục").fill("98");
  await page.getByLabel("Tên nhiệm vụ").fill(title);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
  await page.getByLabel("Hạn hoàn thành").fill(due);
  await page.getByLabel("Ngày giao", { exact: true }).fill(assigned);
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  return new URL(page.url()).pathname;
}

async function sendReminder(page: Page, taskPath: string, message: string, notice: string): Promise<void> {
  await page.goto(taskPath);
  await openDisclosure(page, "Gửi đôn đốc");
  await page.getByLabel("Đơn vị nhận đôn đốc").selectOption({ label: `${LEAD} (chủ trì)` });
  await page.getByLabel("Nội dung đôn đốc (không bắt buộc)").fill(message);
  await submitButton(page, "Gửi đôn đốc").click();
  await page.waitForURL(new RegExp(`\\?done=${notice}$`));
}

describe("reminders and notifications", () => {
  it("the secretariat reminds; the department's head is notified, answers, and the reminder shows answered", async () => {
    const secretariat = await signedIn("vanphong");
    const title = `Triển khai chữ ký số cho công chức ${stamp}`;
    const taskPath = await createTask(secretariat, title, hanoiDay(10), hanoiDay(0));

    const lead = await signedIn("stttt.truong");
    await lead.goto("/my-department");
    await lead.getByRole("heading", { level: 1, name: "Nhiệm vụ của đơn vị" }).waitFor();
    const before = await unread(lead);

    const message = `Đề nghị Sở báo cáo tiến độ triển khai ${stamp}.`;
    await sendReminder(secretariat, taskPath, message, "reminded");
    await secretariat.getByRole("status").getByText("Đã gửi đôn đốc.").waitFor();
    const sent = secretariat.locator('li[data-reminder-ordinal="1"]');
    await sent.getByText(`Đôn đốc lần 1 — Gửi ${LEAD}`).waitFor();
    await sent.getByText("Chưa phản hồi").waitFor();
    await expectAccessible(secretariat);

    // The head's home: the badge, and the reminder among those received, not yet answered.
    await lead.reload();
    expect(await unread(lead)).toBe(before + 1);
    await lead
      .getByTestId("unread-badge")
      .getByText(String(before + 1), { exact: true })
      .waitFor();
    const received = lead.locator("li[data-reminder-ordinal]", { has: lead.getByRole("link", { name: title }) });
    await received.getByText(/^Đôn đốc lần 1 — /).waitFor();
    await received.getByText(message).waitFor();
    await received.getByText("Chưa phản hồi").waitFor();
    await expectAccessible(lead);

    // The notifications page: the reminder, newest first, marked read from there.
    await lead.getByRole("link", { name: /^Thông báo: \d+ chưa đọc$/ }).click();
    await lead.waitForURL(/\/notifications$/);
    await lead.getByRole("heading", { level: 1, name: "Thông báo" }).waitFor();
    const item = lead.locator('li[data-notification-kind="reminder"]', { hasText: title }).first();
    await item.getByText(`Đôn đốc lần 1 gửi ${LEAD}`).waitFor();
    await item.getByText(`Nội dung: ${message}`).waitFor();
    expect(await item.getAttribute("data-unread")).toBe("true");
    // Below it, older: the task's announcement to the department when it was created.
    await lead
      .locator('li[data-notification-kind="task_assigned"]', { hasText: title })
      .getByText(`${LEAD} được giao chủ trì nhiệm vụ mới`)
      .waitFor();
    await expectAccessible(lead);
    await item.getByRole("button", { name: "Đánh dấu đã đọc" }).click();
    await lead.waitForURL(/done=read$/);
    await lead.getByRole("status").getByText("Đã đánh dấu đã đọc.").waitFor();
    expect(await unread(lead)).toBe(before);
    expect(
      await lead
        .locator('li[data-notification-kind="reminder"]', { hasText: title })
        .first()
        .getAttribute("data-unread"),
    ).toBe("false");

    // The head answers with a progress report: the reminder is answered.
    await lead.locator('li[data-notification-kind="reminder"]', { hasText: title }).first().getByRole("link").click();
    await lead.waitForURL(taskPath);
    await lead.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
    await lead.getByLabel("Kết quả thực hiện").fill("Đã cấp chữ ký số cho 40% công chức.");
    await submitButton(lead, "Gửi báo cáo tiến độ").click();
    await lead.waitForURL(/\?done=reported$/);
    await lead
      .locator('li[data-reminder-ordinal="1"][data-resolved="true"]')
      .getByText(/^Đã phản hồi /)
      .waitFor();
    await expectAccessible(lead);

    await lead.goto("/my-department");
    await lead
      .locator('li[data-resolved="true"]', { has: lead.getByRole("link", { name: title }) })
      .getByText(/^Đã phản hồi /)
      .waitFor();

    await secretariat.goto(taskPath);
    await secretariat
      .locator('li[data-reminder-ordinal="1"][data-resolved="true"]')
      .getByText(/^Đã phản hồi /)
      .waitFor();
  });

  it("an overdue task reminded three times without an answer goes to leadership's list", async () => {
    const secretariat = await signedIn("vanphong");
    const title = `Báo cáo số hóa hồ sơ quá hạn ${stamp}`;
    const taskPath = await createTask(secretariat, title, hanoiDay(-3), hanoiDay(-20));
    await sendReminder(secretariat, taskPath, "Lần 1", "reminded");
    await sendReminder(secretariat, taskPath, "Lần 2", "reminded");
    await sendReminder(secretariat, taskPath, "Lần 3", "remindedEscalated");
    await secretariat
      .getByRole("status")
      .getByText("Đã gửi đôn đốc. Nhiệm vụ quá hạn đã được chuyển lãnh đạo.")
      .waitFor();
    await secretariat.locator('[data-escalated="true"]').waitFor();
    await expectAccessible(secretariat);

    const chair = await signedIn("lanhdao");
    await chair.goto("/");
    const section = chair.getByTestId("escalated");
    await section.getByRole("heading", { name: /Nhiệm vụ bị đôn đốc nhiều lần \/ chuyển lãnh đạo/ }).waitFor();
    await section.getByRole("link", { name: title }).waitFor();
    await section.getByText(`lần 3 (${LEAD})`).first().waitFor();
    await expectAccessible(chair);
    const figure = section.getByRole("heading").getByRole("link");
    const count = Number((await figure.innerText()).replace(/\D/g, ""));
    await figure.click();
    await chair.waitForURL(/\/tasks\?escalated=1$/);
    await chair.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    await chair.locator("tbody tr[data-task-id]").first().waitFor();
    expect(await chair.locator("tbody tr[data-task-id]").count()).toBe(Math.min(count, 50));
    await chair.getByRole("link", { name: title }).first().waitFor();
    expect(await chair.getByLabel("Bị đôn đốc nhiều lần / chuyển lãnh đạo").isChecked()).toBe(true);
    await expectAccessible(chair);

    await chair.goto("/notifications");
    await chair
      .locator('li[data-notification-kind="escalation"]', { hasText: title })
      .getByText(`Chuyển lãnh đạo: nhiệm vụ quá hạn, ${LEAD} chưa phản hồi đôn đốc lần 3`)
      .waitFor();
    await expectAccessible(chair);
  });
});
