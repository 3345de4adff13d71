// Accounts for a real deployment (docs/decisions/020): the administrator made by
// `npm run admin:create` on an empty database, and the start-up check that no active
// account still takes a password published in this repository.
import { and, count, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { LOGIN_PATTERN, USER_LIMITS } from "../domain/admin-limits";
import { PUBLISHED_PASSWORDS, passwordProblem, type PasswordProblem } from "../domain/password-policy";
import { writeTransaction, type AppDatabase } from "./db.server";
import { hashPassword, verifyPassword } from "../lib/password.server";
import type { RequestOrigin } from "./audit.server";
import { insertUser, loginTaken } from "./users.server";

export interface PublishedPasswordAccount {
  login: string;
  role: string;
}

/**
 * Active accounts whose password is one of PUBLISHED_PASSWORDS. A scrypt check costs
 * ~60 ms, so not every account is tried: the demo and the large data set give all
 * their accounts one hash (one salt), so an account is tried when its hash is shared
 * with another account, active or not, or when it is an administrator. Each distinct
 * hash is tried once. (An administrator typing a published password by hand is
 * refused by the password policy.)
 */
export async function accountsWithPublishedPasswords(db: AppDatabase): Promise<PublishedPasswordAccount[]> {
  const sharedHashes = new Set(
    db
      .select({ hash: users.passwordHash })
      .from(users)
      .groupBy(users.passwordHash)
      .having(sql`count(*) > 1`)
      .all()
      .map((row) => row.hash),
  );
  const candidates = db
    .select({ login: users.login, role: users.role, hash: users.passwordHash })
    .from(users)
    .where(eq(users.active, true))
    .all()
    .filter((account) => account.role === "admin" || sharedHashes.has(account.hash));
  const published = new Map<string, boolean>();
  for (const { hash } of candidates) {
    if (published.has(hash)) continue;
    let match = false;
    for (const password of PUBLISHED_PASSWORDS) if (!match) match = await verifyPassword(password, hash);
    published.set(hash, match);
  }
  return candidates.filter((account) => published.get(account.hash)).map(({ login, role }) => ({ login, role }));
}

export function activeAdministratorCount(db: AppDatabase): number {
  const [row] = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .all();
  return row?.n ?? 0;
}

export interface NewAdministrator {
  login: string;
  displayName: string;
  email: string | null;
  password: string;
}

export type AdministratorProblem =
  PasswordProblem | "login_invalid" | "login_taken" | "display_name_invalid" | "email_invalid";

export type AdministratorResult = { ok: true; userId: number } | { ok: false; problem: AdministratorProblem };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a new administrator's details, before anything is hashed or written. */
export function administratorProblem(input: NewAdministrator): AdministratorProblem | null {
  const login = input.login.trim();
  if (login.length < USER_LIMITS.loginMin || login.length > USER_LIMITS.loginMax || !LOGIN_PATTERN.test(login)) {
    return "login_invalid";
  }
  const name = input.displayName.trim();
  if (name.length === 0 || name.length > USER_LIMITS.displayNameMax) return "display_name_invalid";
  if (input.email !== null && (input.email.length > USER_LIMITS.emailMax || !EMAIL.test(input.email))) {
    return "email_invalid";
  }
  return passwordProblem(input.password, login);
}

/**
 * Creates an administrator account from the command line (`npm run admin:create`):
 * there is no one signed in to act, so the audit event has no actor and says where it
 * came from.
 */
export async function createAdministrator(
  db: AppDatabase,
  input: NewAdministrator,
  origin: RequestOrigin,
  now = Date.now(),
): Promise<AdministratorResult> {
  const problem = administratorProblem(input);
  if (problem !== null) return { ok: false, problem };
  const login = input.login.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx): AdministratorResult => {
    if (loginTaken(tx, login)) return { ok: false, problem: "login_taken" };
    const account = { login, displayName: input.displayName.trim(), email: input.email, role: "admin" as const };
    const userId = insertUser(tx, { ...account, departmentId: null }, passwordHash, null, origin, now);
    return { ok: true, userId };
  });
}
