// The JSON API end to end: an administrator issues a token in the browser, copies the
// secret from the page, another system (this test, with fetch) reads JSON with it;
// the administrator revokes it and the next call gets a 401. Also what the Express
// server in front adds: a JSON 405 for writes, a JSON 404 for unknown addresses, and
// a browser's session cookie that does not open the API.
//
// The e2e server and database are shared by every e2e file: this file only adds a
// token of its own (named for the run) and revokes it.
import { describe, expect, it } from "vitest";
import { baseUrl, expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();
const RUN = Date.now().toString(36).toUpperCase();

/** A call from another system: plain fetch, no cookies. */
async function callApi(path: string, init: { token?: string; method?: string; language?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.language) headers["Accept-Language"] = init.language;
  const response = await fetch(new URL(path, baseUrl()), { method: init.method ?? "GET", headers });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe("the JSON API", () => {
  it("works with a token an administrator issues in the browser, and stops when it is revoked", async () => {
    const admin = await pages.signedIn("admin");
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });

    await admin
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Mã truy cập API" })
      .click();
    await admin.getByRole("heading", { level: 1, name: "Mã truy cập API" }).waitFor();
    await expectAccessible(admin);

    await admin.getByRole("link", { name: "Cấp mã truy cập" }).click();
    await admin.getByRole("heading", { level: 1, name: "Cấp mã truy cập" }).waitFor();
    // Nothing filled in: told what is missing, at the fields.
    await admin.getByRole("button", { name: "Cấp mã" }).click();
    await admin.getByText("Vui lòng nhập tên gọi.").waitFor();
    await admin.getByText("Vui lòng chọn tài khoản đại diện.").waitFor();
    await expectAccessible(admin);

    const name = `Cổng dữ liệu Sở GD&ĐT ${RUN}`;
    await admin.getByLabel("Tên gọi").fill(name);
    const option = admin.locator("select[name=userId] option", { hasText: /^sgddt\.truong — / });
    await admin.getByLabel("Tài khoản đại diện").selectOption((await option.getAttribute("value"))!);
    await admin.getByLabel("Hiệu lực đến hết ngày").fill("31/12/2099");
    await admin.getByRole("button", { name: "Cấp mã" }).click();

    await admin.getByRole("heading", { level: 2, name: `Đã cấp mã truy cập “${name}”` }).waitFor();
    await admin.getByText("Mã chỉ hiển thị một lần").waitFor();
    await expectAccessible(admin);
    const shown = await admin.getByLabel("Mã truy cập", { exact: true }).inputValue();
    expect(shown).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);
    await admin.getByRole("button", { name: "Sao chép mã" }).click();
    await admin.getByRole("status").getByText("Đã sao chép mã vào bộ nhớ tạm.").waitFor();
    const secret = await admin.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(shown);

    // Another system reads JSON with it, as the department head it acts for.
    const tasks = await callApi("/api/v1/tasks?asOf=2019-12-31&pageSize=200", { token: secret });
    expect(tasks.response.status).toBe(200);
    expect(tasks.response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(tasks.response.headers.get("cache-control")).toBe("no-store");
    const items = tasks.body.items as {
      leadDepartment: { name: string };
      coordinatingDepartments: { name: string }[];
    }[];
    expect(tasks.body.total).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect([item.leadDepartment.name, ...item.coordinatingDepartments.map((d) => d.name)]).toContain(
        "Sở Giáo dục và Đào tạo",
      );
    }
    const scorecard = await callApi("/api/v1/scorecard?asOf=2019-12-31", { token: secret, language: "en" });
    expect(scorecard.response.status).toBe(200);
    expect((scorecard.body.columns as { label: string }[])[0]!.label).toBe("Assigned (lead)");

    // The list shows the token, used, by its start only.
    await admin.getByRole("link", { name: "Tôi đã lưu mã — về danh sách" }).click();
    const row = admin.locator("tbody tr", { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain(secret.slice(0, 12));
    expect(await admin.content()).not.toContain(secret);
    expect(await row.innerText()).toContain("Đang hiệu lực");

    // Revoke, with the confirmation.
    await row.getByRole("link", { name }).click();
    await admin.getByRole("heading", { level: 1, name }).waitFor();
    await admin.getByRole("button", { name: "Thu hồi mã" }).click();
    await admin.getByText("Hãy đánh dấu ô xác nhận trước khi thực hiện.").waitFor();
    await admin.getByLabel(/Tôi hiểu: hệ thống đang dùng mã này/).check();
    await admin.getByRole("button", { name: "Thu hồi mã" }).click();
    await admin.waitForURL(/done=revoked/);
    await admin.getByRole("status").getByText("Đã thu hồi mã truy cập.").waitFor();
    await expectAccessible(admin);

    const refused = await callApi("/api/v1/tasks", { token: secret });
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get("www-authenticate")).toContain("Bearer");
    expect(refused.body).toEqual({ error: { code: "token_revoked", message: "Mã truy cập đã bị thu hồi." } });
  });

  it("issues and revokes a token without JavaScript too", async () => {
    const admin = await pages.signedIn("admin", { javaScriptEnabled: false });
    await admin.goto("/admin/api-tokens/new");
    const name = `Không JavaScript ${RUN}`;
    await admin.getByLabel("Tên gọi").fill(name);
    const option = admin.locator("select[name=userId] option", { hasText: /^lanhdao — / });
    await admin.getByLabel("Tài khoản đại diện").selectOption((await option.getAttribute("value"))!);
    await admin.getByRole("button", { name: "Cấp mã" }).click();
    await admin.getByRole("heading", { level: 2, name: `Đã cấp mã truy cập “${name}”` }).waitFor();
    // No copy button without JavaScript: the secret is in a box to select.
    expect(await admin.getByRole("button", { name: "Sao chép mã" }).count()).toBe(0);
    const secret = await admin.getByLabel("Mã truy cập", { exact: true }).inputValue();
    expect((await callApi("/api/v1/directives", { token: secret })).response.status).toBe(200);

    await admin.goto("/admin/api-tokens");
    await admin.locator("tbody tr", { hasText: name }).getByRole("link", { name }).click();
    await admin.getByLabel(/Tôi hiểu: hệ thống đang dùng mã này/).check();
    await admin.getByRole("button", { name: "Thu hồi mã" }).click();
    await admin.getByRole("status").getByText("Đã thu hồi mã truy cập.").waitFor();
    expect((await callApi("/api/v1/directives", { token: secret })).response.status).toBe(401);
  });

  it("answers JSON for a missing token, a write, an unknown address, and never takes a session cookie", async () => {
    const missing = await callApi("/api/v1/directives", { language: "en" });
    expect(missing.response.status).toBe(401);
    expect(missing.body).toEqual({
      error: { code: "missing_token", message: "No access token. Send the header Authorization: Bearer <token>." },
    });

    // A write from another origin (or none) is a JSON 405, not the cross-origin refusal's text.
    const write = await callApi("/api/v1/tasks", { method: "POST", language: "en" });
    expect(write.response.status).toBe(405);
    expect(write.response.headers.get("allow")).toBe("GET, HEAD");
    expect(write.body).toEqual({ error: { code: "method_not_allowed", message: "The API is read-only: use GET." } });

    const unknown = await callApi("/api/v1/tasks/1/history");
    expect(unknown.response.status).toBe(404);
    expect((unknown.body.error as { code: string }).code).toBe("unknown_endpoint");

    // Signed in in the browser: the session cookie goes along, and is not a token.
    const page = await pages.signedIn("lanhdao");
    const response = await page.goto("/api/v1/tasks");
    expect(response?.status()).toBe(401);
    expect(JSON.parse(await page.locator("body").innerText())).toMatchObject({ error: { code: "missing_token" } });
  });
});
