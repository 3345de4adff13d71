// Accounts of a real deployment (app/models/production-accounts.server.ts): the check
// that refuses a production start while an account still takes a published password,
// and the first administrator made from the command line.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../db/schema";
import { loadDemoData } from "../../db/seed/demo";
import { DEMO_PASSWORD } from "../../app/domain/password-policy";
import { hashPassword, verifyPassword } from "../../app/lib/password.server";
import {
  accountsWithPublishedPasswords,
  activeAdministratorCount,
  createAdministrator,
} from "../../app/models/production-accounts.server";
import { freshDatabase } from "../setup/database";

const origin = { ipAddress: null, userAgent: "npm run admin:create", requestId: null };
const GOOD_PASSWORD = "Sở Nội vụ — mật khẩu 2026";

let realHash: string;
beforeAll(async () => {
  realHash = await hashPassword(GOOD_PASSWORD);
});

describe("accounts that still take a published password", () => {
  it("finds every active demo account, and none once they have their own passwords or are disabled", async () => {
    const db = freshDatabase();
    await loadDemoData(db);
    const demo = await accountsWithPublishedPasswords(db);
    expect(demo.map((a) => a.login).sort()).toEqual(
      db
        .select({ login: users.login })
        .from(users)
        .all()
        .map((u) => u.login)
        .sort(),
    );
    expect(demo).toHaveLength(9);

    // The administrator gets a password of their own, one head is disabled: the others remain.
    db.update(users).set({ passwordHash: realHash }).where(eq(users.login, "admin")).run();
    db.update(users).set({ active: false }).where(eq(users.login, "snv.truong")).run();
    expect((await accountsWithPublishedPasswords(db)).map((a) => a.login)).not.toContain("admin");
    expect((await accountsWithPublishedPasswords(db)).map((a) => a.login)).not.toContain("snv.truong");

    // Each of the others gets its own salted hash: nothing is left.
    for (const { login } of await accountsWithPublishedPasswords(db)) {
      db.update(users)
        .set({ passwordHash: await hashPassword(`${login} ${GOOD_PASSWORD}`) })
        .where(eq(users.login, login))
        .run();
    }
    expect(await accountsWithPublishedPasswords(db)).toEqual([]);
  });

  it("finds an administrator who was given the demo password by hand, even alone", async () => {
    const db = freshDatabase();
    const created = await createAdministrator(
      db,
      { login: "quantri", displayName: "Quản trị", email: null, password: GOOD_PASSWORD },
      origin,
    );
    expect(created.ok).toBe(true);
    expect(await accountsWithPublishedPasswords(db)).toEqual([]);
    db.update(users)
      .set({ passwordHash: await hashPassword(DEMO_PASSWORD) })
      .where(eq(users.login, "quantri"))
      .run();
    expect(await accountsWithPublishedPasswords(db)).toEqual([{ login: "quantri", role: "admin" }]);
  });
});

describe("createAdministrator (npm run admin:create)", () => {
  it("creates an active administrator with a hashed password and an audit event without an actor", async () => {
    const db = freshDatabase();
    expect(activeAdministratorCount(db)).toBe(0);
    const result = await createAdministrator(
      db,
      {
        login: " QuanTri ",
        displayName: " Quản trị hệ thống ",
        email: "quantri@hanoi.gov.vn",
        password: GOOD_PASSWORD,
      },
      origin,
    );
    expect(result.ok).toBe(true);
    const user = db.select().from(users).where(eq(users.login, "quantri")).get()!;
    expect(user).toMatchObject({ role: "admin", active: true, displayName: "Quản trị hệ thống", departmentId: null });
    expect(await verifyPassword(GOOD_PASSWORD, user.passwordHash)).toBe(true);
    expect(activeAdministratorCount(db)).toBe(1);
    const event = db.select().from(auditEvents).where(eq(auditEvents.action, "user.create")).get()!;
    expect(event).toMatchObject({ actorId: null, entityId: String(user.id), userAgent: "npm run admin:create" });
    expect(JSON.stringify(event.after)).not.toContain(user.passwordHash);
  });

  it("refuses a published or short password, the login as password, bad details and a taken login, writing nothing", async () => {
    const db = freshDatabase();
    const attempt = (login: string, password: string, displayName = "Quản trị", email: string | null = null) =>
      createAdministrator(db, { login, displayName, email, password }, origin);
    expect(await attempt("quantri", DEMO_PASSWORD)).toEqual({ ok: false, problem: "published" });
    expect(await attempt("quantri", "ngắn")).toEqual({ ok: false, problem: "too_short" });
    expect(await attempt("quantri.thanhpho", "QUANTRI.THANHPHO")).toEqual({ ok: false, problem: "same_as_login" });
    expect(await attempt("quản trị", GOOD_PASSWORD)).toEqual({ ok: false, problem: "login_invalid" });
    expect(await attempt("quantri", GOOD_PASSWORD, "  ")).toEqual({ ok: false, problem: "display_name_invalid" });
    expect(await attempt("quantri", GOOD_PASSWORD, "Quản trị", "không-phải-thư")).toEqual({
      ok: false,
      problem: "email_invalid",
    });
    expect(db.select().from(users).all()).toEqual([]);
    expect((await attempt("quantri", GOOD_PASSWORD)).ok).toBe(true);
    expect(await attempt("QUANTRI", `${GOOD_PASSWORD}!`)).toEqual({ ok: false, problem: "login_taken" });
    expect(db.select().from(users).all()).toHaveLength(1);
  });
});
