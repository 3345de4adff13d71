// Records entered after the fact (issue #12), in a browser: the secretariat enters a
// directive of 10/12/2019 and its task today, then records on the task's history page
// an extension decided on paper (to 29/02/2020, decided 20/02/2020) and a completion
// reported and confirmed outside the system (done 25/02/2020, confirmed 02/03/2020).
// The past days then read two ways: as it happened (the task counted, done on time
// within its extended deadline) and as recorded then (nothing: the system did not
// know the task yet). Only the directive and task created here are read or changed.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, signIn, useBrowser } from "./browser";

const pages = useBrowser();

async function secretariat(): Promise<Page> {
  const { page } = await pages.open();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  await signIn(page, "vanphong");
  return page;
}

/** One of the history page's forms, found by its heading. */
function historyForm(page: Page, heading: string): Locator {
  return page.locator("form").filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: true }) });
}

/** The count shown by the dashboard's "Tổng số nhiệm vụ" figure (its link is named "N — Tổng số nhiệm vụ"). */
async function dashboardTotal(page: Page): Promise<number> {
  const link = page.getByRole("link", { name: /^[\d.]+ — Tổng số nhiệm vụ$/ });
  return Number((await link.innerText()).replace(/\D/g, ""));
}

/** The "Cách xem" select (its accessible name also carries the chosen reading; a checkbox mentions "cách xem" too). */
function basisSelect(page: Page): Locator {
  return page.getByRole("combobox", { name: /^Cách xem/ });
}

/** The basis note under an as-of form (app/components/as-of-form.tsx, messages basis.note.*). */
function basisNote(page: Page, reading: "happened" | "recorded", date: string): Locator {
  const text =
    reading === "happened"
      ? `Số liệu đến hết ngày ${date} theo thực tế diễn ra: mọi thông tin biết đến nay, tính theo ngày có hiệu lực (kể cả nhập bổ sung).`
      : `Số liệu đến hết ngày ${date} theo những gì đã ghi nhận trong hệ thống đến hết ngày đó — đúng như hệ thống hiển thị khi đó.`;
  return page.getByText(text, { exact: false });
}

const DIFFERING_ONE =
  "1 nhiệm vụ khác nhau giữa hai cách xem (do nhập bổ sung, điều chỉnh sau ngày này) — xem danh sách.";

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const COMMITTEE = "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội";
const LEAD = "Sở Thông tin và Truyền thông";
const TASK_TITLE = `Số hoá hồ sơ lưu trữ năm 2019 ${stamp}`;
const LONG = { timeout: 180_000 };

/** The directive and task entered after the fact, once per run of this file. */
interface Entered {
  directiveId: string;
  taskPath: string;
}

/**
 * The secretariat enters the directive issued on 10/12/2019 and its task (assigned
 * 10/12/2019, due 31/01/2020) through the pages, each step checked.
 */
async function enterTask(): Promise<Entered> {
  const page = await secretariat();
  await page.goto("/directives/new");
  await page.getByRole("heading", { level: 1, name: "Thêm văn bản chỉ đạo" }).waitFor();
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByLabel("Loại văn bản").selectOption({ label: "Thông báo kết luận" });
  await page.getByLabel("Số, ký hiệu").fill(`${stamp}/TB-BCĐ`);
  await page.getByLabel("Ngày ban hành").fill("10/12/2019");
  await page.getByLabel("Cơ quan ban hành").fill("Ban Chỉ đạo Chuyển đổi số");
  await page.getByLabel("Trích yếu").fill(`Kết luận phiên họp tháng 12/2019, nhập bổ sung ${stamp}`);
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  const directiveId = new URL(page.url()).pathname.split("/").pop()!;

  await page.getByRole("button", { name: "Ban hành" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=issued$/);
  await page.getByRole("status").getByText("Đã ban hành văn bản.").waitFor();
  await page.getByText("10/12/2019", { exact: true }).first().waitFor();

  await page.getByRole("link", { name: "Thêm nhiệm vụ" }).click();
  await page.waitForURL(new RegExp(`/tasks/new\\?directive=${directiveId}$`));
  await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
  await page.getByLabel("Số mục").fill("1");
  await page.getByLabel("Tên nhiệm vụ").fill(TASK_TITLE);
  await page.getByLabel("Đơn vị chủ trì", { exact: true }).selectOption({ label: LEAD });
  await page.getByLabel("Hạn hoàn thành").fill("31/01/2020");
  await page.getByLabel("Ngày giao", { exact: true }).fill("10/12/2019");
  await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
  await page.waitForURL(/\/tasks\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  await page.getByRole("heading", { level: 1, name: new RegExp(stamp) }).waitFor();
  return { directiveId, taskPath: new URL(page.url()).pathname };
}

/**
 * On the task's history page, the secretariat records the extension decided on
 * 20/02/2020 (to 29/02/2020) and the completion of 25/02/2020, confirmed 02/03/2020.
 */
async function recordHistory({ taskPath }: Entered): Promise<void> {
  const page = await secretariat();
  await page.goto(taskPath);
  await page.getByRole("link", { name: "Điều chỉnh thời hạn và nhập bổ sung" }).click();
  await page.waitForURL(`**${taskPath}/history`);
  await page.getByRole("heading", { level: 1, name: "Điều chỉnh thời hạn và nhập bổ sung" }).waitFor();
  await expectAccessible(page);

  const extension = historyForm(page, "Nhập bổ sung gia hạn đã quyết định");
  await extension.getByLabel("Thời hạn được gia hạn đến").fill("29/02/2020");
  await extension.getByLabel("Ngày quyết định gia hạn").fill("20/02/2020");
  await extension.getByLabel("Lý do, căn cứ").fill("Công văn số 123/VP-KSTT ngày 20/02/2020 đồng ý gia hạn.");
  await extension.getByRole("button", { name: "Lưu gia hạn đã quyết định" }).click();
  await page.waitForURL(/\/history\?saved=extension$/);
  await page.getByRole("status").getByText("Đã nhập bổ sung gia hạn.").waitFor();
  // Saved: the form starts empty for the next record.
  expect(await extension.getByLabel("Thời hạn được gia hạn đến").inputValue()).toBe("");
  expect(await extension.getByLabel("Lý do, căn cứ").inputValue()).toBe("");

  const completion = historyForm(page, "Nhập bổ sung hoàn thành");
  await completion.getByLabel("Ngày hoàn thành (đơn vị báo cáo)").fill("25/02/2020");
  await completion.getByLabel("Ngày đơn vị báo cáo hoàn thành").fill("25/02/2020");
  await completion.getByLabel("Ngày Văn phòng xác nhận").fill("02/03/2020");
  await completion.getByLabel("Kết quả", { exact: true }).fill("Đã số hoá toàn bộ hồ sơ lưu trữ năm 2019.");
  await completion.getByLabel("Lý do, căn cứ").fill("Báo cáo số 45/BC-STTTT ngày 25/02/2020, xác nhận bằng văn bản.");
  await completion.getByRole("button", { name: "Lưu hoàn thành" }).click();
  await page.waitForURL(/\/history\?saved=completion$/);
  await page.getByRole("status").getByText("Đã nhập bổ sung hoàn thành.").waitFor();
  await expectAccessible(page);
}

// Made once and shared by the tests that read them (none changes them); a test run alone
// (`-t`) makes what it reads itself, so no test depends on another having run.
let entered: Promise<Entered> | undefined;
let recorded: Promise<Entered> | undefined;
const enteredTask = () => (entered ??= enterTask());
const recordedTask = () =>
  (recorded ??= enteredTask().then(async (task) => {
    await recordHistory(task);
    return task;
  }));

describe("records entered after the fact, read on past days", () => {
  it("enters a directive issued on 10/12/2019 and its task, assigned 10/12/2019, due 31/01/2020", LONG, async () => {
    const { taskPath } = await enteredTask();
    expect(taskPath).toMatch(/^\/tasks\/\d+$/);
  });

  it(
    "records on the history page the extension decided on 20/02/2020 and the completion of 25/02/2020",
    LONG,
    async () => {
      await recordedTask();
    },
  );

  it("the dashboard of 31/12/2019 counts the task as it happened, and nothing as recorded then", LONG, async () => {
    const { directiveId } = await recordedTask();
    const page = await secretariat();
    await page.goto(`/?asOf=31/12/2019&directive=${directiveId}`);
    await page.getByRole("heading", { level: 1, name: "Tổng quan tình hình thực hiện" }).waitFor();
    expect(await page.getByLabel("Văn bản chỉ đạo").inputValue()).toBe(directiveId);
    expect(await basisSelect(page).inputValue()).toBe("");
    expect(await dashboardTotal(page)).toBe(1);
    await basisNote(page, "happened", "31/12/2019").waitFor();
    // The task was entered today: the two readings of 31/12/2019 differ on it — the only one of this directive.
    await page.getByRole("link", { name: DIFFERING_ONE }).waitFor();

    await basisSelect(page).selectOption({ label: "Theo số liệu đã ghi nhận khi đó" });
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await page.waitForURL(/[?&]basis=recorded/);
    expect(new URL(page.url()).searchParams.get("directive")).toBe(directiveId);
    await basisNote(page, "recorded", "31/12/2019").waitFor();
    expect(await basisSelect(page).inputValue()).toBe("recorded");
    expect(await dashboardTotal(page)).toBe(0);
    // Every status tile reads 0 (each is a link named "N <status> — Xem danh sách <status>").
    const tiles = page
      .getByRole("region", { name: "Nhiệm vụ theo tình trạng" })
      .getByRole("link", { name: / — Xem danh sách / });
    const names = await tiles.evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^0 /);
    const differing = page.getByRole("link", { name: DIFFERING_ONE });
    await differing.waitFor();
    // The list behind the note is the directive's differing tasks, as the directive page's note links to.
    const target = new URL((await differing.getAttribute("href")) ?? "", page.url());
    expect.soft(target.searchParams.get("differs")).toBe("1");
    expect.soft(target.searchParams.get("directive"), `the note links to ${target.search}`).toBe(directiveId);
    await expectAccessible(page);
  });

  it(
    "the task list of 15/03/2020 shows the task done on time; as recorded that day it is not there",
    LONG,
    async () => {
      const { directiveId } = await recordedTask();
      const page = await secretariat();
      await page.goto(`/tasks?asOf=15/03/2020&directive=${directiveId}`);
      await page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
      const table = page.getByRole("table", { name: "Danh sách nhiệm vụ" });
      const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: TASK_TITLE }) });
      await row.waitFor();
      expect(await table.getByRole("row").count()).toBe(2); // the header and the task
      // Completed 25/02/2020, within the deadline extended (on 20/02/2020) to 29/02/2020.
      await row.getByText("Hoàn thành đúng hạn").waitFor();
      await row.getByText("29/02/2020", { exact: true }).waitFor();
      await row.getByText("Hạn ban đầu: 31/01/2020", { exact: true }).waitFor();
      await basisNote(page, "happened", "15/03/2020").waitFor();

      await basisSelect(page).selectOption({ label: "Theo số liệu đã ghi nhận khi đó" });
      await page.getByRole("button", { name: "Lọc", exact: true }).click();
      await page.waitForURL(/[?&]basis=recorded/);
      expect(new URL(page.url()).searchParams.get("directive")).toBe(directiveId);
      await basisNote(page, "recorded", "15/03/2020").waitFor();
      await page.getByText("Không có kết quả phù hợp.", { exact: true }).waitFor();
      expect(await page.getByRole("link", { name: TASK_TITLE }).count()).toBe(0);
      await expectAccessible(page);
    },
  );

  it("the task page shows the deadline in force, 29/02/2020, and the original, 31/01/2020", LONG, async () => {
    const { taskPath } = await recordedTask();
    const page = await secretariat();
    await page.goto(taskPath);
    const deadlines = page.getByRole("region", { name: "Thời hạn và gia hạn" });
    await deadlines.waitFor();
    const term = (name: string) =>
      deadlines.getByRole("term").filter({ hasText: name }).locator("xpath=following-sibling::dd[1]");
    expect((await term("Hạn hiện hành").innerText()).trim()).toBe("29/02/2020");
    expect((await term("Hạn ban đầu").innerText()).trim()).toBe("31/01/2020");
    expect((await term("Số lần gia hạn").innerText()).trim()).toBe("1");
    // Done on time today as well: completed 25/02/2020, within the extended deadline.
    await page.locator('article header [data-status="done_on_time"]').getByText("Hoàn thành đúng hạn").waitFor();
    await expectAccessible(page);
  });

  it(
    "the task page of 15/01/2020 shows the task as it stood then, and as recorded it was not assigned yet",
    LONG,
    async () => {
      const { taskPath } = await recordedTask();
      const page = await secretariat();
      await page.goto(taskPath);
      await page.getByLabel("Số liệu tính đến ngày").fill("15/01/2020");
      await page.getByRole("button", { name: "Xem", exact: true }).click();
      await page.waitForURL(/asOf=15%2F01%2F2020/);
      await basisNote(page, "happened", "15/01/2020").waitFor();
      // On track then, with the deadline of the day; nothing of the completion yet.
      await page.locator('article header [data-status="on_track"]').waitFor();
      expect(await page.getByText("Báo cáo hoàn thành ngày 25/02/2020").count()).toBe(0);
      // A past day is read-only: no desk, no comment form.
      expect(await page.getByText("Gửi ý kiến").count()).toBe(0);
      await page.getByText("Nhiệm vụ này đọc khác theo cách xem còn lại", { exact: false }).waitFor();
      await expectAccessible(page);

      await basisSelect(page).selectOption("recorded");
      await page.getByRole("button", { name: "Xem", exact: true }).click();
      await page.getByText("Đến hết ngày 15/01/2020, nhiệm vụ này chưa được giao.").waitFor();
      await expectAccessible(page);
    },
  );
});
