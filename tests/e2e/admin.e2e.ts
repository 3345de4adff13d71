// Administration in the browser: an administrator creates a department officer who
// then signs in, disables them (their session stops working at once), and merges
// a department into a successor (its open tasks move, finished ones keep its name).
//
// The e2e server and its database are shared by every e2e file, in any order: this
// file touches only what it creates itself (a user, two departments, a directive
// with two tasks), with names unique to the run, and leaves the demo's departments
// as they are. The real 2025 merger (STTTT into SKHCN) is tested on its own
// database in tests/integration/admin-departments.test.ts.
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { baseUrl, expectAccessible, useBrowser } from "./browser";

const pages = useBrowser();
const RUN = Date.now().toString(36).toUpperCase();

/** The record id at the end of the current URL's path (`/admin/users/12?done=created` → 12). */
function idInUrl(page: Page): number {
  const match = /\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`no id in ${page.url()}`);
  return Number(match[1]);
}

describe("user administration", () => {
  it("creates a department officer who signs in; disabling them ends their session at once", async () => {
    const login = `e2e.canbo.${RUN.toLowerCase()}`;
    const password = "Mật khẩu thử nghiệm 2025";
    const admin = await pages.signedIn("admin");

    await admin.goto("/admin/users");
    await admin.getByRole("heading", { level: 1, name: "Người dùng" }).waitFor();
    expect(await admin.locator("tbody tr[data-user-id]").count()).toBeGreaterThan(0);
    await expectAccessible(admin);

    await admin.getByRole("link", { name: "Thêm người dùng" }).click();
    await admin.getByRole("heading", { level: 1, name: "Thêm người dùng" }).waitFor();
    // Nothing filled in: every problem is shown at its field, linked for screen readers.
    await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
    await admin.getByText("Vui lòng nhập tên đăng nhập.").waitFor();
    expect(await admin.getByLabel("Tên đăng nhập").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(admin);

    await admin.getByLabel("Tên đăng nhập").fill(login);
    await admin.getByLabel("Họ và tên").fill("Trần Thị Thử Nghiệm");
    await admin.getByLabel("Vai trò").selectOption({ label: "Cán bộ đầu mối" });
    await admin.getByLabel("Mật khẩu ban đầu").fill(password);
    await admin.getByLabel("Nhập lại mật khẩu").fill(password);
    // A focal point needs a department.
    await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
    await admin.getByText("Lãnh đạo đơn vị và Cán bộ đầu mối phải thuộc một đơn vị.").waitFor();
    await admin.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Sở Tư pháp" });
    await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
    await admin.waitForURL(/\/admin\/users\/\d+\?done=created$/);
    await admin.getByRole("status").getByText("Đã tạo tài khoản.").waitFor();
    await admin.getByRole("heading", { level: 1, name: "Trần Thị Thử Nghiệm" }).waitFor();
    await expectAccessible(admin);
    const userPage = admin.url();

    // The new officer signs in and works.
    const officer = await pages.signedIn(login, { password });
    await officer.goto("/tasks");
    await officer.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();

    // A second account with the same login (in another case) is refused, clearly.
    await admin.goto("/admin/users/new");
    await admin.getByLabel("Tên đăng nhập").fill(login.toUpperCase());
    await admin.getByLabel("Họ và tên").fill("Bản sao");
    await admin.getByLabel("Vai trò").selectOption({ label: "Lãnh đạo" });
    await admin.getByLabel("Mật khẩu ban đầu").fill(password);
    await admin.getByLabel("Nhập lại mật khẩu").fill(password);
    await admin.getByRole("button", { name: "Tạo tài khoản" }).click();
    await admin.getByText("Tên đăng nhập này đã có người dùng").waitFor();
    expect(new URL(admin.url()).pathname).toBe("/admin/users/new");

    // Disabling needs the confirmation, then ends the officer's session.
    await admin.goto(userPage);
    await admin.getByRole("button", { name: "Khóa tài khoản" }).click();
    await admin.getByText("Hãy đánh dấu ô xác nhận trước khi thực hiện.").waitFor();
    await admin.getByLabel(/Tôi hiểu: người dùng sẽ bị đăng xuất ngay/).check();
    await admin.getByRole("button", { name: "Khóa tài khoản" }).click();
    await admin.waitForURL(/done=disabled/);
    await admin.getByRole("status").getByText("Đã khóa tài khoản; 1 phiên đăng nhập đã kết thúc.").waitFor();
    await expectAccessible(admin);

    await officer.goto("/tasks");
    await officer.waitForURL(/\/login\?redirectTo=/);
    await officer.getByLabel("Tên đăng nhập").fill(login);
    await officer.getByLabel("Mật khẩu").fill(password);
    await officer.getByRole("button", { name: "Đăng nhập" }).click();
    await officer.getByRole("alert").getByText("tài khoản đã bị khóa").waitFor();

    // The list finds the account, disabled.
    await admin.goto(`/admin/users?q=${encodeURIComponent(login)}`);
    const row = admin.locator("tbody tr[data-user-id]");
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain("Đã khóa");
  });

  it("an administrator can neither disable nor demote themself", async () => {
    const admin = await pages.signedIn("admin");
    await admin.goto("/admin/users?q=admin&role=admin");
    await admin.getByRole("link", { name: "admin", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "Quản trị hệ thống" }).waitFor();
    await admin.getByText("Bạn không thể tự khóa tài khoản của chính mình.").waitFor();
    expect(await admin.getByRole("button", { name: "Khóa tài khoản" }).count()).toBe(0);
    expect(await admin.getByLabel("Vai trò").count()).toBe(0);
    await expectAccessible(admin);
  });
});

describe("department administration", () => {
  /** Creates a department through the form; returns its id. */
  async function createDepartment(page: Page, code: string, name: string): Promise<number> {
    await page.goto("/admin/departments/new");
    await page.getByLabel("Mã đơn vị").fill(code);
    await page.getByLabel("Tên đơn vị").fill(name);
    await page.getByLabel("Loại đơn vị").selectOption({ label: "Sở, ban, ngành" });
    await page.getByRole("button", { name: "Tạo đơn vị" }).click();
    await page.waitForURL(/\/admin\/departments\/\d+\?done=created$/);
    await page.getByRole("status").getByText("Đã tạo đơn vị.").waitFor();
    return idInUrl(page);
  }

  /** A directive with an open and a finished task led by `departmentId`, written straight into the server's database. */
  function insertTasks(departmentId: number, number: string) {
    const db = new Database(inject("databaseFile"));
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    try {
      return db.transaction(() => {
        const committee = db.prepare("SELECT id FROM committees ORDER BY id LIMIT 1").get() as { id: number };
        const directive = db
          .prepare(
            `INSERT INTO directives (committee_id, number, type, issued_on, issuer, abstract, state)
             VALUES (?, ?, 'conclusion_notice', '2025-01-10', 'UBND Thành phố Hà Nội', 'Kiểm thử hợp nhất đơn vị', 'issued')`,
          )
          .run(committee.id, number).lastInsertRowid as number;
        const at = Date.UTC(2025, 0, 10, 2);
        const task = (item: string, title: string, done: boolean) => {
          const id = db
            .prepare(
              `INSERT INTO tasks (directive_id, item_number, position, title, lead_department_id, deadline_kind,
                 assigned_on, state, completion_date, confirmed_at, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, 'none', '2025-01-10', ?, ?, ?, ?, ?)`,
            )
            .run(
              directive,
              item,
              Number(item),
              title,
              departmentId,
              done ? "done" : "in_progress",
              done ? "2025-02-01" : null,
              done ? at + 30 * 86_400_000 : null,
              at,
              at,
            ).lastInsertRowid as number;
          db.prepare("INSERT INTO task_lead_assignments (task_id, department_id, from_at) VALUES (?, ?, ?)").run(
            id,
            departmentId,
            at,
          );
          const step = db.prepare(
            "INSERT INTO task_transitions (task_id, from_state, to_state, changed_at, completion_date) VALUES (?, ?, ?, ?, ?)",
          );
          step.run(id, "open", "in_progress", at + 86_400_000, null);
          if (done) {
            step.run(id, "in_progress", "awaiting_confirmation", at + 22 * 86_400_000, "2025-02-01");
            step.run(id, "awaiting_confirmation", "done", at + 30 * 86_400_000, "2025-02-01");
          }
          return id;
        };
        return {
          directive,
          open: task("1", `Nhiệm vụ đang thực hiện ${RUN}`, false),
          done: task("2", `Nhiệm vụ đã hoàn thành ${RUN}`, true),
        };
      })();
    } finally {
      db.close();
    }
  }

  it("merges a department into a successor: open tasks move, finished ones keep the old name", async () => {
    const admin = await pages.signedIn("admin");
    await admin.goto("/admin/departments");
    await admin.getByRole("heading", { level: 1, name: "Quản lý đơn vị" }).waitFor();
    await expectAccessible(admin);
    await admin.getByRole("link", { name: "Thêm đơn vị" }).click();
    await admin.getByRole("heading", { level: 1, name: "Thêm đơn vị" }).waitFor();
    await expectAccessible(admin);

    // A taken code is refused at its field.
    await admin.getByLabel("Mã đơn vị").fill("skhcn");
    await admin.getByLabel("Tên đơn vị").fill("Sở trùng mã");
    await admin.getByLabel("Loại đơn vị").selectOption({ label: "Sở, ban, ngành" });
    await admin.getByRole("button", { name: "Tạo đơn vị" }).click();
    await admin.getByText("Mã đơn vị này đã được dùng").waitFor();
    await expectAccessible(admin);

    const oldName = `Sở Thử nghiệm Cũ ${RUN}`;
    const newName = `Sở Thử nghiệm Mới ${RUN}`;
    const merged = await createDepartment(admin, `CU${RUN}`, oldName);
    const successor = await createDepartment(admin, `MOI${RUN}`, newName);
    const fixture = insertTasks(merged, `${RUN}/TB-E2E`);

    await admin.goto(`/admin/departments/${merged}`);
    await admin.getByRole("heading", { level: 1, name: oldName }).waitFor();
    await admin
      .getByText("1 nhiệm vụ chưa hoàn thành do đơn vị này chủ trì chuyển sang đơn vị kế thừa", { exact: false })
      .waitFor();
    await expectAccessible(admin);
    // Merging into itself is not even offered.
    const successorChoices = await admin.getByLabel("Đơn vị kế thừa").locator("option").allInnerTexts();
    expect(successorChoices).toContain(newName);
    expect(successorChoices).not.toContain(oldName);

    await admin.getByLabel("Đơn vị kế thừa").selectOption({ label: newName });
    await admin.getByLabel("Căn cứ, lý do").fill("Quyết định hợp nhất (kiểm thử)");
    await admin.getByRole("button", { name: "Hợp nhất vào đơn vị kế thừa" }).click();
    // Without the confirmation nothing happens.
    await admin.getByText("Hãy đánh dấu ô xác nhận trước khi thực hiện.").waitFor();
    await admin.getByLabel(/Tôi hiểu: việc hợp nhất không hoàn tác được/).check();
    await admin.getByRole("button", { name: "Hợp nhất vào đơn vị kế thừa" }).click();
    await admin.waitForURL(/done=merged/);
    await admin.getByRole("status").getByText(`Đã hợp nhất vào ${newName}: chuyển 1 nhiệm vụ chủ trì`).waitFor();
    await admin.getByText("Đơn vị này đã hợp nhất nên không sửa được").waitFor();
    expect(await admin.getByRole("button", { name: "Hợp nhất vào đơn vị kế thừa" }).count()).toBe(0);
    await expectAccessible(admin);

    // The task list: the open task is now led by the successor, the finished one keeps the old name.
    await admin.goto(`/tasks?directive=${fixture.directive}`);
    await admin.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" }).waitFor();
    const open = admin.locator(`tbody tr[data-task-id="${fixture.open}"]`);
    const done = admin.locator(`tbody tr[data-task-id="${fixture.done}"]`);
    expect(await open.innerText()).toContain(newName);
    expect(await done.innerText()).toContain(oldName);
    expect(await done.innerText()).not.toContain(newName);

    // The list shows the merger, and the successor lists its predecessor.
    await admin.goto("/admin/departments?status=inactive");
    expect(await admin.locator(`tr[data-department-id="${merged}"]`).innerText()).toContain(
      `Đã hợp nhất vào ${newName}`,
    );
    await admin.goto(`/admin/departments/${successor}`);
    await admin.getByRole("link", { name: oldName }).waitFor();
  });

  // axe-core cannot run in a page without JavaScript: these pages are checked in the test above.
  it("works without JavaScript, and refuses a taken code and a cycle in the hierarchy with clear messages", async () => {
    const page = await pages.signedIn("admin", { javaScriptEnabled: false });

    await page.goto("/admin/departments/new");
    await page.getByLabel("Mã đơn vị").fill("stttt");
    await page.getByLabel("Tên đơn vị").fill("Sở trùng mã");
    await page.getByLabel("Loại đơn vị").selectOption({ label: "Sở, ban, ngành" });
    await page.getByRole("button", { name: "Tạo đơn vị" }).click();
    await page.getByText("Mã đơn vị này đã được dùng").waitFor();
    expect(await page.getByLabel("Mã đơn vị").getAttribute("aria-invalid")).toBe("true");

    const parent = await createDepartment(page, `CHA${RUN}`, `Ban Thử nghiệm ${RUN}`);
    await page.goto("/admin/departments/new");
    await page.getByLabel("Mã đơn vị").fill(`CON${RUN}`);
    await page.getByLabel("Tên đơn vị").fill(`Phòng Thử nghiệm ${RUN}`);
    await page.getByLabel("Loại đơn vị").selectOption({ label: "Cơ quan, đơn vị khác" });
    await page.getByLabel("Trực thuộc").selectOption({ label: `Ban Thử nghiệm ${RUN}` });
    await page.getByRole("button", { name: "Tạo đơn vị" }).click();
    await page.waitForURL(/\/admin\/departments\/\d+\?done=created$/);
    const child = idInUrl(page);

    // The parent's own sub-unit is not offered as its parent…
    await page.goto(`/admin/departments/${parent}`);
    const parents = await page.getByLabel("Trực thuộc").locator("option").allInnerTexts();
    expect(parents).not.toContain(`Phòng Thử nghiệm ${RUN}`);
    // …and a crafted post that tries it anyway (on the version the page shows) is refused with the reason.
    const version = await page
      .locator('form:has(input[name="intent"][value="profile"]) input[name="version"]')
      .inputValue();
    const crafted = await page.request.post(`/admin/departments/${parent}`, {
      headers: { Origin: baseUrl() },
      form: { intent: "profile", version, name: `Ban Thử nghiệm ${RUN}`, kind: "department", parentId: String(child) },
    });
    expect(crafted.status()).toBe(400);
    expect(await crafted.text()).toContain("vòng lặp trong cơ cấu tổ chức");
  });
});
