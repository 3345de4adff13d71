// User administration (docs/domain-rules.md §1, role `admin`): one function per use case. Each
// validates its input, runs in one write transaction (BEGIN IMMEDIATE) and writes
// its audit event in that same transaction. Password hashes never reach the audit
// log: a password change is recorded as `{ passwordChanged: true }`.
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, loginAttempts, sessions, users } from "../../db/schema";
import { LOGIN_PATTERN, USER_LIMITS } from "../domain/admin-limits";
import type { Actor } from "../domain/permissions";
import { DEPARTMENT_ROLES, ROLES, type Locale, type Role } from "../domain/vocabulary";
import { writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { hashPassword } from "../lib/password.server";
import { changedFields, recordAudit, versionConflict, type RequestOrigin, type VersionConflict } from "./audit.server";

/** The administrator acting; `sessionId` is theirs, kept when they end their own sessions. */
export type AdminActor = Actor & { sessionId?: string | null };

export type UserErrorCode =
  | "invalid"
  | "not_found"
  | "login_taken"
  | "department_required"
  | "department_unknown"
  | "department_inactive"
  | "self_disable"
  | "self_demote";

/** A refusal: what went wrong and, when it is about one field, which. */
export interface UserFailure {
  ok: false;
  code: UserErrorCode;
  field?: string;
}
export type UserResult<T extends object = object> = ({ ok: true } & T) | UserFailure;
export type UserUpdateResult<T extends object = object> = UserResult<T> | VersionConflict;

export function needsDepartment(role: Role): boolean {
  return (DEPARTMENT_ROLES as readonly Role[]).includes(role);
}

// ---------------------------------------------------------------- input rules

const login = z.string().trim().min(USER_LIMITS.loginMin).max(USER_LIMITS.loginMax).regex(LOGIN_PATTERN).toLowerCase();
const password = z.string().min(USER_LIMITS.passwordMin).max(USER_LIMITS.passwordMax);
const profile = {
  displayName: z.string().trim().min(1).max(USER_LIMITS.displayNameMax),
  email: z.string().trim().max(USER_LIMITS.emailMax).pipe(z.email()).nullable(),
  role: z.enum(ROLES),
  departmentId: z.number().int().positive().nullable(),
};
const recordId = z.number().int().positive();

/** The version the form was based on; when given, a save on any other is a conflict. */
const baseVersion = z.number().int().positive().optional();

const newUserInput = z.object({ login, password, ...profile });
const userProfileInput = z.object({ userId: recordId, version: baseVersion, ...profile });
const passwordInput = z.object({ userId: recordId, version: baseVersion, password });

export type NewUserInput = z.input<typeof newUserInput>;
export type UserProfileInput = z.input<typeof userProfileInput>;

function invalid(error: z.ZodError): UserFailure {
  const field = error.issues[0]?.path[0];
  return { ok: false, code: "invalid", field: typeof field === "string" ? field : undefined };
}

function fail(code: UserErrorCode, field?: string): UserFailure {
  return { ok: false, code, field };
}

// ---------------------------------------------------------------- helpers

type Snapshot = Pick<typeof users.$inferSelect, "login" | "displayName" | "email" | "role" | "departmentId" | "active">;

function loadUser(tx: WriteTransaction, userId: number) {
  return tx
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      departmentId: users.departmentId,
      active: users.active,
      version: users.version,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

/** A department a user may be put in: it exists and is active. */
function checkDepartment(tx: WriteTransaction, departmentId: number | null): UserFailure | null {
  if (departmentId === null) return null;
  const department = tx
    .select({ active: departments.active })
    .from(departments)
    .where(eq(departments.id, departmentId))
    .get();
  if (!department) return fail("department_unknown", "departmentId");
  if (!department.active) return fail("department_inactive", "departmentId");
  return null;
}

/** Ends the user's live sessions (all but `keep`, the admin's own when they act on themself). */
function revokeSessions(tx: WriteTransaction, userId: number, now: number, keep?: string | null): number {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)];
  if (keep) conditions.push(ne(sessions.id, keep));
  return tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .run().changes;
}

/** An account already has this login, compared without case as sign-in compares it. */
export function loginTaken(tx: WriteTransaction, login: string): boolean {
  return (
    tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.login}) = ${login.toLowerCase()}`)
      .get() !== undefined
  );
}

/**
 * A new, active account and its `user.create` event, which records the password only as
 * changed. `actorId` is null for an account made from the command line (admin:create).
 */
export function insertUser(
  tx: WriteTransaction,
  account: Omit<Snapshot, "active">,
  passwordHash: string,
  actorId: number | null,
  origin: RequestOrigin,
  now: number,
): number {
  const snapshot: Snapshot = { ...account, active: true };
  const { id } = tx
    .insert(users)
    .values({ ...snapshot, passwordHash, createdAt: now, updatedAt: now })
    .returning({ id: users.id })
    .get();
  recordAudit(tx, {
    actorId,
    action: "user.create",
    entityType: "user",
    entityId: id,
    after: { ...snapshot, passwordChanged: true },
    origin,
    at: now,
  });
  return id;
}

// ---------------------------------------------------------------- use cases

export async function createUser(
  db: AppDatabase,
  actor: AdminActor,
  input: NewUserInput,
  origin: RequestOrigin,
  now = Date.now(),
): Promise<UserResult<{ userId: number }>> {
  const parsed = newUserInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const value = parsed.data;
  if (needsDepartment(value.role) && value.departmentId === null) return fail("department_required", "departmentId");
  const passwordHash = await hashPassword(value.password);

  return writeTransaction(db, (tx): UserResult<{ userId: number }> => {
    if (loginTaken(tx, value.login)) return fail("login_taken", "login");
    const departmentProblem = checkDepartment(tx, value.departmentId);
    if (departmentProblem) return departmentProblem;
    const { password: _password, ...account } = value;
    const userId = insertUser(tx, account, passwordHash, actor.id, origin, now);
    return { ok: true, userId };
  });
}

/** Display name, email, role and department. An administrator cannot change their own role. */
export function updateUser(
  db: AppDatabase,
  actor: AdminActor,
  input: UserProfileInput,
  origin: RequestOrigin,
  now = Date.now(),
): UserUpdateResult<{ changed: boolean }> {
  const parsed = userProfileInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, version, ...value } = parsed.data;
  if (needsDepartment(value.role) && value.departmentId === null) return fail("department_required", "departmentId");

  return writeTransaction(db, (tx): UserUpdateResult<{ changed: boolean }> => {
    const current = loadUser(tx, userId);
    if (!current) return fail("not_found");
    const conflict = versionConflict(tx, "user", current, version);
    if (conflict) return conflict;
    if (userId === actor.id && value.role !== current.role) return fail("self_demote", "role");
    if (value.departmentId !== current.departmentId) {
      const departmentProblem = checkDepartment(tx, value.departmentId);
      if (departmentProblem) return departmentProblem;
    }
    const { id: _id, login: _login, active: _active, version: _version, ...before } = current;
    const diff = changedFields(before, value);
    if (Object.keys(diff.after).length === 0) return { ok: true, changed: false };

    tx.update(users)
      .set({ ...value, version: current.version + 1, updatedAt: now })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.update",
      entityType: "user",
      entityId: userId,
      before: diff.before,
      after: { ...diff.after, version: current.version + 1 },
      origin,
      at: now,
    });
    return { ok: true, changed: true };
  });
}

/**
 * Disables or re-enables an account. Disabling ends every session of the user in
 * the same transaction, so it takes effect on their very next request. Nobody
 * disables themself (there would be no administrator left to undo it).
 */
export function setUserActive(
  db: AppDatabase,
  actor: AdminActor,
  input: { userId: number; active: boolean; version?: number },
  origin: RequestOrigin,
  now = Date.now(),
): UserUpdateResult<{ changed: boolean; sessionsEnded: number }> {
  const parsed = z.object({ userId: recordId, active: z.boolean(), version: baseVersion }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, active, version } = parsed.data;

  return writeTransaction(db, (tx): UserUpdateResult<{ changed: boolean; sessionsEnded: number }> => {
    const current = loadUser(tx, userId);
    if (!current) return fail("not_found");
    const conflict = versionConflict(tx, "user", current, version);
    if (conflict) return conflict;
    if (!active && userId === actor.id) return fail("self_disable");
    // A repeated submission (double click, back button) changes nothing the second time.
    if (current.active === active) return { ok: true, changed: false, sessionsEnded: 0 };
    if (active) {
      const departmentProblem = checkDepartment(tx, current.departmentId);
      if (departmentProblem) return departmentProblem;
    }

    tx.update(users)
      .set({ active, version: current.version + 1, updatedAt: now })
      .where(eq(users.id, userId))
      .run();
    const sessionsEnded = active ? 0 : revokeSessions(tx, userId, now);
    recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.enable" : "user.disable",
      entityType: "user",
      entityId: userId,
      before: { active: current.active },
      after: { active, ...(active ? {} : { sessionsEnded }), version: current.version + 1 },
      origin,
      at: now,
    });
    return { ok: true, changed: true, sessionsEnded };
  });
}

/**
 * Sets a new password typed by the administrator and ends the user's sessions
 * (all of them; the administrator's current one survives if they reset their own).
 */
export async function resetPassword(
  db: AppDatabase,
  actor: AdminActor,
  input: { userId: number; password: string; version?: number },
  origin: RequestOrigin,
  now = Date.now(),
): Promise<UserUpdateResult<{ sessionsEnded: number }>> {
  const parsed = passwordInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, version } = parsed.data;
  const passwordHash = await hashPassword(parsed.data.password);

  return writeTransaction(db, (tx): UserUpdateResult<{ sessionsEnded: number }> => {
    const current = loadUser(tx, userId);
    if (!current) return fail("not_found");
    // Two administrators resetting at once would each tell the user a password; only one would work.
    const conflict = versionConflict(tx, "user", current, version);
    if (conflict) return conflict;
    tx.update(users)
      .set({ passwordHash, version: current.version + 1, updatedAt: now })
      .where(eq(users.id, userId))
      .run();
    const sessionsEnded = revokeSessions(tx, userId, now, userId === actor.id ? actor.sessionId : null);
    // The new password ends any sign-in lock on the account: the administrator's way to let its owner in.
    tx.delete(loginAttempts).where(eq(loginAttempts.login, current.login.toLowerCase())).run();
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      after: { passwordChanged: true, sessionsEnded, version: current.version + 1 },
      origin,
      at: now,
    });
    return { ok: true, sessionsEnded };
  });
}

/** Signs the user out everywhere (a lost phone, a shared computer). */
export function endSessions(
  db: AppDatabase,
  actor: AdminActor,
  input: { userId: number },
  origin: RequestOrigin,
  now = Date.now(),
): UserResult<{ sessionsEnded: number }> {
  const parsed = z.object({ userId: recordId }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId } = parsed.data;

  return writeTransaction(db, (tx): UserResult<{ sessionsEnded: number }> => {
    if (!loadUser(tx, userId)) return fail("not_found");
    const sessionsEnded = revokeSessions(tx, userId, now, userId === actor.id ? actor.sessionId : null);
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.sessions_end",
      entityType: "user",
      entityId: userId,
      after: { sessionsEnded },
      origin,
      at: now,
    });
    return { ok: true, sessionsEnded };
  });
}

/**
 * A user's own choice of language, kept for what reaches them outside the app
 * (e-mail) and restored when they sign in elsewhere. Written (and audited) only when
 * it changes.
 */
export function setOwnLocale(
  db: AppDatabase,
  user: Actor,
  locale: Locale,
  origin: RequestOrigin,
  now = Date.now(),
): { changed: boolean } {
  return writeTransaction(db, (tx) => {
    const before = tx.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)).get();
    if (!before || before.locale === locale) return { changed: false };
    tx.update(users).set({ locale, updatedAt: now }).where(eq(users.id, user.id)).run();
    recordAudit(tx, {
      actorId: user.id,
      action: "user.locale",
      entityType: "user",
      entityId: user.id,
      before: { locale: before.locale },
      after: { locale },
      origin,
      at: now,
    });
    return { changed: true };
  });
}
