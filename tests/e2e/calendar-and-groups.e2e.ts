// The working calendar and the unit groups in the browser (issue #13 items 4 and 1): the
// administrator reads a year's holidays, adds and removes a worked Saturday, loads a year
// from the rules; creates a group of districts, adds one and takes one out, and reads the
// group on a past day.
//
// The e2e server and its database are shared by every e2e file, in any order: this file
// changes only far-future years of the calendar (no task is due then) and a group whose
// name is unique to the run, and removes the day it adds.
import { describe, expect, it } from "vitest";
import { expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();
const RUN = Date.now().toString(36).toUpperCase();

describe("the working calendar", () => {
  it("shows a year's holidays, takes a worked Saturday from an announcement and loads a year from the rules", async () => {
    const admin = await pages.signedIn("admin");
    await admin.goto("/admin/holidays?year=2026");
    await admin.getByRole("heading", { level: 1, name: "Ngày nghỉ lễ, Tết và ngày làm bù" }).waitFor();
    // Tết Bính Ngọ: mùng 1 is Tuesday 17/02/2026.
    const tet = admin.locator('tr[data-calendar-day="2026-02-17"]');
    await tet.getByText("Tết Nguyên đán").waitFor();
    await tet.getByText("Thứ Ba").waitFor();
    await expectAccessible(admin);

    // A Monday cannot be a worked day.
    await admin.getByRole("textbox", { name: "Ngày", exact: true }).fill("04/05/2099");
    await admin.getByLabel("Loại ngày").selectOption({ label: "Làm bù (ngày làm việc)" });
    await admin.getByRole("combobox", { name: "Dịp", exact: true }).selectOption({ label: "Ngày Chiến thắng (30/4)" });
    await admin.getByRole("button", { name: "Thêm ngày" }).click();
    await admin.getByText("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật", { exact: false }).first().waitFor();
    expect(await admin.getByRole("textbox", { name: "Ngày", exact: true }).getAttribute("aria-invalid")).toBe("true");

    await admin.getByRole("textbox", { name: "Ngày", exact: true }).fill("02/05/2099");
    await admin.getByLabel("Ghi chú").fill(`Thông báo thử ${RUN}`);
    await admin.getByRole("button", { name: "Thêm ngày" }).click();
    await admin.waitForURL(/\/admin\/holidays\?year=2099&done=added&date=2099-05-02$/);
    await admin.getByRole("status").getByText("Đã thêm ngày 02/05/2099 vào lịch.").waitFor();
    const saturday = admin.locator('tr[data-calendar-day="2099-05-02"]');
    await saturday.getByText(`Thông báo thử ${RUN}`).waitFor();
    await expectAccessible(admin);

    await saturday.getByRole("button", { name: "Xóa ngày 02/05/2099 khỏi lịch" }).click();
    await admin.waitForURL(/done=removed&date=2099-05-02$/);
    // The URL changes before the page shows the calendar without the day: wait for the row to go.
    await admin.locator('tr[data-calendar-day="2099-05-02"]').waitFor({ state: "detached" });

    await admin.getByRole("textbox", { name: "Năm", exact: true }).fill("2090");
    await admin.getByRole("button", { name: "Nạp ngày nghỉ" }).click();
    await admin.waitForURL(/\/admin\/holidays\?year=2090&done=loaded/);
    await admin
      .getByRole("status")
      .getByText(/Năm 2090: đã thêm \d+ ngày nghỉ theo quy định/)
      .waitFor();
    await admin.locator('tr[data-calendar-day="2090-01-01"]').getByText("Tết Dương lịch").waitFor();
  });

  it("is the administrator's page only", async () => {
    const secretariat = await pages.signedIn("vanphong");
    const response = await secretariat.goto("/admin/holidays");
    expect(response?.status()).toBe(403);
  });
});

describe("unit groups", () => {
  it("creates a group of districts, adds and takes out members, and reads it on a past day", async () => {
    const name = `Các quận thử nghiệm ${RUN}`;
    const admin = await pages.signedIn("admin");
    await admin.goto("/admin/groups");
    await admin.getByRole("heading", { level: 1, name: "Nhóm đơn vị" }).waitFor();
    await admin.getByRole("link", { name: "UBND các quận, huyện, thị xã" }).waitFor();
    await expectAccessible(admin);

    await admin.getByRole("link", { name: "Lập nhóm" }).click();
    await admin.getByRole("heading", { level: 1, name: "Lập nhóm" }).waitFor();
    // Nothing chosen: both problems at their fields.
    await admin.getByRole("button", { name: "Lập nhóm" }).click();
    await admin.getByText("Hãy nhập tên nhóm.").waitFor();
    await admin.getByText("Hãy chọn ít nhất một đơn vị.").waitFor();
    await expectAccessible(admin);

    await admin.getByLabel("Tên nhóm").fill(name);
    await admin.getByLabel("Quận Ba Đình").check();
    await admin.getByLabel("Quận Hoàn Kiếm").check();
    await admin.getByLabel("Tham gia từ ngày").fill("18/09/2019");
    await admin.getByRole("button", { name: "Lập nhóm" }).click();
    await admin.waitForURL(/\/admin\/groups\/\d+\?done=created$/);
    await admin.getByRole("status").getByText("Đã lập nhóm.").waitFor();
    await admin.getByRole("heading", { level: 1, name }).waitFor();
    await expectAccessible(admin);

    await admin.getByLabel("Quận Đống Đa").check();
    await admin.getByRole("button", { name: "Thêm vào nhóm" }).click();
    await admin.waitForURL(/done=added&count=1$/);
    await admin.getByRole("status").getByText("Đã thêm 1 đơn vị vào nhóm.").waitFor();

    await admin.locator("#group-remove").getByLabel("Quận Ba Đình").check();
    await admin.getByRole("button", { name: "Đưa ra khỏi nhóm" }).click();
    await admin.waitForURL(/done=removed&count=1$/);
    const members = admin.getByTestId("group-members");
    await members.getByText("Quận Hoàn Kiếm").waitFor();
    expect(await members.getByText("Quận Ba Đình").count()).toBe(0);

    // On 18/09/2019 the group had its first two members.
    await admin.getByLabel("Thành viên tính đến ngày").fill("18/09/2019");
    await admin.getByRole("button", { name: "Xem" }).click();
    await admin.waitForURL(/day=18%2F09%2F2019/);
    await members.getByText("Quận Ba Đình").waitFor();
    expect(await members.getByText("Quận Đống Đa").count()).toBe(0);
    await expectAccessible(admin);
  });
});
