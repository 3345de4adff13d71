// When a password may be tried (docs/security.md#sign-in-locks). Wrong passwords are
// counted three ways, each with a lock of its own:
//
// - one account from one address — a colleague guessing a leader's password locks
//   only their own address out of that account, for the window;
// - one address, whatever the account — spraying guesses over many accounts locks
//   that address out, for the window;
// - one account from everywhere, over a day — a guess spread over many addresses
//   makes the account back off: each wrong password past the limit doubles the wait
//   before the next one is tried, up to a day.
//
// The owner is never locked out by someone else's guesses: a browser the account has
// signed in on before (a known device) passes all three locks, as long as its own
// wrong passwords stay under the per-address limit; an address the account has
// signed in from before passes the account's back-off (not the lock of that address
// itself: the guesses were made there). Pure rules; the counts come from the model.
import type { Instant } from "./dates";

const MINUTE = 60_000;
/** The account's wrong passwords are counted over this span, and its back-off never exceeds it. */
export const ACCOUNT_FAILURE_SPAN_MS = 24 * 60 * MINUTE;
/** How long a device or address an account signed in from stays known. */
export const KNOWN_FOR_MS = 90 * 24 * 60 * MINUTE;

export const SIGN_IN_LOCK_SCOPES = ["pair", "address", "account"] as const;
export type SignInLockScope = (typeof SIGN_IN_LOCK_SCOPES)[number];

export interface SignInLimits {
  /** Wrong passwords for one account from one address within the window. */
  perPair: number;
  /** Wrong passwords from one address, any account, within the window. */
  perAddress: number;
  /** Wrong passwords for one account from anywhere within a day, before it backs off. */
  perAccount: number;
  windowMs: number;
}

/** What the model found before checking a password. */
export interface SignInHistory {
  /** The pair's and the address's wrong passwords within the window, latest first, at most their limit. */
  pairFailures: readonly Instant[];
  addressFailures: readonly Instant[];
  /** The account's wrong passwords from anywhere within a day, and the latest of them. */
  accountFailures: number;
  lastAccountFailureAt: Instant | null;
  knownDevice: boolean;
  knownAddress: boolean;
}

export interface SignInLock {
  scope: SignInLockScope;
  /** When a password may be tried again from here. */
  until: Instant;
}

/** The wait after the account's latest wrong password: the window, doubled for each one past the limit, at most a day. */
export function accountBackoffMs(accountFailures: number, limits: SignInLimits): number {
  if (accountFailures < limits.perAccount) return 0;
  return Math.min(limits.windowMs * 2 ** (accountFailures - limits.perAccount), ACCOUNT_FAILURE_SPAN_MS);
}

/**
 * When a count of failures within the window falls under `limit` again: when the
 * `limit`-th latest of them leaves the window. `failures` are latest first.
 */
function windowLiftsAt(failures: readonly Instant[], limit: number, windowMs: number): Instant {
  return failures[limit - 1]! + windowMs;
}

/** The lock that stops this attempt before its password is checked, or null. */
export function signInLock(history: SignInHistory, limits: SignInLimits, now: Instant): SignInLock | null {
  if (history.knownDevice) return null;
  if (history.pairFailures.length >= limits.perPair) {
    return { scope: "pair", until: windowLiftsAt(history.pairFailures, limits.perPair, limits.windowMs) };
  }
  if (history.addressFailures.length >= limits.perAddress) {
    return { scope: "address", until: windowLiftsAt(history.addressFailures, limits.perAddress, limits.windowMs) };
  }
  if (history.knownAddress || history.lastAccountFailureAt === null) return null;
  const until = history.lastAccountFailureAt + accountBackoffMs(history.accountFailures, limits);
  return history.accountFailures >= limits.perAccount && now < until ? { scope: "account", until } : null;
}

/**
 * The locks one more wrong password (at `now`) turns on — those whose count reaches
 * its limit with it — and when each lifts. The owner and the administrators are told
 * once, when a lock starts, not at every refused attempt after it.
 */
export function locksReachedByFailure(history: SignInHistory, limits: SignInLimits, now: Instant): SignInLock[] {
  const withThisOne = (failures: readonly Instant[]) => [now, ...failures];
  const reached: SignInLock[] = [];
  if (history.pairFailures.length + 1 === limits.perPair) {
    reached.push({
      scope: "pair",
      until: windowLiftsAt(withThisOne(history.pairFailures), limits.perPair, limits.windowMs),
    });
  }
  if (history.addressFailures.length + 1 === limits.perAddress) {
    reached.push({
      scope: "address",
      until: windowLiftsAt(withThisOne(history.addressFailures), limits.perAddress, limits.windowMs),
    });
  }
  if (history.accountFailures + 1 === limits.perAccount) {
    reached.push({ scope: "account", until: now + accountBackoffMs(limits.perAccount, limits) });
  }
  return reached;
}
