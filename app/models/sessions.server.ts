// Sign-in, sessions and the login rate limit. Sessions live in the database so
// they can be revoked: logout, a disabled account, or an admin ending them all
// take effect on the very next request.
import crypto from "node:crypto";
import { and, count, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { departments, loginAttempts, sessions, users } from "../../db/schema";
import type { Locale, Role } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase } from "../lib/db.server";
import { verifyPassword } from "../lib/password.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { getSettings } from "./settings.server";

const MINUTE = 60_000;
/** Bookkeeping writes for "last seen" at most this often per session. */
const LAST_SEEN_RESOLUTION = MINUTE;

export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  sessionId: string;
}

/** The database keeps only a hash of the token, so a copy of it cannot be replayed. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

function prepareSessionLookup(db: AppDatabase) {
  return db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      departmentId: users.departmentId,
      departmentName: departments.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare();
}

/** Every request looks its session up (twice: the root and the page): the statement is built once per connection. */
const sessionLookups = new WeakMap<AppDatabase, ReturnType<typeof prepareSessionLookup>>();

/** The user behind a session token, or null if the session is unknown, ended, expired or idle too long. */
export function userForSessionToken(db: AppDatabase, token: string, now = Date.now()): SessionUser | null {
  let lookup = sessionLookups.get(db);
  if (lookup === undefined) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const row = lookup.get({ id: hashToken(token) });
  if (!row || row.revokedAt !== null || !row.active || row.expiresAt <= now) return null;
  const { "session.idle_minutes": idleMinutes } = getSettings(db, ["session.idle_minutes"]);
  if (row.lastSeenAt + idleMinutes * MINUTE <= now) return null;
  if (now - row.lastSeenAt >= LAST_SEEN_RESOLUTION) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId)).run();
  }
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    sessionId: row.sessionId,
  };
}

export type SignInResult =
  | { ok: true; token: string; user: { id: number; role: Role; locale: Locale | null } }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks a login and password. On success starts a new session (a new id: the
 * session is rotated at every sign-in) and ends the one presented, if any. Every
 * attempt is recorded for the rate limit and in the audit log.
 */
export async function signIn(
  db: AppDatabase,
  input: { login: string; password: string; previousToken: string | null; origin: RequestOrigin },
  now = Date.now(),
): Promise<SignInResult> {
  const login = input.login.trim().toLowerCase();
  const ipAddress = input.origin.ipAddress ?? "unknown";
  const limits = getSettings(db, [
    "login.max_failures_per_account",
    "login.max_failures_per_address",
    "login.failure_window_minutes",
    "session.absolute_hours",
  ]);
  const windowStart = now - limits["login.failure_window_minutes"] * MINUTE;

  if (isRateLimited(db, login, ipAddress, windowStart, limits)) {
    writeTransaction(db, (tx) => {
      tx.insert(loginAttempts).values({ login, ipAddress, at: now, succeeded: false }).run();
      recordAudit(tx, {
        actorId: null,
        action: "auth.login_rate_limited",
        entityType: "user",
        entityId: login,
        origin: input.origin,
        at: now,
      });
    });
    return { ok: false, reason: "rate_limited" };
  }

  const user = db
    .select({
      id: users.id,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      locale: users.locale,
    })
    .from(users)
    .where(sql`lower(${users.login}) = ${login}`)
    .get();
  // Verify even for unknown accounts, so timing does not tell which logins exist.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const ok = user !== undefined && user.active && passwordOk;

  if (!ok) {
    writeTransaction(db, (tx) => {
      tx.insert(loginAttempts).values({ login, ipAddress, at: now, succeeded: false }).run();
      recordAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? login,
        after: { reason: user === undefined ? "unknown_login" : user.active ? "wrong_password" : "disabled" },
        origin: input.origin,
        at: now,
      });
    });
    return { ok: false, reason: "invalid" };
  }

  const token = newToken();
  writeTransaction(db, (tx) => {
    if (input.previousToken) {
      tx.update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.id, hashToken(input.previousToken)), isNull(sessions.revokedAt)))
        .run();
    }
    tx.insert(sessions)
      .values({
        id: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + limits["session.absolute_hours"] * 60 * MINUTE,
        ipAddress: input.origin.ipAddress,
        userAgent: input.origin.userAgent,
      })
      .run();
    // A successful sign-in clears the account's failures; old attempts are pruned.
    tx.delete(loginAttempts).where(eq(loginAttempts.login, login)).run();
    tx.delete(loginAttempts)
      .where(lt(loginAttempts.at, now - 24 * 60 * MINUTE))
      .run();
    recordAudit(tx, {
      actorId: user.id,
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      origin: input.origin,
      at: now,
    });
  });
  return { ok: true, token, user: { id: user.id, role: user.role, locale: user.locale } };
}

function isRateLimited(
  db: AppDatabase,
  login: string,
  ipAddress: string,
  windowStart: number,
  limits: { "login.max_failures_per_account": number; "login.max_failures_per_address": number },
): boolean {
  const failures = (where: ReturnType<typeof and>) =>
    (db.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0) as number;
  const perAccount = failures(
    and(eq(loginAttempts.login, login), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, windowStart)),
  );
  if (perAccount >= limits["login.max_failures_per_account"]) return true;
  const perAddress = failures(
    and(eq(loginAttempts.ipAddress, ipAddress), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, windowStart)),
  );
  return perAddress >= limits["login.max_failures_per_address"];
}

/** Ends one session (logout). */
export function signOut(db: AppDatabase, session: SessionUser, origin: RequestOrigin, now = Date.now()): void {
  writeTransaction(db, (tx) => {
    tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, session.sessionId)).run();
    recordAudit(tx, {
      actorId: session.id,
      action: "auth.logout",
      entityType: "user",
      entityId: session.id,
      origin,
      at: now,
    });
  });
}

/** A well-formed scrypt hash of a random password: verifying against it always fails, in normal time. */
const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + Buffer.from(crypto.randomBytes(32)).toString("base64");
