// API tokens (docs/decisions/013): their shape and their state. Pure, client-safe:
// the administration pages show the state; app/models/api-tokens.server.ts issues,
// checks and revokes.
import { today, type Instant, type LocalDate } from "./dates";

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "dtk_";
/** `dtk_` + 32 random bytes in base64url (43 characters). */
export const API_TOKEN_PATTERN = /^dtk_[A-Za-z0-9_-]{43}$/;
export const API_TOKEN_NAME_MAX = 100;

export const API_TOKEN_STATES = ["active", "revoked", "expired", "user_disabled"] as const;
export type ApiTokenState = (typeof API_TOKEN_STATES)[number];

/** Revoked first (for good), then expired, then unusable because its account is disabled. */
export function tokenState(
  token: { revokedAt: Instant | null; expiresAt: Instant | null; userActive: boolean },
  now: Instant = Date.now(),
): ApiTokenState {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  if (!token.userActive) return "user_disabled";
  return "active";
}

/** The last day a token works on: it works until the end of that day in Hanoi. */
export function lastValidDay(expiresAt: Instant): LocalDate {
  return today(expiresAt - 1);
}
