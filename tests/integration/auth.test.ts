// Sign-in, sessions, the login rate limit and the audit trail of them, on a real
// database (app/models/sessions.server.ts), and the login page's action through
// the route harness. Times are passed in (`now`), so nothing waits on the clock.
import { eq, gt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { safeRedirectPath } from "../../app/lib/http.server";
import { translate } from "../../app/lib/i18n";
import { localeCookie } from "../../app/lib/locale.server";
import { sessionCookie } from "../../app/server/auth.server";
import { isSameOriginRequest } from "../../app/lib/same-origin.server";
import type { RequestOrigin } from "../../app/models/audit.server";
import { signIn, signOut, userForSessionToken } from "../../app/models/sessions.server";
import { resetPassword } from "../../app/models/users.server";
import { SETTING_DEFAULTS } from "../../app/models/settings.server";
import { auditEvents, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { callRoute, TEST_CONTEXT, useFreshDemoDatabase, type RouteHandler } from "../setup/remix-harness";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * Model tests run two days ago, each in an hour of its own, so that their rate-limit
 * windows overlap neither each other nor the route tests, which run now.
 */
const T0 = Date.now() - 48 * HOUR;
const DAY = 24 * HOUR;

let db: AppDatabase;
beforeAll(async () => {
  db = await useFreshDemoDatabase();
});

/** Every test signs in from its own address: the per-address limit must not leak between tests. */
function from(ipAddress: string): RequestOrigin {
  return { ipAddress, userAgent: "Mozilla/5.0 (auth.test)", requestId: `req-${ipAddress}` };
}

async function signInOk(login: string, origin: RequestOrigin, now: number, previousToken: string | null = null) {
  const result = await signIn(db, { login, password: DEMO_PASSWORD, previousToken, origin }, now);
  if (!result.ok) throw new Error(`${login} could not sign in: ${result.reason}`);
  return result.token;
}

function auditSince(id: number) {
  return db.select().from(auditEvents).where(gt(auditEvents.id, id)).orderBy(auditEvents.id).all();
}
const lastAuditId = () => db.get<{ id: number }>(sql`SELECT max(id) AS id FROM audit_events`)?.id ?? 0;

describe("sessions", () => {
  it("a second sign-in rotates the session: a new token, and the one presented is revoked", async () => {
    const now = T0;
    const first = await signInOk("stttt.truong", from("10.1.0.1"), now);
    expect(userForSessionToken(db, first, now + 1000)?.login).toBe("stttt.truong");
    const second = await signInOk("stttt.truong", from("10.1.0.1"), now + 2000, first);
    expect(second).not.toBe(first);
    expect(userForSessionToken(db, first, now + 3000)).toBeNull();
    expect(userForSessionToken(db, second, now + 3000)?.login).toBe("stttt.truong");
  });

  it("a disabled user's open session stops working at once", async () => {
    const now = T0 + HOUR;
    const token = await signInOk("snv.truong", from("10.1.0.2"), now);
    expect(userForSessionToken(db, token, now + 1000)).not.toBeNull();
    db.update(users).set({ active: false }).where(eq(users.login, "snv.truong")).run();
    try {
      expect(userForSessionToken(db, token, now + 2000)).toBeNull();
      // Nor can the account sign in again.
      const again = await signIn(
        db,
        { login: "snv.truong", password: DEMO_PASSWORD, previousToken: null, origin: from("10.1.0.2") },
        now + 3000,
      );
      expect(again).toMatchObject({ ok: false, reason: "invalid" });
    } finally {
      db.update(users).set({ active: true }).where(eq(users.login, "snv.truong")).run();
    }
  });

  it("a session left idle too long ends; one in use lives on", async () => {
    const now = T0 + 2 * HOUR;
    const idle = SETTING_DEFAULTS["session.idle_minutes"] * MINUTE;
    const unused = await signInOk("syt.truong", from("10.1.0.3"), now);
    const used = await signInOk("sgddt.truong", from("10.1.0.3"), now);
    expect(userForSessionToken(db, used, now + idle - MINUTE)).not.toBeNull();
    expect(userForSessionToken(db, unused, now + idle)).toBeNull();
    // The use at idle − 1 minute restarted the idle clock.
    expect(userForSessionToken(db, used, now + 2 * idle - 2 * MINUTE)).not.toBeNull();
  });

  it("a session ends at its absolute lifetime, however much it is used", async () => {
    const now = T0 + 3 * HOUR;
    const lifetime = SETTING_DEFAULTS["session.absolute_hours"] * HOUR;
    const token = await signInOk("lanhdao2", from("10.1.0.4"), now);
    for (let at = now + 30 * MINUTE; at < now + lifetime; at += 30 * MINUTE) {
      expect(userForSessionToken(db, token, at), `at +${(at - now) / MINUTE} min`).not.toBeNull();
    }
    expect(userForSessionToken(db, token, now + lifetime - 1)).not.toBeNull();
    expect(userForSessionToken(db, token, now + lifetime)).toBeNull();
  });

  it("signing out ends the session", async () => {
    const now = T0 + 4 * HOUR;
    const token = await signInOk("lanhdao", from("10.1.0.5"), now);
    signOut(db, userForSessionToken(db, token, now + 1000)!, from("10.1.0.5"), now + 2000);
    expect(userForSessionToken(db, token, now + 3000)).toBeNull();
  });
});

/** The lock tests run weeks ago, a day each: the account's count spans a day, and must not mix theirs. */
const LOCKS_T0 = Date.now() - 40 * DAY;

describe("the sign-in locks", () => {
  const attempt = (login: string, password: string, origin: RequestOrigin, now: number, deviceToken?: string) =>
    signIn(db, { login, password, previousToken: null, origin, deviceToken }, now);
  const perPair = SETTING_DEFAULTS["login.max_failures_per_pair"];
  const perAccount = SETTING_DEFAULTS["login.max_failures_per_account"];
  const window = SETTING_DEFAULTS["login.failure_window_minutes"] * MINUTE;
  const userId = (login: string) => db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id;

  /** `count` wrong passwords for `login`, from `address`, one a second from `now`. */
  async function guess(login: string, address: (i: number) => string, count: number, now: number) {
    for (let i = 0; i < count; i++) {
      const result = await attempt(login, `wrong-${i}`, from(address(i)), now + i * 1000);
      expect(result, `guess ${i + 1}`).toMatchObject({ ok: false, reason: "invalid" });
    }
  }

  it("a colleague cannot lock a leader out: ten wrong guesses lock the colleague's address only, and the leader's own browser gets through even there", async () => {
    const now = LOCKS_T0 + 0 * DAY;
    // The chair signed in before: at the office (10.2.0.1), on her own browser.
    const browser = "trinh-duyet-cua-lanh-dao";
    expect((await attempt("lanhdao", DEMO_PASSWORD, from("10.2.0.1"), now - HOUR, browser)).ok).toBe(true);
    // A colleague guesses her password from another address.
    await guess("lanhdao", () => "10.2.0.7", perPair, now);
    const locked = await attempt("lanhdao", DEMO_PASSWORD, from("10.2.0.7"), now + 20_000);
    expect(locked).toMatchObject({ ok: false, reason: "locked", lock: { scope: "pair", until: now + window } });
    // From her usual address she signs in as always.
    expect((await attempt("lanhdao", DEMO_PASSWORD, from("10.2.0.1"), now + 21_000)).ok).toBe(true);
    // Behind the same address as the colleague (one office, one public address), her browser gets her in.
    expect((await attempt("lanhdao", DEMO_PASSWORD, from("10.2.0.7"), now + 22_000, browser)).ok).toBe(true);
    // A wrong password on her browser is still a wrong password.
    expect(await attempt("lanhdao", "wrong-again", from("10.2.0.7"), now + 23_000, browser)).toMatchObject({
      reason: "invalid",
    });
    // The colleague's address is let go when the window has passed.
    expect((await attempt("lanhdao", DEMO_PASSWORD, from("10.2.0.7"), now + 9_000 + window)).ok).toBe(true);
  });

  it("tells the owner and the administrators when a lock starts, once, and audits it for the administrators", async () => {
    const now = LOCKS_T0 + 1 * DAY;
    const owner = userId("lanhdao2");
    const admins = db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).all();
    const before = lastAuditId();
    const notifications = () =>
      db.all<{ userId: number; params: string }>(
        sql`SELECT user_id AS userId, params FROM notifications WHERE kind = 'sign_in_locked' AND created_at >= ${now}`,
      );
    await guess("lanhdao2", () => "10.3.0.9", perPair, now);
    const told = notifications();
    expect(told.map((n) => n.userId).sort()).toEqual([owner, ...admins.map((a) => a.id)].sort());
    expect(JSON.parse(told[0]!.params)).toEqual({
      lock: "pair",
      login: "lanhdao2",
      address: "10.3.0.9",
      count: perPair,
      until: now + window,
    });
    expect(
      auditSince(before)
        .filter((e) => e.action === "auth.login_locked")
        .map((e) => [e.entityId, e.after]),
    ).toEqual([
      [String(owner), { lock: "pair", login: "lanhdao2", address: "10.3.0.9", failures: perPair, until: now + window }],
    ]);
    // The refused attempts that follow are audited, and tell nobody again.
    const refused = await attempt("lanhdao2", "another-guess", from("10.3.0.9"), now + 60_000);
    expect(refused).toMatchObject({ reason: "locked" });
    expect(auditSince(before).at(-1)).toMatchObject({ action: "auth.login_rate_limited", after: { lock: "pair" } });
    expect(notifications()).toHaveLength(told.length);
  });

  it("a guess spread over many addresses makes the account back off, doubling the wait; a known address or browser still gets through", async () => {
    const now = LOCKS_T0 + 2 * DAY;
    const browser = "trinh-duyet-so-noi-vu";
    expect((await attempt("snv.truong", DEMO_PASSWORD, from("10.4.0.1"), now - HOUR, browser)).ok).toBe(true);
    // One guess from each of many addresses: no address reaches its own limit.
    await guess("snv.truong", (i) => `10.4.1.${i}`, perAccount, now);
    const last = now + (perAccount - 1) * 1000;
    const backedOff = await attempt("snv.truong", DEMO_PASSWORD, from("10.4.2.1"), last + 1000);
    expect(backedOff).toMatchObject({ ok: false, reason: "locked", lock: { scope: "account", until: last + window } });
    // The owner, from where she signed in before, or on her browser from anywhere, gets in.
    expect((await attempt("snv.truong", DEMO_PASSWORD, from("10.4.0.1"), last + 2000)).ok).toBe(true);
    expect((await attempt("snv.truong", DEMO_PASSWORD, from("10.4.2.2"), last + 3000, browser)).ok).toBe(true);
    // Her sign-ins do not reset the guesser's back-off; the next guess comes after the window…
    expect(await attempt("snv.truong", "wrong", from("10.4.2.3"), last + window - 1000)).toMatchObject({
      reason: "locked",
    });
    expect(await attempt("snv.truong", "wrong", from("10.4.2.3"), last + window)).toMatchObject({ reason: "invalid" });
    // …and the one after it twice as long after.
    const next = last + window;
    expect(await attempt("snv.truong", DEMO_PASSWORD, from("10.4.2.4"), next + 1000)).toMatchObject({
      lock: { scope: "account", until: next + 2 * window },
    });
  });

  it("a known browser on which wrong passwords are typed is trusted no more", async () => {
    const now = LOCKS_T0 + 3 * DAY;
    const browser = "trinh-duyet-bi-danh-cap";
    expect((await attempt("syt.truong", DEMO_PASSWORD, from("10.5.0.1"), now - HOUR, browser)).ok).toBe(true);
    for (let i = 0; i < perPair; i++) {
      expect(await attempt("syt.truong", `wrong-${i}`, from("10.5.0.9"), now + i * 1000, browser)).toMatchObject({
        reason: "invalid",
      });
    }
    expect(await attempt("syt.truong", DEMO_PASSWORD, from("10.5.0.9"), now + 60_000, browser)).toMatchObject({
      reason: "locked",
    });
  });

  it("refuses an address that has failed too often, whatever the account; other addresses are not affected", async () => {
    const now = LOCKS_T0 + 4 * DAY;
    const limit = SETTING_DEFAULTS["login.max_failures_per_address"];
    // Many accounts (most of them unknown), a few guesses each: under the per-pair limit.
    for (let i = 0; i < limit; i++) {
      const result = await attempt(`guess${i % 10}`, `wrong-${i}`, from("10.6.0.1"), now + i * 100);
      expect(result, `attempt ${i + 1}`).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(await attempt("lanhdao", DEMO_PASSWORD, from("10.6.0.1"), now + 10_000)).toMatchObject({
      ok: false,
      reason: "locked",
      lock: { scope: "address" },
    });
    expect((await attempt("lanhdao", DEMO_PASSWORD, from("10.6.0.2"), now + 11_000)).ok).toBe(true);
  }, 60_000);

  it("guesses sent all at once get no more tries than guesses sent one by one", async () => {
    const now = LOCKS_T0 + 6 * DAY;
    // Each password is checked while the others wait for theirs: the lock is judged again once it is.
    const burst = await Promise.all(
      Array.from({ length: perPair + 5 }, (_, i) => attempt("stttt.chuyenvien", `wrong-${i}`, from("10.8.0.1"), now)),
    );
    expect(burst.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(perPair);
    expect(burst.filter((result) => !result.ok && result.reason === "locked")).toHaveLength(5);
    expect(await attempt("stttt.chuyenvien", DEMO_PASSWORD, from("10.8.0.1"), now + 1000)).toMatchObject({
      reason: "locked",
      lock: { scope: "pair" },
    });
  });

  it("an administrator's new password ends the account's lock", async () => {
    const now = LOCKS_T0 + 5 * DAY;
    await guess("sgddt.truong", (i) => `10.7.1.${i}`, perAccount, now);
    expect(await attempt("sgddt.truong", DEMO_PASSWORD, from("10.7.2.1"), now + 60_000)).toMatchObject({
      lock: { scope: "account" },
    });
    const admin = db.select().from(users).where(eq(users.role, "admin")).get()!;
    const reset = await resetPassword(
      db,
      { id: admin.id, role: "admin", departmentId: null },
      { userId: userId("sgddt.truong"), password: "Mat-khau-moi-2026" },
      from("10.7.0.1"),
      now + 61_000,
    );
    expect(reset.ok).toBe(true);
    expect((await attempt("sgddt.truong", "Mat-khau-moi-2026", from("10.7.2.1"), now + 62_000)).ok).toBe(true);
  });
});

describe("the audit trail", () => {
  it("records every sign-in, failed sign-in and logout, with the request's origin", async () => {
    const now = T0 + 7 * HOUR;
    const origin = from("10.4.0.1");
    const before = lastAuditId();
    await signIn(db, { login: "vanphong", password: "Guess-4711", previousToken: null, origin }, now);
    await signIn(db, { login: "nobody", password: "Guess-4711", previousToken: null, origin }, now + 1000);
    const token = await signInOk("vanphong", origin, now + 2000);
    signOut(db, userForSessionToken(db, token, now + 3000)!, origin, now + 4000);
    const vanphong = db.select({ id: users.id }).from(users).where(eq(users.login, "vanphong")).get()!.id;
    const events = auditSince(before).map((e) => ({
      action: e.action,
      actorId: e.actorId,
      entity: `${e.entityType}:${e.entityId}`,
      after: e.after,
      at: e.at,
      origin: [e.ipAddress, e.userAgent, e.requestId],
    }));
    const originColumns = [origin.ipAddress, origin.userAgent, origin.requestId];
    expect(events).toEqual([
      {
        action: "auth.login_failed",
        actorId: vanphong,
        entity: `user:${vanphong}`,
        after: { reason: "wrong_password" },
        at: now,
        origin: originColumns,
      },
      {
        action: "auth.login_failed",
        actorId: null,
        entity: "user:nobody",
        after: { reason: "unknown_login" },
        at: now + 1000,
        origin: originColumns,
      },
      {
        action: "auth.login",
        actorId: vanphong,
        entity: `user:${vanphong}`,
        after: null,
        at: now + 2000,
        origin: originColumns,
      },
      {
        action: "auth.logout",
        actorId: vanphong,
        entity: `user:${vanphong}`,
        after: null,
        at: now + 4000,
        origin: originColumns,
      },
    ]);
    // The password typed is never recorded.
    expect(JSON.stringify(auditSince(before))).not.toContain("Guess-4711");
  });

  it("is append-only: UPDATE and DELETE on audit_events fail", () => {
    const id = lastAuditId();
    /** SQLite's refusal (drizzle wraps it: the trigger's message is the cause). */
    const refusal = (statement: () => unknown): string => {
      try {
        statement();
      } catch (error) {
        return String((error as Error).cause ?? error);
      }
      return "accepted";
    };
    expect(refusal(() => db.run(sql`UPDATE audit_events SET action = 'auth.nothing' WHERE id = ${id}`))).toMatch(
      /audit_events_append_only/,
    );
    expect(refusal(() => db.update(auditEvents).set({ after: null }).run())).toMatch(/audit_events_append_only/);
    expect(refusal(() => db.run(sql`DELETE FROM audit_events WHERE id = ${id}`))).toMatch(/audit_events_append_only/);
    expect(refusal(() => db.delete(auditEvents).run())).toMatch(/audit_events_append_only/);
    expect(db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.id, id)).get()).not.toEqual(
      {
        action: "auth.nothing",
      },
    );
    expect(lastAuditId()).toBe(id);
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["//evil.com"],
    ["//evil.com/tasks"],
    ["https://evil.com"],
    ["http://evil.com/"],
    ["/\\evil.com"],
    ["\\\\evil.com"],
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["/tasks\n//evil.com"],
    ["/\t/evil.com"],
    ["/tasks\u0000"],
    [""],
    ["tasks"],
  ])("refuses %j", (to) => {
    expect(safeRedirectPath(to, "/")).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/tasks")).toBe("/tasks");
  });

  it.each([["/tasks?status=overdue"], ["/"], ["/directives/3?asOf=31%2F12%2F2019"], ["/tasks#history"]])(
    "keeps %j",
    (to) => {
      expect(safeRedirectPath(to)).toBe(to);
    },
  );
});

describe("isSameOriginRequest", () => {
  const own = "http://localhost:3000";
  it.each([
    ["GET", {}, true],
    ["HEAD", { origin: "https://evil.example" }, true],
    ["OPTIONS", {}, true],
    ["POST", { origin: own }, true],
    ["post", { origin: own }, true],
    ["POST", { referer: `${own}/tasks/3` }, true],
    ["POST", { origin: own, referer: "https://evil.example/" }, true],
    ["POST", {}, false],
    ["POST", { origin: "https://evil.example" }, false],
    ["POST", { origin: "null" }, false],
    ["POST", { origin: "http://localhost:3001" }, false],
    ["POST", { origin: "https://localhost:3000" }, false],
    ["POST", { origin: "http://localhost:3000.evil.example" }, false],
    ["POST", { referer: "https://evil.example/?http://localhost:3000" }, false],
    ["POST", { referer: "not a url" }, false],
    ["DELETE", { origin: "https://evil.example" }, false],
    ["PUT", {}, false],
  ] as const)("%s %j → %s", (method, headers, expected) => {
    expect(isSameOriginRequest(method, headers, own)).toBe(expected);
  });
});

describe("the login page (route action, in-process)", () => {
  let action: RouteHandler;
  let loader: RouteHandler;
  beforeAll(async () => {
    ({ action, loader } = await import("../../app/routes/login/route"));
  });

  it("a wrong password: 400 with the translated message, and no cookie", async () => {
    const outcome = await callRoute(action, {
      path: "/login",
      method: "POST",
      form: { login: "vanphong", password: "wrong-password", redirectTo: "/tasks" },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(outcome.body)).toContain(translate("vi", "auth.login.invalid"));
    expect(JSON.stringify(outcome.body), "the password is not sent back").not.toContain("wrong-password");
    const failed = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.login_failed"))
      .orderBy(sql`id DESC`)
      .get();
    expect([failed?.ipAddress, failed?.requestId]).toEqual([TEST_CONTEXT.clientIp, TEST_CONTEXT.requestId]);
  });

  it("answers in English to an English reader", async () => {
    const outcome = await callRoute(action, {
      path: "/login",
      method: "POST",
      form: { login: "vanphong", password: "wrong-password" },
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0]! },
    });
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.body)).toContain(translate("en", "auth.login.invalid"));
  });

  it("a successful sign-in with redirectTo=//evil.com stays on the site: 302 to /, with the session cookie", async () => {
    const outcome = await callRoute(action, {
      path: "/login?redirectTo=%2F%2Fevil.com",
      method: "POST",
      form: { login: "vanphong", password: DEMO_PASSWORD, redirectTo: "//evil.com" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    const cookie = outcome.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^dt_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("a sign-in sent back to a page whose address holds Vietnamese: 302 to it percent-encoded, the cookies, one session", async () => {
    const before = {
      audit: lastAuditId(),
      sessions: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sessions`)!.n,
    };
    const outcome = await callRoute(action, {
      path: "/login",
      method: "POST",
      form: { login: "vanphong", password: DEMO_PASSWORD, redirectTo: "/search?q=đào tạo" },
    });
    // It was a 500 (a Location header carries only Latin-1) after the session and its audit event were written.
    expect([outcome.status, outcome.location]).toEqual([302, "/search?q=%C4%91%C3%A0o%20t%E1%BA%A1o"]);
    const token = /dt_session=([^;]+)/.exec(outcome.headers.get("Set-Cookie") ?? "")![1]!;
    expect(outcome.headers.get("Set-Cookie")).toMatch(/dt_device=[^;]+;.*Max-Age=\d+/);
    const session = (await sessionCookie.parse(`dt_session=${token}`)) as string;
    expect(userForSessionToken(db, session)?.login).toBe("vanphong");
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sessions`)!.n).toBe(before.sessions + 1);
    expect(auditSince(before.audit).map((e) => e.action)).toEqual(["auth.login"]);
  });

  it("the language switch goes back to a page whose address holds Vietnamese", async () => {
    const { action: switchLanguage } = await import("../../app/routes/language");
    const outcome = await callRoute(switchLanguage, {
      path: "/language",
      method: "POST",
      form: { locale: "en", redirectTo: "/tasks?q=Sở TT&TT" },
    });
    expect([outcome.status, outcome.location]).toEqual([302, "/tasks?q=S%E1%BB%9F%20TT&TT"]);
  });

  it("a locked sign-in: 429 with the translated reason and how long, and no cookie", async () => {
    const limit = SETTING_DEFAULTS["login.max_failures_per_pair"];
    const post = (password: string) =>
      callRoute(action, {
        path: "/login",
        method: "POST",
        form: { login: "stttt.chuyenvien", password },
        clientIp: "10.8.0.1",
      });
    for (let i = 0; i < limit; i++) expect((await post(`wrong-${i}`)).status).toBe(400);
    const outcome = await post(DEMO_PASSWORD);
    expect(outcome.status).toBe(429);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(outcome.body)).toContain(
      translate("vi", "auth.login.locked.pair", { minutes: SETTING_DEFAULTS["login.failure_window_minutes"] }),
    );
  });

  it("a successful sign-in goes back to the page asked for", async () => {
    const outcome = await callRoute(action, {
      path: "/login",
      method: "POST",
      form: { login: "vanphong", password: DEMO_PASSWORD, redirectTo: "/tasks?status=overdue" },
    });
    expect([outcome.status, outcome.location]).toEqual([302, "/tasks?status=overdue"]);
  });

  it("the login page sends a signed-in user on, never off-site", async () => {
    const signedIn = await callRoute(action, {
      path: "/login",
      method: "POST",
      form: { login: "lanhdao", password: DEMO_PASSWORD },
    });
    const token = /^dt_session=([^;]+)/.exec(signedIn.headers.get("Set-Cookie") ?? "")![1]!;
    const outcome = await callRoute(loader, {
      path: "/login?redirectTo=https%3A%2F%2Fevil.com",
      headers: { Cookie: `dt_session=${token}` },
    });
    expect([outcome.status, outcome.location]).toEqual([302, "/"]);
  });
});
