// Steering committees and their meetings in a browser: the secretariat creates a
// committee (refused first for a code already in use) and a meeting with its
// attendees (refused first for an impossible date), then edits the meeting; a
// department head reads the list without the secretariat's buttons. Only records
// created here are changed (other browser tests share the server and the demo).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, signIn, useBrowser } from "./browser";

const pages = useBrowser();

async function signedIn(login: string): Promise<Page> {
  const { page } = await pages.open();
  await signIn(page, login);
  return page;
}

const stamp = Date.now().toString(36).toUpperCase();
const CODE = `BCD-E2E-${stamp}`;
const NAME = `Ban Chỉ đạo kiểm thử giao diện ${stamp}`;
const SEEDED = "Ban Chỉ đạo Chuyển đổi số thành phố Hà Nội";

describe("committees and meetings", () => {
  it("the secretariat creates a committee and a meeting with its attendees, then edits the meeting", async () => {
    const page = await signedIn("vanphong");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Ban Chỉ đạo" }).click();
    await page.getByRole("heading", { level: 1, name: "Ban Chỉ đạo" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Ban Chỉ đạo mới" }).click();
    await page.getByRole("heading", { level: 1, name: "Thêm Ban Chỉ đạo" }).waitFor();
    await expectAccessible(page);
    // A code already used by the demo, in another case: refused on the field, the input kept.
    await page.getByLabel("Mã Ban Chỉ đạo").fill("bcd-cds");
    await page.getByLabel("Tên Ban Chỉ đạo").fill(NAME);
    await page.getByLabel("Mô tả", { exact: true }).fill("Trưởng ban: Chủ tịch UBND Thành phố.");
    await page.getByRole("button", { name: "Lưu Ban Chỉ đạo" }).click();
    await page.getByText("Mã này đã được dùng cho một Ban Chỉ đạo khác.").waitFor();
    expect(await page.getByLabel("Mã Ban Chỉ đạo").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Tên Ban Chỉ đạo").inputValue()).toBe(NAME);
    expect(new URL(page.url()).pathname).toBe("/committees/new");
    await expectAccessible(page);

    await page.getByLabel("Mã Ban Chỉ đạo").fill(CODE);
    await page.getByRole("button", { name: "Lưu Ban Chỉ đạo" }).click();
    await page.waitForURL(/\/committees\/\d+\?saved=created$/);
    await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await page.getByText("Ban Chỉ đạo chưa có cuộc họp nào.").waitFor();
    await expectAccessible(page);
    const committeePath = new URL(page.url()).pathname;

    await page.getByRole("link", { name: "Cuộc họp mới" }).click();
    await page.waitForURL(/\/meetings\/new\?committee=\d+$/);
    await page.getByRole("heading", { level: 1, name: "Thêm cuộc họp" }).waitFor();
    expect(await page.getByLabel("Ban Chỉ đạo", { exact: true }).locator("option:checked").innerText()).toBe(NAME);
    await expectAccessible(page);

    const attendees = "Các thành viên Ban Chỉ đạo;\nlãnh đạo Công an Thành phố, Sở Tư pháp.";
    await page.getByLabel("Ngày họp").fill("31/02/2026");
    await page.getByLabel("Tên cuộc họp").fill(`Phiên họp thứ nhất ${stamp}`);
    await page.getByLabel("Chủ trì").fill("Chủ tịch UBND Thành phố");
    await page.getByLabel("Địa điểm").fill("79 Đinh Tiên Hoàng, Hà Nội");
    await page.getByLabel("Thành phần tham dự").fill(attendees);
    await page.getByLabel("Nội dung, ghi chú").fill("Nghe báo cáo kết quả triển khai.");
    await page.getByRole("button", { name: "Lưu cuộc họp" }).click();
    await page.getByText("Ngày họp: ngày “31/02/2026” không tồn tại (tháng 02/2026 chỉ có 28 ngày).").waitFor();
    expect(await page.getByLabel("Thành phần tham dự").inputValue()).toBe(attendees);
    await expectAccessible(page);

    await page.getByLabel("Ngày họp").fill("20/03/2026");
    await page.getByRole("button", { name: "Lưu cuộc họp" }).click();
    await page.waitForURL(/\/meetings\/\d+\?saved=created$/);
    await page.getByRole("status").getByText("Đã tạo mới.").waitFor();
    await page.getByRole("heading", { level: 1, name: `Phiên họp thứ nhất ${stamp}` }).waitFor();
    await page.getByText("lãnh đạo Công an Thành phố, Sở Tư pháp.", { exact: false }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Sửa", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Sửa cuộc họp ngày 20/03/2026" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Tên cuộc họp").fill(`Phiên họp quý I ${stamp}`);
    await page.getByLabel("Thành phần tham dự").fill(`${attendees}\nKhách mời: đại diện Bộ Công an.`);
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await page.waitForURL(/\/meetings\/\d+\?saved=updated$/);
    await page.getByRole("status").getByText("Đã lưu các thay đổi.").waitFor();
    await page.getByRole("heading", { level: 1, name: `Phiên họp quý I ${stamp}` }).waitFor();
    await page.getByText("Khách mời: đại diện Bộ Công an.", { exact: false }).waitFor();
    await expectAccessible(page);

    await page.getByRole("link", { name: `Quay lại ${NAME}` }).click();
    await page.waitForURL((url) => url.pathname === committeePath);
    await page.getByRole("link", { name: `Phiên họp quý I ${stamp}` }).waitFor();
    await page.goto("/committees");
    const row = page.getByRole("row").filter({ hasText: CODE });
    expect(await row.getByRole("cell").allInnerTexts()).toEqual([CODE, "Đang hoạt động", "1", "0"]);
  });

  it("a department head reads the committees, without the secretariat's buttons", async () => {
    const page = await signedIn("stttt.truong");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Ban Chỉ đạo" }).click();
    await page.getByRole("heading", { level: 1, name: "Ban Chỉ đạo" }).waitFor();
    await page.getByRole("link", { name: SEEDED }).waitFor();
    expect(await page.getByRole("link", { name: "Ban Chỉ đạo mới" }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole("link", { name: SEEDED }).click();
    await page.getByRole("heading", { level: 1, name: SEEDED }).waitFor();
    expect(await page.getByRole("link", { name: "Sửa", exact: true }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Cuộc họp mới" }).count()).toBe(0);
    await expectAccessible(page);

    const response = await page.goto("/committees/new");
    expect(response?.status()).toBe(403);
    await page.getByText("Tài khoản của bạn không có quyền thực hiện thao tác này.").waitFor();
    await expectAccessible(page);
  });
});
