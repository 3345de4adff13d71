// The bookkeeping of the sign-in locks (app/domain/sign-in-locks.ts): wrong passwords
// per account and address, the browsers and addresses an account is known from, and
// the audit event and notifications when a lock starts. Called by `signIn`
// (app/models/sessions.server.ts) only.
import crypto from "node:crypto";
import { and, count, desc, eq, gte, lt, lte, max, sql } from "drizzle-orm";
import { loginAttempts, loginDevices, sessions } from "../../db/schema";
import type { Instant } from "../domain/dates";
import {
  ACCOUNT_FAILURE_SPAN_MS,
  KNOWN_FOR_MS,
  locksReachedByFailure,
  type SignInHistory,
  type SignInLimits,
  type SignInLock,
} from "../domain/sign-in-locks";
import type { AppDatabase, WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import { notifySignInLocked } from "./notifications.server";
import { getSettings } from "./settings.server";

const MINUTE = 60_000;

/** The locks are read before a password is checked and again in the transaction that counts it. */
type Reader = AppDatabase | WriteTransaction;

/** Who is trying: the login as typed (lower-cased), its account if there is one, from where, on which browser. */
export interface SignInAttempt {
  login: string;
  userId: number | null;
  ipAddress: string;
  /** The browser's device token (its cookie), if it sent one. */
  deviceToken: string | null;
}

/** A new browser token for the device cookie: random, as a session token is. */
export function newDeviceToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

function deviceHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function signInLimits(db: AppDatabase): SignInLimits {
  const settings = getSettings(db, [
    "login.max_failures_per_pair",
    "login.max_failures_per_address",
    "login.max_failures_per_account",
    "login.failure_window_minutes",
  ]);
  return {
    perPair: settings["login.max_failures_per_pair"],
    perAddress: settings["login.max_failures_per_address"],
    perAccount: settings["login.max_failures_per_account"],
    windowMs: settings["login.failure_window_minutes"] * MINUTE,
  };
}

/** Failed attempts matching `where` up to `now`, latest first, at most `limit` of them. */
function latestFailures(db: Reader, where: ReturnType<typeof and>, now: Instant, limit: number): Instant[] {
  return db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.succeeded, false), lte(loginAttempts.at, now)))
    .orderBy(desc(loginAttempts.at))
    .limit(limit)
    .all()
    .map((row) => row.at);
}

/** The browser is one this account signed in on, lately, and its own wrong passwords are under the pair limit. */
function isKnownDevice(db: Reader, attempt: SignInAttempt, limits: SignInLimits, now: Instant): boolean {
  if (attempt.userId === null || attempt.deviceToken === null) return false;
  const device = db
    .select({ failures: loginDevices.failures })
    .from(loginDevices)
    .where(
      and(
        eq(loginDevices.tokenHash, deviceHash(attempt.deviceToken)),
        eq(loginDevices.userId, attempt.userId),
        gte(loginDevices.lastUsedAt, now - KNOWN_FOR_MS),
      ),
    )
    .get();
  return device !== undefined && device.failures < limits.perPair;
}

/** The account signed in from this address lately (its sessions keep where they began). */
function isKnownAddress(db: Reader, attempt: SignInAttempt, now: Instant): boolean {
  if (attempt.userId === null) return false;
  const session = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, attempt.userId),
        eq(sessions.ipAddress, attempt.ipAddress),
        gte(sessions.createdAt, now - KNOWN_FOR_MS),
      ),
    )
    .limit(1)
    .get();
  return session !== undefined;
}

/** What the locks need to know about this login, address and browser before the password is checked. */
export function readSignInHistory(
  db: Reader,
  attempt: SignInAttempt,
  limits: SignInLimits,
  now: Instant,
): SignInHistory {
  const windowStart = now - limits.windowMs;
  const ofLogin = eq(loginAttempts.login, attempt.login);
  const fromAddress = eq(loginAttempts.ipAddress, attempt.ipAddress);
  const account = db
    .select({ n: count(), latest: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(
      and(
        ofLogin,
        eq(loginAttempts.succeeded, false),
        gte(loginAttempts.at, now - ACCOUNT_FAILURE_SPAN_MS),
        lte(loginAttempts.at, now),
      ),
    )
    .get();
  return {
    pairFailures: latestFailures(
      db,
      and(ofLogin, fromAddress, gte(loginAttempts.at, windowStart)),
      now,
      limits.perPair,
    ),
    addressFailures: latestFailures(db, and(fromAddress, gte(loginAttempts.at, windowStart)), now, limits.perAddress),
    accountFailures: account?.n ?? 0,
    lastAccountFailureAt: account?.latest ?? null,
    knownDevice: isKnownDevice(db, attempt, limits, now),
    knownAddress: isKnownAddress(db, attempt, now),
  };
}

/** An attempt refused by a lock, before its password was checked: audited, not counted (it guessed nothing). */
export function recordLockedOut(
  db: Reader,
  attempt: SignInAttempt,
  lock: SignInLock,
  origin: RequestOrigin,
  now: Instant,
): void {
  recordAudit(db, {
    actorId: null,
    action: "auth.login_rate_limited",
    entityType: "user",
    entityId: attempt.userId ?? attempt.login,
    after: { lock: lock.scope, until: lock.until },
    origin,
    at: now,
  });
}

/**
 * A wrong password: counted for the locks (and against the browser it came from),
 * and, when it starts a lock, audited as `auth.login_locked` and told to the owner
 * and the administrators. A lock on a login nobody has is audited only: guesses at
 * made-up names must not fill the administrators' notifications. Returns the
 * e-mails queued.
 */
export function recordWrongPassword(
  tx: WriteTransaction,
  attempt: SignInAttempt,
  history: SignInHistory,
  limits: SignInLimits,
  origin: RequestOrigin,
  now: Instant,
): number {
  tx.insert(loginAttempts)
    .values({ login: attempt.login, ipAddress: attempt.ipAddress, at: now, succeeded: false })
    .run();
  if (attempt.userId !== null && attempt.deviceToken !== null) {
    tx.update(loginDevices)
      .set({ failures: sql`${loginDevices.failures} + 1` })
      .where(and(eq(loginDevices.tokenHash, deviceHash(attempt.deviceToken)), eq(loginDevices.userId, attempt.userId)))
      .run();
  }
  let emailsQueued = 0;
  for (const lock of locksReachedByFailure(history, limits, now)) {
    const count =
      lock.scope === "pair" ? limits.perPair : lock.scope === "address" ? limits.perAddress : limits.perAccount;
    recordAudit(tx, {
      actorId: null,
      action: "auth.login_locked",
      entityType: lock.scope === "address" ? "address" : "user",
      entityId: lock.scope === "address" ? attempt.ipAddress : (attempt.userId ?? attempt.login),
      after: { lock: lock.scope, login: attempt.login, address: attempt.ipAddress, failures: count, until: lock.until },
      origin,
      at: now,
    });
    if (attempt.userId === null && lock.scope !== "address") continue;
    const ownerId = lock.scope === "address" ? null : attempt.userId;
    emailsQueued += notifySignInLocked(
      tx,
      { ownerId, login: attempt.login, address: attempt.ipAddress, lock, count },
      now,
    );
  }
  return emailsQueued;
}

/**
 * The right password: this address's wrong guesses at the account are forgotten (not
 * those from elsewhere: the owner signing in must not reset a guesser's back-off),
 * the browser, if it sent its token, becomes (or stays) known to the account, and
 * attempts older than a day are pruned.
 */
export function recordSignedIn(tx: WriteTransaction, attempt: SignInAttempt & { userId: number }, now: Instant): void {
  tx.delete(loginAttempts)
    .where(and(eq(loginAttempts.login, attempt.login), eq(loginAttempts.ipAddress, attempt.ipAddress)))
    .run();
  tx.delete(loginAttempts)
    .where(lt(loginAttempts.at, now - ACCOUNT_FAILURE_SPAN_MS))
    .run();
  if (attempt.deviceToken === null) return;
  tx.insert(loginDevices)
    .values({ tokenHash: deviceHash(attempt.deviceToken), userId: attempt.userId, createdAt: now, lastUsedAt: now })
    .onConflictDoUpdate({
      target: [loginDevices.tokenHash, loginDevices.userId],
      set: { lastUsedAt: now, failures: 0 },
    })
    .run();
}
