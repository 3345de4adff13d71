// One item, many accountable units (issue #13 item 2, decision 026) in a browser: the
// secretariat gives an item to the group of districts from the new-task form (the review
// says how many tasks and for whom); Ba Đình reports it done and Hoàn Kiếm reports progress
// on their own tasks; the item's page rolls them up ("1/6 đơn vị hoàn thành"), and the
// scorecard charges each district for its own task.
//
// The e2e server and its database are shared by every e2e file: this file adds two district
// accounts and one item (unique to the run) to the demo's current directive; the districts
// lead no other task in it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUnitHead, expectAccessible, hanoiDay, openDisclosure, submitButton, useBrowser } from "./browser";

const RUN = Date.now().toString(36);
const PASSWORD = "Mật khẩu quận thử nghiệm 2026";
const DIRECTIVE = 2;
const DISTRICTS = ["Quận Ba Đình", "Quận Hoàn Kiếm", "Quận Đống Đa", "Quận Cầu Giấy", "Quận Hà Đông", "Thị xã Sơn Tây"];

const pages = useBrowser();

function signedIn(login: string, password?: string): Promise<Page> {
  return pages.signedIn(login, { password });
}

describe("an item given to the districts", () => {
  const title = `Rà soát thủ tục hành chính cấp quận ${RUN}`;
  const badinh = `e2e.badinh.${RUN}`;
  const hoankiem = `e2e.hoankiem.${RUN}`;

  // One journey, one test: each step needs the item the one before made.
  it("is given to the group of districts, one task each; two report; the item rolls them up; the scorecard charges each", async () => {
    const admin = await signedIn("admin");
    await createUnitHead(admin, badinh, "Quận Ba Đình", PASSWORD);
    await createUnitHead(admin, hoankiem, "Quận Hoàn Kiếm", PASSWORD);

    const page = await signedIn("vanphong");
    await page.goto(`/tasks/new?directive=${DIRECTIVE}`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { level: 1, name: "Thêm nhiệm vụ" }).waitFor();
    await page.getByLabel("Số mục").fill("11");
    await page.getByLabel("Tên nhiệm vụ").fill(title);
    await page.getByRole("radio", { name: "Một nhóm đơn vị" }).check();
    // Only the chosen way's fields are shown.
    await page.getByLabel("Đơn vị chủ trì", { exact: true }).waitFor({ state: "hidden" });
    const group = page.getByLabel("Nhóm đơn vị", { exact: true });
    const value = await group.locator("option", { hasText: "quận, huyện" }).getAttribute("value");
    await group.selectOption(value!);
    const review = page.getByTestId("fan-out-review");
    await review.getByText(/Sẽ tạo một nhiệm vụ cho mỗi đơn vị của nhóm .*\(6 đơn vị hôm nay\)/).waitFor();
    for (const district of DISTRICTS) expect(await review.innerText()).toContain(district);
    await page.getByLabel("Hạn hoàn thành").fill(hanoiDay(20));
    await page.getByLabel("Ngày giao", { exact: true }).fill(hanoiDay(0));
    await expectAccessible(page);
    await page.getByRole("button", { name: "Giao cho các đơn vị" }).click();
    await page.waitForURL(new RegExp(`/directives/${DIRECTIVE}/items/\\d+\\?saved=created$`));
    const itemPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: `Nội dung 11. ${title}` }).waitFor();
    await page.getByTestId("fan-out-rollup").getByText("0/6 đơn vị hoàn thành").waitFor();
    expect(await page.getByTestId("fan-out-units").locator("tbody tr").count()).toBe(6);
    await expectAccessible(page);
    expect(itemPath).toMatch(/^\/directives\/\d+\/items\/\d+$/);

    // Two districts report on their own tasks.
    // Ba Đình sees its own unit only, and reports it done.
    const badinhPage = await signedIn(badinh, PASSWORD);
    await badinhPage.goto(itemPath);
    const own = badinhPage.getByTestId("fan-out-units").locator("tbody tr");
    expect(await own.count()).toBe(1);
    await own.getByRole("rowheader", { name: "Quận Ba Đình" }).waitFor();
    await own.getByRole("link", { name: "Xem nhiệm vụ" }).click();
    await badinhPage.waitForURL(/\/tasks\/\d+$/);
    const badinhTask = new URL(badinhPage.url()).pathname;
    await badinhPage.getByTestId("fan-out-link").getByRole("link", { name: title }).waitFor();
    await openDisclosure(badinhPage, "Báo cáo hoàn thành");
    await badinhPage.getByLabel("Kết quả hoàn thành").fill("Đã rà soát 100% thủ tục cấp quận.");
    await submitButton(badinhPage, "Gửi báo cáo hoàn thành").click();
    await badinhPage.waitForURL(/\?done=completionReported$/);

    // Hoàn Kiếm reports progress.
    const hoankiemPage = await signedIn(hoankiem, PASSWORD);
    await hoankiemPage.goto(itemPath);
    await hoankiemPage.getByTestId("fan-out-units").getByRole("link", { name: "Xem nhiệm vụ" }).click();
    await hoankiemPage.waitForURL(/\/tasks\/\d+$/);
    await hoankiemPage.getByLabel("Tỷ lệ hoàn thành (%)").fill("50");
    await hoankiemPage.getByLabel("Kết quả thực hiện").fill("Đã rà soát một nửa số thủ tục.");
    await submitButton(hoankiemPage, "Gửi báo cáo tiến độ").click();
    await hoankiemPage.waitForURL(/\?done=reported$/);

    // The secretariat confirms Ba Đình's completion; the item rolls its units up.
    const secretariat = await signedIn("vanphong");
    await secretariat.goto(badinhTask);
    await submitButton(secretariat, "Xác nhận hoàn thành").click();
    await secretariat.waitForURL(/\?done=completionConfirmed$/);
    await secretariat.goto(itemPath);
    const rollup = secretariat.getByTestId("fan-out-rollup");
    await rollup.getByText("1/6 đơn vị hoàn thành").waitFor();
    await rollup.getByText("không đơn vị nào quá hạn").waitFor();
    const counts = secretariat.getByTestId("fan-out-counts");
    expect(await counts.locator('[data-status="done_on_time"]').getAttribute("data-count")).toBe("1");
    expect(await counts.locator('[data-status="on_track"]').getAttribute("data-count")).toBe("5");
    const units = secretariat.getByTestId("fan-out-units");
    const row = (district: string) =>
      units.locator("tr", { has: secretariat.getByRole("rowheader", { name: district }) });
    expect(await row("Quận Ba Đình").locator("[data-status]").getAttribute("data-status")).toBe("done_on_time");
    expect(await row("Quận Hoàn Kiếm").innerText()).toContain("50%");
    // The directive's page shows the item once, rolled up, its units under it; its sentence counts the units apart.
    await secretariat.goto(`/directives/${DIRECTIVE}`);
    const summary = secretariat.getByTestId("fan-out-summary").filter({ hasText: title });
    expect(await summary.count()).toBe(1);
    await summary.getByTestId("fan-out-summary-rollup").getByText("1/6 đơn vị hoàn thành").waitFor();
    await summary.locator("summary").click();
    for (const district of DISTRICTS) await summary.getByRole("link", { name: district }).waitFor();
    const unitsClause = secretariat.getByTestId("directive-progress").locator('[data-level="unit"]');
    expect(Number(await unitsClause.locator("a").first().getAttribute("data-count"))).toBeGreaterThanOrEqual(6);
    await expectAccessible(secretariat);
    // The item is counted once, in a clause of its own, never among the main tasks; its number
    // (1 done, 5 on track: on track) opens the list of exactly the items on track.
    const itemsClause = secretariat.getByTestId("directive-progress").locator('[data-level="items"]');
    const onTrack = itemsClause.locator('[data-status="on_track"]');
    const onTrackCount = Number(await onTrack.getAttribute("data-count"));
    expect(onTrackCount).toBeGreaterThanOrEqual(1);
    await onTrack.click();
    await secretariat.waitForURL(new RegExp(`/directives/${DIRECTIVE}/items\\?status=on_track`));
    const itemList = secretariat.getByTestId("item-list");
    await itemList.getByRole("link", { name: title }).waitFor();
    expect(await itemList.locator("tbody tr").count()).toBe(onTrackCount);
    expect(await itemList.locator('tbody [data-status="on_track"]').count()).toBe(onTrackCount);
    await expectAccessible(secretariat);

    // Every number links to its units: the done ones in the task list.
    await secretariat.goto(itemPath);
    await counts.locator('[data-status="done_on_time"]').click();
    await secretariat.waitForURL(/\/tasks\?.*fanOut=\d+/);
    await secretariat.getByRole("link", { name: title }).first().waitFor();
    await expectAccessible(secretariat);

    // The scorecard charges each district for its own task.
    const leader = await signedIn("lanhdao");
    await leader.goto(`/scorecard?directive=${DIRECTIVE}`);
    const table = leader.getByTestId("scorecard");
    await table.waitFor();
    const cell = (district: string, column: string) =>
      table
        .locator("tr", { has: leader.getByRole("rowheader", { name: district }) })
        .locator(`td[data-column="${column}"]`);
    for (const district of DISTRICTS) expect((await cell(district, "assigned").innerText()).trim(), district).toBe("1");
    expect((await cell("Quận Ba Đình", "done_on_time").innerText()).trim()).toBe("1");
    expect((await cell("Quận Hoàn Kiếm", "on_track").innerText()).trim()).toBe("1");
  }, 180_000);
});
