// The secretariat's desk in a browser: a new directive, issued, a task with a
// coordinator (refused while the coordinator is also the lead), and two people
// editing the same task, the second told what the first changed; the lead
// re-assigned, and the new lead's head told. Each test creates the directive and task
// it works on; only records created here are changed
// (other browser tests share the server and the demo).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, signIn, useBrowser } from "./browser";

const pages = useBrowser();

async function secretariat(): Promise<Page> {
  const { page } = await pages.open();
  await signIn(page, "vanphong");
  return page;
}

const stamp = Date.now().toString(36);
const COMMITTEE = "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội";
const LEAD = "Sở Thông tin và Truyền thông";
const COORDINATOR = "Sở Tài chính";

let made = 0;

/**
 * A directive of the digital-transformation committee, created and issued by the
 * secretariat, with one task led by LEAD and coordinated by COORDINATOR (refused first
 * while the lead is also ticked), for the calling test alone: each test changes a task
 * no other test touched. Every step is checked on the way; each page's accessibility
 * too when `audited` (the test of this journey), not again for the tests that only need a task.
 */
async function newTask({ audited = false } = {}): Promise<string> {
  const id = `${stamp}${++made}`;
  const audit = async (page: Page) => {
    if (audited) await expectAccessible(page);
  };
  const page = await secretariat();
  await page.goto("/directives");
  await audit(page);
  await page.getByRole("link", { name: "Văn bản mới" }).click();
  await page.getByRole("heading", { level: 1, name: "Thêm văn bản chỉ đạo" }).waitFor();
  await audit(page);

  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByLabel("Loại văn bản").selectOption({ label: "Thông báo kết luận" });
  await page.getByLabel("Số, ký hiệu").fill(`${id}/TB-BCĐ`);
  await page.getByLabel("Ngày ban hành").fill("20/03/2026");
  await page.getByLabel("Cơ quan ban hành").fill("Ban Chỉ đạo Chuyển đổi số");
  await page.getByLabel("Người ký").fill("Phó Chủ tịch UBND Thành phố");
  await page.getByLabel("Trích yếu").fill(`Kết luận kiểm thử giao diện ${id}`);
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  expect(await page.getByText("Dự thảo", { exact: true }).count()).toBeGreaterThan(0);
  await audit(page);

  await page.getByRole("button", { name: "Ban hành" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=issued$/);
  await page.getByRole("status").getByText("Đã ban hành văn bản.").waitFor();
  await page.getByRole("button", { name: "Kết thúc văn bản" }).waitFor();
  await audit(page);

  await page.getByRole("link", { name: "Thêm nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/new\?directive=\d+$/);
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await audit(page);

  await page.getByLabel("Số mục").fill("1");
  await page.getByLabel("Tên nhiệm vụ").fill(`Xây dựng kho dữ liệu dùng chung ${id}`);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
  const coordinators = page.getByRole("group", { name: "Đơn vị phối hợp" });
  // The list filters without accents: "tai chinh" finds "Sở Tài chính".
  await page.getByLabel("Lọc danh sách đơn vị").fill("tai chinh");
  expect(await coordinators.getByRole("checkbox", { name: COORDINATOR, exact: true }).isVisible()).toBe(true);
  expect(await coordinators.getByRole("checkbox", { name: LEAD, exact: true }).isVisible()).toBe(false);
  await coordinators.getByRole("checkbox", { name: COORDINATOR, exact: true }).check();
  await page.getByLabel("Lọc danh sách đơn vị").fill("");
  await coordinators.getByRole("checkbox", { name: LEAD, exact: true }).check();
  await page.getByLabel("Hạn hoàn thành").fill("31/12/2026");
  await page.getByLabel("Ngày giao", { exact: true }).fill("20/03/2026");
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await coordinators.getByText("Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp").waitFor();
  expect(new URL(page.url()).pathname).toBe("/tasks/new");
  await audit(page);

  await coordinators.getByRole("checkbox", { name: LEAD, exact: true }).uncheck();
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  await page.getByRole("heading", { level: 1, name: new RegExp(`kho dữ liệu dùng chung ${id}`) }).waitFor();
  expect(await page.getByText(COORDINATOR, { exact: true }).count()).toBeGreaterThan(0);
  await audit(page);
  const taskPath = new URL(page.url()).pathname;
  expect(taskPath).toMatch(/^\/tasks\/\d+$/);
  return taskPath;
}

describe("the secretariat's desk", () => {
  it("creates a directive, issues it, and adds a task with a coordinator", async () => {
    await newTask({ audited: true });
  });

  it("tells the second of two editors what the first changed, keeping their input", async () => {
    const taskPath = await newTask();
    const first = await secretariat();
    const second = await secretariat();
    for (const page of [first, second]) {
      await page.goto(`${taskPath}/edit`);
      await page.getByRole("heading", { level: 1, name: "Sửa nhiệm vụ mục 1" }).waitFor();
    }
    // The directive is issued: the form shows the deadline, which changes on the task's history page only.
    const deadline = first.getByTestId("deadline-fixed");
    await deadline.getByText(/31\/12\/2026/).waitFor();
    expect(await first.getByLabel("Hạn hoàn thành").count()).toBe(0);
    expect(await deadline.getByRole("link").getAttribute("href")).toBe(`${taskPath}/history`);
    await expectAccessible(first);

    await first.getByLabel("Tên nhiệm vụ").fill(`Tên do người thứ nhất sửa ${stamp}`);
    await first.getByRole("button", { name: "Lưu", exact: true }).click();
    await first.waitForURL(/\/tasks\/\d+\?saved=updated$/);
    await first.getByRole("status").getByText("Đã lưu các thay đổi.").waitFor();

    const mine = "Nội dung do người thứ hai nhập.";
    await second.getByLabel("Nội dung chi tiết").fill(mine);
    await second.getByRole("button", { name: "Lưu", exact: true }).click();
    const alert = second.getByRole("alert");
    await alert.getByText("Chưa lưu: nhiệm vụ đã được người khác cập nhật").waitFor();
    const change = await alert.locator("li").first().innerText();
    expect(change).toContain("Tên nhiệm vụ:");
    expect(change).toContain(`→ Tên do người thứ nhất sửa ${stamp}`);
    expect(change).toContain("Lê Thu Hương");
    expect(await second.getByLabel("Nội dung chi tiết").inputValue()).toBe(mine);
    expect(new URL(second.url()).pathname).toBe(`${taskPath}/edit`);
    await expectAccessible(second);

    // Saving again applies the second person's input on top of the current version.
    await second.getByRole("button", { name: "Lưu", exact: true }).click();
    await second.waitForURL(/\/tasks\/\d+\?saved=updated$/);
    await second.getByText(mine).waitFor();
    await expectAccessible(second);
  });

  it("re-assigns the lead with a reason, and the new lead's head is told", async () => {
    const taskPath = await newTask();
    const page = await secretariat();
    await page.goto(taskPath);
    const details = page.locator("details", { has: page.locator("summary", { hasText: "Đổi đơn vị chủ trì" }) });
    await details.locator("summary").click();
    await details.getByLabel("Đơn vị chủ trì mới").selectOption({ label: "Sở Nội vụ" });
    await details.getByLabel("Lý do").fill("Điều chỉnh theo chức năng, nhiệm vụ");
    await details.getByRole("button", { name: "Đổi đơn vị chủ trì", exact: true }).click();
    await page.waitForURL(/\?saved=reassigned$/);
    await page.getByRole("status").getByText("Đã đổi đơn vị chủ trì.").waitFor();
    await expectAccessible(page);

    const head = await pages.signedIn("snv.truong");
    await head.goto("/notifications");
    // Found by its link to the task: every test's task has the same title but for its stamp.
    await head
      .locator('li[data-notification-kind="task_assigned"]', { has: head.locator(`a[href="${taskPath}"]`) })
      .getByText("Sở Nội vụ được giao chủ trì nhiệm vụ mới")
      .waitFor();
    await expectAccessible(head);
  });
});
