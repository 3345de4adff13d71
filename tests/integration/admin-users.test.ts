// User administration (app/models/users.server.ts) on a real, migrated database:
// every change is one transaction with its audit event; refused input changes
// nothing; disabling, resetting a password and ending sessions take effect on the
// very next request.
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, departments, sessions, users } from "../../db/schema";
import type { AppDatabase } from "../../app/models/db.server";
import { hashPassword, verifyPassword } from "../../app/lib/password.server";
import type { RequestOrigin } from "../../app/models/audit.server";
import { signIn, userForSessionToken } from "../../app/models/sessions.server";
import {
  createUser,
  endSessions,
  resetPassword,
  setUserActive,
  updateUser,
  type AdminActor,
  type NewUserInput,
} from "../../app/models/users.server";
import { freshDatabase } from "../setup/database";

const origin: RequestOrigin = { ipAddress: "203.0.113.7", userAgent: "vitest", requestId: "test" };
const ADMIN_PASSWORD = "quản-trị-viên-2019";
const NEW_PASSWORD = "mật khẩu mới 2025";

let adminHash: string;
let db: AppDatabase;
let admin: AdminActor;
let sttt: number;
let skhcn: number;
let dissolved: number;

beforeAll(async () => {
  adminHash = await hashPassword(ADMIN_PASSWORD);
});

beforeEach(() => {
  db = freshDatabase();
  const inserted = db
    .insert(departments)
    .values([
      { code: "STTTT", name: "Sở Thông tin và Truyền thông", kind: "department" },
      { code: "SKHCN", name: "Sở Khoa học và Công nghệ", kind: "department" },
      { code: "SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: "department", active: false, dissolvedOn: "2025-03-01" },
    ])
    .returning({ id: departments.id })
    .all();
  [sttt, skhcn, dissolved] = inserted.map((d) => d.id) as [number, number, number];
  const { id } = db
    .insert(users)
    .values({ login: "admin", displayName: "Quản trị hệ thống", passwordHash: adminHash, role: "admin" })
    .returning({ id: users.id })
    .get();
  admin = { id, role: "admin", departmentId: null };
});

const officer = (overrides: Partial<NewUserInput> = {}): NewUserInput => ({
  login: "stttt.chuyenvien2",
  displayName: "Nguyễn Văn Bình",
  email: "binh@hanoi.gov.vn",
  role: "dept_officer",
  departmentId: sttt,
  password: "Mật khẩu ban đầu!",
  ...overrides,
});

/** Everything an administration call could have touched. */
function state() {
  return {
    users: db.select().from(users).orderBy(asc(users.id)).all(),
    sessions: db.select().from(sessions).orderBy(asc(sessions.id)).all(),
    audit: db.select().from(auditEvents).orderBy(asc(auditEvents.id)).all(),
  };
}

function auditOf(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id)).all();
}

async function sessionFor(login: string, password: string): Promise<string> {
  const result = await signIn(db, { login, password, previousToken: null, origin });
  if (!result.ok) throw new Error(`could not sign in as ${login}: ${result.reason}`);
  return result.token;
}

async function newOfficer(overrides: Partial<NewUserInput> = {}): Promise<number> {
  const result = await createUser(db, admin, officer(overrides), origin);
  if (!result.ok) throw new Error(`could not create the user: ${result.code}`);
  return result.userId;
}

describe("creating a user", () => {
  it("stores the account with a hashed password and audits it without the hash", async () => {
    const result = await createUser(db, admin, officer({ login: "  STTTT.ChuyenVien2 " }), origin);
    expect(result).toEqual({ ok: true, userId: expect.any(Number) });
    if (!result.ok) return;
    const row = db.select().from(users).where(eq(users.id, result.userId)).get()!;
    expect(row).toMatchObject({
      login: "stttt.chuyenvien2",
      displayName: "Nguyễn Văn Bình",
      email: "binh@hanoi.gov.vn",
      role: "dept_officer",
      departmentId: sttt,
      active: true,
    });
    expect(row.passwordHash).not.toContain("Mật khẩu");
    expect(await verifyPassword("Mật khẩu ban đầu!", row.passwordHash)).toBe(true);

    const [event] = auditOf("user.create");
    expect(event).toMatchObject({ actorId: admin.id, entityType: "user", entityId: String(result.userId) });
    expect(event!.after).toMatchObject({ login: "stttt.chuyenvien2", role: "dept_officer", passwordChanged: true });
    expect(event!.ipAddress).toBe(origin.ipAddress);
    const stored = JSON.stringify([event!.before, event!.after]);
    expect(stored).not.toContain(row.passwordHash);
    expect(stored).not.toContain("Mật khẩu ban đầu!");

    // The new user can sign in (with the login in any case).
    expect(userForSessionToken(db, await sessionFor("STTTT.chuyenvien2", "Mật khẩu ban đầu!"))?.id).toBe(result.userId);
  });

  it("does not require a department for roles without one, but accepts one", async () => {
    const leader = await createUser(
      db,
      admin,
      officer({ login: "lanhdao3", role: "leadership", departmentId: null }),
      origin,
    );
    const secretariat = await createUser(db, admin, officer({ login: "vanphong2", role: "secretariat" }), origin);
    expect(leader.ok && secretariat.ok).toBe(true);
  });

  it("refuses bad input and changes nothing", async () => {
    const before = state();
    const cases: [Partial<NewUserInput>, string, string | undefined][] = [
      [{ login: "" }, "invalid", "login"],
      [{ login: "ab" }, "invalid", "login"],
      [{ login: "x".repeat(51) }, "invalid", "login"],
      [{ login: "tên có dấu" }, "invalid", "login"],
      [{ displayName: "   " }, "invalid", "displayName"],
      [{ displayName: "N".repeat(151) }, "invalid", "displayName"],
      [{ email: "not-an-email" }, "invalid", "email"],
      [{ password: "ngắn quá" }, "invalid", "password"],
      [{ password: "p".repeat(201) }, "invalid", "password"],
      [{ role: "superuser" as never }, "invalid", "role"],
      [{ departmentId: null }, "department_required", "departmentId"],
      [{ role: "dept_lead", departmentId: null }, "department_required", "departmentId"],
      [{ departmentId: 999_999 }, "department_unknown", "departmentId"],
      [{ departmentId: dissolved }, "department_inactive", "departmentId"],
      [{ login: "ADMIN" }, "login_taken", "login"],
    ];
    for (const [overrides, code, field] of cases) {
      const result = await createUser(db, admin, officer(overrides), origin);
      expect(result, JSON.stringify(overrides)).toEqual({ ok: false, code, field });
    }
    expect(state()).toEqual(before);
  });

  it("a double submission creates one user and explains the second", async () => {
    const [first, second] = await Promise.all([
      createUser(db, admin, officer(), origin),
      createUser(db, admin, officer({ login: "Stttt.Chuyenvien2" }), origin),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r.ok)).toEqual({ ok: false, code: "login_taken", field: "login" });
    expect(
      db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE lower(login) = 'stttt.chuyenvien2'`)?.n,
    ).toBe(1);
    expect(auditOf("user.create")).toHaveLength(1);
  });
});

describe("editing a user", () => {
  it("changes name, email, role and department, and audits only what changed", async () => {
    const userId = await newOfficer();
    const result = updateUser(
      db,
      admin,
      { userId, displayName: "Nguyễn Văn Bình", email: null, role: "dept_lead", departmentId: skhcn },
      origin,
    );
    expect(result).toEqual({ ok: true, changed: true });
    expect(db.select().from(users).where(eq(users.id, userId)).get()).toMatchObject({
      displayName: "Nguyễn Văn Bình",
      email: null,
      role: "dept_lead",
      departmentId: skhcn,
    });
    const [event] = auditOf("user.update");
    expect(event!.before).toEqual({ email: "binh@hanoi.gov.vn", role: "dept_officer", departmentId: sttt });
    // The version the edit made: a form opened before it is stale, and its conflict lists these changes.
    expect(event!.after).toEqual({ email: null, role: "dept_lead", departmentId: skhcn, version: 2 });
  });

  it("saving the form unchanged writes nothing", async () => {
    const userId = await newOfficer();
    const before = state();
    const row = before.users.find((u) => u.id === userId)!;
    expect(updateUser(db, admin, { userId, ...row }, origin)).toEqual({ ok: true, changed: false });
    expect(state()).toEqual(before);
  });

  it("refuses bad input, a missing department, an inactive one, and an administrator demoting themself", async () => {
    const userId = await newOfficer();
    const before = state();
    const profile = { userId, displayName: "B", email: null, role: "dept_officer" as const, departmentId: sttt };
    expect(updateUser(db, admin, { ...profile, displayName: "" }, origin)).toMatchObject({ code: "invalid" });
    expect(updateUser(db, admin, { ...profile, departmentId: null }, origin)).toMatchObject({
      code: "department_required",
    });
    expect(updateUser(db, admin, { ...profile, departmentId: dissolved }, origin)).toMatchObject({
      code: "department_inactive",
    });
    expect(updateUser(db, admin, { ...profile, userId: 999_999 }, origin)).toMatchObject({ code: "not_found" });
    expect(
      updateUser(
        db,
        admin,
        { userId: admin.id, displayName: "Quản trị", email: null, role: "secretariat", departmentId: sttt },
        origin,
      ),
    ).toEqual({ ok: false, code: "self_demote", field: "role" });
    expect(state()).toEqual(before);
    // Their own name they may change.
    expect(
      updateUser(
        db,
        admin,
        { userId: admin.id, displayName: "Quản trị", email: null, role: "admin", departmentId: null },
        origin,
      ),
    ).toEqual({ ok: true, changed: true });
  });
});

describe("disabling and re-enabling", () => {
  it("disabling ends every session of the user at once, in the same transaction as the audit", async () => {
    const userId = await newOfficer();
    const phone = await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!");
    const desk = await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!");
    const adminSession = await sessionFor("admin", ADMIN_PASSWORD);
    expect(userForSessionToken(db, phone)?.id).toBe(userId);

    const result = setUserActive(db, admin, { userId, active: false }, origin);
    expect(result).toEqual({ ok: true, changed: true, sessionsEnded: 2 });
    expect(userForSessionToken(db, phone)).toBeNull();
    expect(userForSessionToken(db, desk)).toBeNull();
    expect(userForSessionToken(db, adminSession)?.id).toBe(admin.id);
    const revoked = db.select().from(sessions).where(eq(sessions.userId, userId)).all();
    expect(revoked.every((s) => s.revokedAt !== null)).toBe(true);
    const [event] = auditOf("user.disable");
    expect(event).toMatchObject({ entityId: String(userId), before: { active: true } });
    expect(event!.after).toEqual({ active: false, sessionsEnded: 2, version: 2 });
    // All written at the same instant: one transaction.
    expect(new Set([...revoked.map((s) => s.revokedAt), event!.at]).size).toBe(1);

    expect(
      await signIn(db, { login: "stttt.chuyenvien2", password: "Mật khẩu ban đầu!", previousToken: null, origin }),
    ).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("a second disable changes nothing; re-enabling lets the user sign in again, old sessions stay ended", async () => {
    const userId = await newOfficer();
    const old = await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!");
    setUserActive(db, admin, { userId, active: false }, origin);
    const before = state();
    expect(setUserActive(db, admin, { userId, active: false }, origin)).toEqual({
      ok: true,
      changed: false,
      sessionsEnded: 0,
    });
    expect(state()).toEqual(before);

    expect(setUserActive(db, admin, { userId, active: true }, origin)).toEqual({
      ok: true,
      changed: true,
      sessionsEnded: 0,
    });
    expect(auditOf("user.enable")).toHaveLength(1);
    expect(userForSessionToken(db, old)).toBeNull();
    expect(userForSessionToken(db, await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!"))?.id).toBe(userId);
  });

  it("an administrator cannot disable themself", async () => {
    const mine = await sessionFor("admin", ADMIN_PASSWORD);
    const before = state();
    expect(setUserActive(db, admin, { userId: admin.id, active: false }, origin)).toEqual({
      ok: false,
      code: "self_disable",
    });
    expect(state()).toEqual(before);
    expect(userForSessionToken(db, mine)?.id).toBe(admin.id);
  });

  it("does not re-enable a user whose department has been dissolved", async () => {
    const userId = await newOfficer();
    setUserActive(db, admin, { userId, active: false }, origin);
    db.update(users).set({ departmentId: dissolved }).where(eq(users.id, userId)).run();
    const before = state();
    expect(setUserActive(db, admin, { userId, active: true }, origin)).toMatchObject({
      ok: false,
      code: "department_inactive",
    });
    expect(state()).toEqual(before);
  });
});

describe("passwords and sessions", () => {
  it("a password reset sets the typed password, ends the sessions, and audits no hash", async () => {
    const userId = await newOfficer();
    const old = await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!");
    const oldHash = db.select().from(users).where(eq(users.id, userId)).get()!.passwordHash;

    expect(await resetPassword(db, admin, { userId, password: NEW_PASSWORD }, origin)).toEqual({
      ok: true,
      sessionsEnded: 1,
    });
    expect(userForSessionToken(db, old)).toBeNull();
    const newHash = db.select().from(users).where(eq(users.id, userId)).get()!.passwordHash;
    expect(await verifyPassword(NEW_PASSWORD, newHash)).toBe(true);
    expect(await verifyPassword("Mật khẩu ban đầu!", newHash)).toBe(false);
    const [event] = auditOf("user.password_reset");
    expect(event!.after).toEqual({ passwordChanged: true, sessionsEnded: 1, version: 2 });
    const stored = JSON.stringify([event!.before, event!.after]);
    for (const secret of [oldHash, newHash, NEW_PASSWORD]) expect(stored).not.toContain(secret);
  });

  it("refuses a short password and changes nothing", async () => {
    const userId = await newOfficer();
    await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!");
    const before = state();
    expect(await resetPassword(db, admin, { userId, password: "123456789" }, origin)).toEqual({
      ok: false,
      code: "invalid",
      field: "password",
    });
    expect(await resetPassword(db, admin, { userId: 999_999, password: NEW_PASSWORD }, origin)).toMatchObject({
      code: "not_found",
    });
    expect(state()).toEqual(before);
  });

  it("ending all sessions signs the user out everywhere; an administrator keeps the session they act from", async () => {
    const userId = await newOfficer();
    const tokens = [
      await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!"),
      await sessionFor("stttt.chuyenvien2", "Mật khẩu ban đầu!"),
    ];
    const userBefore = db.select().from(users).where(eq(users.id, userId)).get();
    expect(endSessions(db, admin, { userId }, origin)).toEqual({ ok: true, sessionsEnded: 2 });
    for (const token of tokens) expect(userForSessionToken(db, token)).toBeNull();
    expect(db.select().from(users).where(eq(users.id, userId)).get()).toEqual(userBefore);
    expect(auditOf("user.sessions_end")[0]!.after).toEqual({ sessionsEnded: 2 });

    const current = await sessionFor("admin", ADMIN_PASSWORD);
    const other = await sessionFor("admin", ADMIN_PASSWORD);
    const me = { ...admin, sessionId: userForSessionToken(db, current)!.sessionId };
    expect(endSessions(db, me, { userId: admin.id }, origin)).toEqual({ ok: true, sessionsEnded: 1 });
    expect(userForSessionToken(db, current)?.id).toBe(admin.id);
    expect(userForSessionToken(db, other)).toBeNull();
  });
});
