// Paste and split learns items for many units, duties and working days (issue #13 item
// 5) in a browser: the secretariat issues a conclusion of 17/01/2020 and pastes it — an
// item for "UBND các quận, huyện, thị xã", a two-lead item, a monthly report and a "05
// ngày làm việc" deadline that runs across Tết 2020. The review proposes each as such
// and shows the districts, the duty's first periods and the counted date. After saving,
// the head of one district sees only its own task of the directive; two districts report;
// the item rolls its districts up; the scorecard charges each district; and the monthly
// report missed since February 2020 is overdue on leadership's dashboard.
//
// The e2e server and its database are shared by every e2e file: this file adds two
// district accounts and its directives (all unique to the run).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUnitHead, expectAccessible, openDisclosure, submitButton, useBrowser } from "./browser";

const RUN = Date.now().toString(36);
const PASSWORD = "Mật khẩu quận thử nghiệm 2026";
const COMMITTEE = "Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội";
const TEXT = `Ý kiến kết luận của Trưởng Ban Chỉ đạo như sau:
1. Thứ nhất, UBND các quận, huyện, thị xã chỉ đạo rà soát thủ tục hành chính trực tuyến, hoàn thành trước ngày 31/3/2020.
2. Sở Nội vụ, Sở Tài chính chủ trì xây dựng phương án bố trí biên chế cho bộ phận một cửa, hoàn thành trước ngày 30/4/2020.
3. Sở Thông tin và Truyền thông tổng hợp, báo cáo UBND Thành phố kết quả thực hiện trước ngày 05 hằng tháng.
4. Sở Y tế trình UBND Thành phố đề án trong 05 ngày làm việc kể từ ngày giao.
Ban Chỉ đạo thông báo để các cơ quan, đơn vị biết, thực hiện./.`;

const pages = useBrowser();

function signedIn(login: string, password?: string): Promise<Page> {
  return pages.signedIn(login, { password });
}

let serial = 0;

/** A draft conclusion issued on 17/01/2020, created through its form; its id. */
async function draftDirective(page: Page): Promise<string> {
  serial += 1;
  await page.goto("/directives/new");
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByLabel("Loại văn bản").selectOption({ label: "Thông báo kết luận" });
  await page.getByLabel("Số, ký hiệu").fill(`${RUN}-${serial}/TB-BCĐ`);
  await page.getByLabel("Ngày ban hành").fill("17/01/2020");
  await page.getByLabel("Cơ quan ban hành").fill("UBND Thành phố Hà Nội");
  await page.getByLabel("Trích yếu").fill(`Kết luận giao các quận và nhiệm vụ định kỳ ${RUN}-${serial}`);
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** A conclusion issued on 17/01/2020, created and issued through its forms; its id. */
async function issuedDirective(page: Page): Promise<string> {
  await page.goto("/directives/new");
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByLabel("Loại văn bản").selectOption({ label: "Thông báo kết luận" });
  await page.getByLabel("Số, ký hiệu").fill(`${RUN}/TB-BCĐ`);
  await page.getByLabel("Ngày ban hành").fill("17/01/2020");
  await page.getByLabel("Cơ quan ban hành").fill("UBND Thành phố Hà Nội");
  await page.getByLabel("Trích yếu").fill(`Kết luận giao các quận và nhiệm vụ định kỳ ${RUN}`);
  await page.getByRole("button", { name: "Lưu dự thảo" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=created$/);
  await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
  const id = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("button", { name: "Ban hành" }).click();
  await page.waitForURL(/\/directives\/\d+\?saved=issued$/);
  await page.getByRole("status").getByText("Đã ban hành văn bản.").waitFor();
  return id;
}

describe("pasting a conclusion with items for many units", () => {
  it("proposes the districts, two leads, a monthly duty and a working-day deadline across Tết; after saving, each district sees its own task, two report, the item rolls them up, the scorecard charges each and a missed month is overdue", async () => {
    const login = `e2e.caugiay.${RUN}`;
    const badinh = `e2e.pbadinh.${RUN}`;
    const admin = await signedIn("admin");
    await createUnitHead(admin, login, "Quận Cầu Giấy", PASSWORD);
    await createUnitHead(admin, badinh, "Quận Ba Đình", PASSWORD);

    const page = await signedIn("vanphong");
    const directiveId = await issuedDirective(page);
    await page.goto(`/directives/${directiveId}/split`);
    await page.getByRole("heading", { level: 2, name: "Bước 1/2: Dán nội dung văn bản" }).waitFor();
    await page.getByRole("textbox", { name: "Nội dung văn bản" }).fill(TEXT);
    await page.getByRole("button", { name: "Tách nhiệm vụ" }).click();
    await page.getByRole("heading", { level: 2, name: "Bước 2/2: Kiểm tra, sửa và lưu các nhiệm vụ" }).waitFor();

    // Given on the day the conclusion was issued, not today.
    expect(await page.getByLabel("Ngày giao", { exact: true }).inputValue()).toBe("17/01/2020");
    const kind = (item: string) => page.getByLabel(`Lưu thành (mục ${item})`, { exact: true });
    expect(await kind("1").inputValue()).toBe("group");
    expect(await kind("2").inputValue()).toBe("leads");
    expect(await kind("3").inputValue()).toBe("duty");
    expect(await kind("4").inputValue()).toBe("task");
    // "Thứ nhất," is the drafter's counting, not the task's name.
    expect(await page.getByLabel("Tên nhiệm vụ (mục 1)", { exact: true }).inputValue()).toMatch(/^UBND các quận/);

    const row = (item: string) => page.getByRole("group", { name: `Mục ${item}`, exact: true });
    const group = await row("1")
      .getByText(/^Nhóm “UBND các quận, huyện, thị xã” — \d+ đơn vị vào ngày 17\/01\/2020:/)
      .innerText();
    for (const district of ["Quận Ba Đình", "Quận Cầu Giấy", "Thị xã Sơn Tây"]) expect(group).toContain(district);
    await row("2").getByText("2 đơn vị chủ trì, mỗi đơn vị một nhiệm vụ: Sở Nội vụ; Sở Tài chính").waitFor();
    await row("3")
      .getByText(/^Nhiệm vụ định kỳ của Sở Thông tin và Truyền thông: Trước ngày 05 hằng tháng/)
      .waitFor();
    await row("3")
      .getByText(/^Các kỳ đầu: Tháng 02\/2020 \(hạn 05\/02\/2020\); Tháng 03\/2020 \(hạn 05\/03\/2020\)/)
      .waitFor();
    // Friday 17/01: 20, 21, 22 January, then Tết (23–29 January off), 30 and 31.
    await row("4").getByText("5 ngày làm việc kể từ ngày giao 17/01/2020: hạn 31/01/2020").waitFor();
    expect(await page.getByLabel("Hạn hoàn thành (mục 4)", { exact: true }).inputValue()).toBe("31/01/2020");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Lưu các nhiệm vụ đã chọn" }).click();
    await page.waitForURL(new RegExp(`/directives/${directiveId}\\?imported=\\d+$`));
    await page.getByRole("heading", { level: 1, name: new RegExp(RUN) }).waitFor();

    // The head of Cầu Giấy sees the directive's one task that is its own.
    const district = await signedIn(login, PASSWORD);
    await district.goto(`/tasks?directive=${directiveId}`);
    const table = district.getByRole("table", { name: "Danh sách nhiệm vụ" });
    await table.waitFor();
    const rows = table.locator("tbody tr[data-task-id]");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain("rà soát thủ tục hành chính trực tuyến");
    expect(await rows.first().innerText()).toContain("Quận Cầu Giấy");

    // Two districts report on their own tasks: Cầu Giấy that it is done, Ba Đình its progress.
    await rows.first().getByRole("link").first().click();
    await district.waitForURL(/\/tasks\/\d+$/);
    const itemLink = district.getByTestId("fan-out-link").getByRole("link");
    await itemLink.waitFor();
    const itemPath = (await itemLink.getAttribute("href"))!;
    expect(itemPath).toMatch(new RegExp(`^/directives/${directiveId}/items/\\d+$`));
    await openDisclosure(district, "Báo cáo hoàn thành");
    await district.getByLabel("Kết quả hoàn thành").fill("Đã rà soát toàn bộ thủ tục hành chính trực tuyến của quận.");
    await submitButton(district, "Gửi báo cáo hoàn thành").click();
    await district.waitForURL(/\?done=completionReported$/);

    const badinhPage = await signedIn(badinh, PASSWORD);
    await badinhPage.goto(itemPath);
    const own = badinhPage.getByTestId("fan-out-units").locator("tbody tr");
    await own.first().waitFor();
    expect(await own.count()).toBe(1);
    await own.getByRole("link", { name: "Xem nhiệm vụ" }).click();
    await badinhPage.waitForURL(/\/tasks\/\d+$/);
    await badinhPage.getByLabel("Tỷ lệ hoàn thành (%)").fill("50");
    await badinhPage.getByLabel("Kết quả thực hiện").fill("Đã rà soát một nửa số thủ tục.");
    await submitButton(badinhPage, "Gửi báo cáo tiến độ").click();
    await badinhPage.waitForURL(/\?done=reported$/);

    // The item rolls its districts up: one awaiting confirmation, the rest overdue since 31/03/2020.
    await page.goto(itemPath);
    const counts = page.getByTestId("fan-out-counts");
    await counts.waitFor();
    const units = await page.getByTestId("fan-out-units").locator("tbody tr").count();
    expect(units).toBeGreaterThanOrEqual(2);
    await page.getByTestId("fan-out-rollup").getByText(`0/${units} đơn vị hoàn thành`).waitFor();
    expect(await counts.locator('[data-status="awaiting_confirmation"]').getAttribute("data-count")).toBe("1");
    expect(await counts.locator('[data-status="overdue"]').getAttribute("data-count")).toBe(String(units - 1));

    // The scorecard charges each district for its own task of the directive.
    const leader = await signedIn("lanhdao");
    await leader.goto(`/scorecard?directive=${directiveId}`);
    const scorecard = leader.getByTestId("scorecard");
    await scorecard.waitFor();
    const cell = (unit: string, column: string) =>
      scorecard
        .locator("tr", { has: leader.getByRole("rowheader", { name: unit, exact: true }) })
        .locator(`td[data-column="${column}"]`);
    for (const unit of ["Quận Cầu Giấy", "Quận Ba Đình", "Quận Hoàn Kiếm"]) {
      expect((await cell(unit, "assigned").innerText()).trim(), unit).toBe("1");
    }
    expect((await cell("Quận Hoàn Kiếm", "overdue").innerText()).trim()).toBe("1");

    // The monthly report missed since February 2020 is overdue on the dashboard.
    await leader.goto(`/?directive=${directiveId}`);
    const overdue = leader.locator('section[aria-labelledby="overdue-heading"]');
    await overdue.getByRole("link", { name: /— Tháng 02\/2020$/ }).waitFor();
  }, 180_000);

  it("works without JavaScript: a group item without its group is refused, input kept; then saved", async () => {
    const page = await pages.signedIn("vanphong", { javaScriptEnabled: false });
    const directiveId = await draftDirective(page);
    await page.goto(`/directives/${directiveId}/split`);
    await page.getByRole("textbox", { name: "Nội dung văn bản" }).fill(TEXT);
    await page.getByRole("button", { name: "Tách nhiệm vụ" }).click();
    await page.getByRole("heading", { level: 2, name: "Bước 2/2: Kiểm tra, sửa và lưu các nhiệm vụ" }).waitFor();

    await page.waitForLoadState("load"); // every row parsed before one is changed
    const group = page.getByLabel("Nhóm đơn vị (mục 1)", { exact: true });
    await group.selectOption("");
    // Item 2 goes to the Department of Home Affairs alone, as one task.
    await page.getByLabel("Lưu thành (mục 2)", { exact: true }).selectOption("task");
    await page.getByRole("button", { name: "Lưu các nhiệm vụ đã chọn" }).click();
    await page.getByRole("alert").getByRole("link", { name: "Mục 1 — Nhóm đơn vị: Hãy chọn nhóm đơn vị." }).waitFor();
    // The alert comes first in the streamed page: read the rows once all of it is parsed
    // (a select read before its chosen option arrives says its first one).
    await page.waitForLoadState("load");
    expect(await page.getByLabel("Lưu thành (mục 1)", { exact: true }).inputValue()).toBe("group");
    expect(await page.getByLabel("Lưu thành (mục 2)", { exact: true }).inputValue()).toBe("task");

    await group.selectOption({ label: "UBND các quận, huyện, thị xã" });
    await page.getByRole("button", { name: "Lưu các nhiệm vụ đã chọn" }).click();
    await page.waitForURL(new RegExp(`/directives/${directiveId}\\?imported=\\d+$`));
    await page.getByRole("heading", { level: 1, name: new RegExp(`${RUN}-${serial}`) }).waitFor();
  }, 180_000);
});
