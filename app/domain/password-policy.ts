// The password policy: one copy, for every place a password is chosen — the
// administration forms (app/lib/admin-schemas.ts: the same USER_LIMITS, and no published
// password) and `npm run admin:create` (all of it). Pure: no I/O.
import { USER_LIMITS } from "./admin-limits";

/** The demo accounts' password, printed in the README (`npm start` in demo mode). */
export const DEMO_PASSWORD = "Demo@2019";
/** Every account's password in a generated large data set (`npm run db:generate-large`). */
export const LARGE_DATA_PASSWORD = "Large@2024";
/** Passwords anyone can read in this repository: no account of a real deployment may keep one. */
export const PUBLISHED_PASSWORDS: readonly string[] = [DEMO_PASSWORD, LARGE_DATA_PASSWORD];

export type PasswordProblem = "too_short" | "too_long" | "published" | "same_as_login";

export function isPublishedPassword(password: string): boolean {
  return PUBLISHED_PASSWORDS.includes(password.normalize("NFC"));
}

/** Why a password may not be chosen for `login`, or null when it may. Length rules follow NIST SP 800-63B. */
export function passwordProblem(password: string, login: string): PasswordProblem | null {
  // First: the demo's is also too short, and "it is published" is the reason that matters.
  if (isPublishedPassword(password)) return "published";
  if (password.length < USER_LIMITS.passwordMin) return "too_short";
  if (password.length > USER_LIMITS.passwordMax) return "too_long";
  if (password.normalize("NFC").trim().toLowerCase() === login.trim().toLowerCase()) return "same_as_login";
  return null;
}
