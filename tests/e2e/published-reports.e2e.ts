// Published period reports ("chốt số liệu", docs/domain-rules.md §4.4), in a browser: the
// secretariat publishes the e-government committee's figures as of 31/12/2019 on
// "Báo cáo đã chốt", is refused a cut-off day still to come, and downloads the files;
// leadership finds the report in the list and downloads the very same bytes; a
// department user has no such page. Each test publishes the report it looks at;
// published reports cannot be deleted, so each run adds three, found by their titles'
// stamp; nothing else is changed.
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, signIn, useBrowser } from "./browser";

const pages = useBrowser();

async function as(login: string): Promise<Page> {
  const { page } = await pages.open();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  await signIn(page, login);
  return page;
}

/** Clicks a download link and returns the file's name and bytes. */
async function downloadFrom(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const COMMITTEE = "Ban Chỉ đạo xây dựng Chính quyền điện tử thành phố Hà Nội";
/** The seed notice's first task, assigned 24/09/2019 and done on time by 31/12/2019. */
const SEED_TASK =
  "Hoàn thiện dự thảo Quyết định sửa đổi, bổ sung Quyết định thành lập Ban Chỉ đạo xây dựng Chính quyền điện tử Thành phố";
const LONG = { timeout: 180_000 };

/**
 * The e-government committee's figures as of 31/12/2019, published by the secretariat for
 * the calling test alone (`what` tells its title apart) after a cut-off day still to come
 * is refused, and downloaded as Excel and CSV: the report's page and the files' bytes.
 */
async function newReport(what: string): Promise<{ reportPath: string; title: string; xlsx: Buffer; csv: Buffer }> {
  const title = `Báo cáo quý IV/2019 ${what} ${stamp}`;
  const page = await as("vanphong");
  await page.getByRole("navigation").getByRole("link", { name: "Báo cáo đã chốt", exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await page.getByRole("heading", { level: 1, name: "Báo cáo đã chốt số liệu" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Chốt số liệu kỳ báo cáo" }).waitFor();
  await expectAccessible(page);

  await page.getByLabel("Tên báo cáo", { exact: true }).fill(title);
  await page.getByLabel("Số liệu đến hết ngày", { exact: true }).fill("31/12/2099");
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  await page.getByRole("button", { name: "Chốt số liệu", exact: true }).click();
  await page.getByText("Ngày chốt chưa đến.", { exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/reports");
  expect(await page.getByLabel("Số liệu đến hết ngày", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByRole("link", { name: title }).count()).toBe(0);
  await expectAccessible(page);

  await page.getByLabel("Số liệu đến hết ngày", { exact: true }).fill("31/12/2019");
  // The form keeps what was typed; the committee is chosen again should it not.
  await page.getByLabel("Ban Chỉ đạo", { exact: true }).selectOption({ label: COMMITTEE });
  expect(await page.getByLabel("Tên báo cáo", { exact: true }).inputValue()).toBe(title);
  await page.getByRole("button", { name: "Chốt số liệu", exact: true }).click();
  await page.waitForURL(/\/reports\/\d+\?saved=1$/);
  await page.getByRole("status").getByText("Đã chốt số liệu.", { exact: true }).waitFor();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByText(`Số liệu đến hết ngày 31/12/2019 · phạm vi: ${COMMITTEE}`, { exact: false }).waitFor();
  // Just published: nothing reads differently yet.
  await page.getByText("Chưa có nhiệm vụ nào thay đổi so với số liệu đã chốt.", { exact: true }).waitFor();
  // The seed notice's tasks as of that day.
  const tasks = page.getByRole("region", { name: /^Danh sách nhiệm vụ \(\d+\)$/ });
  await tasks.getByRole("cell", { name: SEED_TASK, exact: true }).waitFor();
  const heading = await page.getByRole("heading", { level: 2, name: /^Danh sách nhiệm vụ \(\d+\)$/ }).innerText();
  const listed = Number(/\((\d+)\)/.exec(heading)?.[1]);
  expect(listed).toBeGreaterThanOrEqual(13);
  expect(await tasks.locator("tbody tr").count()).toBe(listed);
  // The counts by status add up to the task rows.
  const counts = await page
    .locator("[data-status-count]")
    .evaluateAll((cells) => cells.map((cell) => Number(cell.textContent)));
  expect(counts).toHaveLength(9);
  expect(counts.reduce((sum, n) => sum + n, 0)).toBe(listed);
  await expectAccessible(page);
  const reportPath = new URL(page.url()).pathname;
  expect(reportPath).toMatch(/^\/reports\/\d+$/);

  const excel = await downloadFrom(page, "Tải Excel (bản đã chốt)");
  expect(excel.name).toMatch(/^bao-cao-da-chot-\d+\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(excel.bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(2);
  expect(workbook.worksheets[1]!.name).toBe("Tổng hợp");
  expect(workbook.worksheets[1]!.getCell("A1").value).toBe("Số nhiệm vụ theo tình trạng");

  const text = await downloadFrom(page, "Tải CSV (bản đã chốt)");
  expect(text.name).toMatch(/^bao-cao-da-chot-\d+\.csv$/);
  expect(text.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(text.bytes.subarray(3).toString("utf8")).toMatch(/^STT,Mục,Nhiệm vụ,Đơn vị chủ trì,/);
  expect(text.bytes.toString("utf8")).toContain(SEED_TASK);
  return { reportPath, title, xlsx: excel.bytes, csv: text.bytes };
}

describe("publishing a period's figures", () => {
  it("the secretariat is refused a cut-off day still to come, then publishes 31/12/2019", LONG, async () => {
    await newReport("văn phòng");
  });

  it("leadership finds it in the list, cannot publish, and downloads the same bytes", LONG, async () => {
    const { reportPath, title, xlsx, csv } = await newReport("lãnh đạo");
    const page = await as("lanhdao");
    await page.goto("/reports");
    await page.getByRole("heading", { level: 1, name: "Báo cáo đã chốt số liệu" }).waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await row.getByText("31/12/2019", { exact: true }).waitFor();
    await row.getByText(COMMITTEE, { exact: true }).waitFor();
    expect(await page.getByRole("heading", { name: "Chốt số liệu kỳ báo cáo" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Chốt số liệu" }).count()).toBe(0);
    await expectAccessible(page);

    await row.getByRole("link", { name: title, exact: true }).click();
    await page.waitForURL(`**${reportPath}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const excel = await downloadFrom(page, "Tải Excel (bản đã chốt)");
    expect(excel.bytes.equals(xlsx)).toBe(true);
    const text = await downloadFrom(page, "Tải CSV (bản đã chốt)");
    expect(text.bytes.equals(csv)).toBe(true);
  });

  it("a department user has no link to it and is refused the pages", LONG, async () => {
    const { reportPath } = await newReport("đơn vị");
    const page = await as("sgddt.truong");
    await page.getByRole("navigation").waitFor();
    expect(await page.getByRole("navigation").getByRole("link", { name: "Báo cáo đã chốt" }).count()).toBe(0);
    for (const path of ["/reports", reportPath, `${reportPath}/download?format=csv`]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
    }
    const response = await page.goto("/reports");
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { level: 1, name: "Không có quyền" }).waitFor();
  });
});
