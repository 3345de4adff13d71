// Sign-in, sessions and the sign-in locks. Sessions live in the database so
// they can be revoked: logout, a disabled account, or an admin ending them all
// take effect on the very next request.
import crypto from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { departments, sessions, users } from "../../db/schema";
import { signInLock, type SignInLock } from "../domain/sign-in-locks";
import type { Locale, Role } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { unmatchableHash, verifyPassword } from "../lib/password.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { getSettings } from "./settings.server";
import {
  readSignInHistory,
  recordLockedOut,
  recordSignedIn,
  recordWrongPassword,
  signInLimits,
  type SignInAttempt,
} from "./sign-in-locks.server";

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

/** A new session token (the caller may make it first, to prepare its answer before signing in). */
export function newToken(): string {
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
  /** A wrong password; one that starts a lock queues e-mails to tell of it (sent after the commit). */
  | { ok: false; reason: "invalid"; emailsQueued: number }
  | { ok: false; reason: "locked"; lock: SignInLock };

export interface SignInInput {
  login: string;
  password: string;
  previousToken: string | null;
  origin: RequestOrigin;
  /**
   * The new session's token, when the caller has prepared its answer (the cookie)
   * before signing in, so that nothing can fail between the write and the answer.
   */
  token?: string;
  /** The browser's device token (its long-lived cookie, or a new one the caller will set). */
  deviceToken?: string | null;
}

/**
 * Checks a login and password. On success starts a new session (a new id: the
 * session is rotated at every sign-in), ends the one presented, if any, and makes
 * the browser known to the account. A sign-in lock (app/domain/sign-in-locks.ts)
 * refuses before the password is checked, and again after it should the attempts
 * checked meanwhile have started one. Every attempt is in the audit log.
 */
export async function signIn(db: AppDatabase, input: SignInInput, now = Date.now()): Promise<SignInResult> {
  const login = input.login.trim().toLowerCase();
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
  const attempt: SignInAttempt = {
    login,
    userId: user?.id ?? null,
    ipAddress: input.origin.ipAddress ?? "unknown",
    deviceToken: input.deviceToken ?? null,
  };
  const limits = signInLimits(db);
  // A lock found before the password is checked spares the check (scrypt's time and memory).
  const lockBefore = signInLock(readSignInHistory(db, attempt, limits, now), limits, now);
  if (lockBefore !== null) return refuseLocked(db, attempt, lockBefore, input.origin, now);

  // Verify even for unknown accounts, so timing does not tell which logins exist.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const token = input.token ?? newToken();
  const { "session.absolute_hours": absoluteHours } = getSettings(db, ["session.absolute_hours"]);

  return writeTransaction(db, (tx): SignInResult => {
    // Read again under the write lock: the attempts that were checked alongside this one
    // (other requests, other workers) are counted by now. Judged on what was read before
    // the check, a burst of parallel guesses all passed a lock the first of them reached.
    const history = readSignInHistory(tx, attempt, limits, now);
    const lock = signInLock(history, limits, now);
    if (lock !== null) return refuseLocked(tx, attempt, lock, input.origin, now);

    if (user === undefined || !user.active || !passwordOk) {
      recordAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? login,
        after: { reason: user === undefined ? "unknown_login" : user.active ? "wrong_password" : "disabled" },
        origin: input.origin,
        at: now,
      });
      const emailsQueued = recordWrongPassword(tx, attempt, history, limits, input.origin, now);
      return { ok: false, reason: "invalid", emailsQueued };
    }

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
        expiresAt: now + absoluteHours * 60 * MINUTE,
        ipAddress: input.origin.ipAddress,
        userAgent: input.origin.userAgent,
      })
      .run();
    recordSignedIn(tx, { ...attempt, userId: user.id }, now);
    recordAudit(tx, {
      actorId: user.id,
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      origin: input.origin,
      at: now,
    });
    return { ok: true, token, user: { id: user.id, role: user.role, locale: user.locale } };
  });
}

function refuseLocked(
  db: AppDatabase | WriteTransaction,
  attempt: SignInAttempt,
  lock: SignInLock,
  origin: RequestOrigin,
  now: number,
): SignInResult {
  recordLockedOut(db, attempt, lock, origin, now);
  return { ok: false, reason: "locked", lock };
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

/** Checked when the login is unknown: verifying against it always fails, in the time a real check takes. */
const DUMMY_HASH = unmatchableHash();
