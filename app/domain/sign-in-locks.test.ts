// The sign-in locks as pure rules: which lock stops an attempt, which a wrong
// password starts, and how the account's back-off grows.
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_FAILURE_SPAN_MS,
  accountBackoffMs,
  locksReachedByFailure,
  signInLock,
  type SignInHistory,
  type SignInLimits,
} from "./sign-in-locks";

const MINUTE = 60_000;
const LIMITS: SignInLimits = { perPair: 3, perAddress: 5, perAccount: 4, windowMs: 15 * MINUTE };
const NOW = 1_000_000_000_000;

/** Failures `ago` ms before now, latest first. */
const failures = (...ago: number[]) => ago.map((ms) => NOW - ms);

function history(overrides: Partial<SignInHistory> = {}): SignInHistory {
  return {
    pairFailures: [],
    addressFailures: [],
    accountFailures: 0,
    lastAccountFailureAt: null,
    knownDevice: false,
    knownAddress: false,
    ...overrides,
  };
}

describe("signInLock", () => {
  it("lets a first attempt through", () => {
    expect(signInLock(history(), LIMITS, NOW)).toBeNull();
  });

  it("locks a pair at its limit until the oldest counted failure leaves the window", () => {
    const pair = failures(1000, 2000, 3000);
    expect(signInLock(history({ pairFailures: pair }), LIMITS, NOW)).toEqual({
      scope: "pair",
      until: NOW - 3000 + LIMITS.windowMs,
    });
    expect(signInLock(history({ pairFailures: pair.slice(0, 2) }), LIMITS, NOW)).toBeNull();
  });

  it("locks an address at its limit, whatever the account", () => {
    expect(signInLock(history({ addressFailures: failures(1, 2, 3, 4, 5) }), LIMITS, NOW)).toMatchObject({
      scope: "address",
      until: NOW - 5 + LIMITS.windowMs,
    });
  });

  it("backs the account off from its limit, doubling the wait with each further failure, at most a day", () => {
    const at = (accountFailures: number, ago: number) =>
      signInLock(history({ accountFailures, lastAccountFailureAt: NOW - ago }), LIMITS, NOW);
    expect(at(3, 0)).toBeNull();
    expect(at(4, 0)).toEqual({ scope: "account", until: NOW + LIMITS.windowMs });
    expect(at(4, LIMITS.windowMs)).toBeNull();
    expect(at(5, LIMITS.windowMs)).toEqual({ scope: "account", until: NOW + LIMITS.windowMs });
    expect(accountBackoffMs(6, LIMITS)).toBe(4 * LIMITS.windowMs);
    expect(accountBackoffMs(40, LIMITS)).toBe(ACCOUNT_FAILURE_SPAN_MS);
  });

  it("lets a known device through every lock, and a known address through the account's back-off only", () => {
    const locked = history({
      pairFailures: failures(1, 2, 3),
      addressFailures: failures(1, 2, 3, 4, 5),
      accountFailures: 10,
      lastAccountFailureAt: NOW,
    });
    expect(signInLock({ ...locked, knownDevice: true }, LIMITS, NOW)).toBeNull();
    expect(signInLock({ ...locked, knownAddress: true }, LIMITS, NOW)).toMatchObject({ scope: "pair" });
    expect(
      signInLock(history({ accountFailures: 10, lastAccountFailureAt: NOW, knownAddress: true }), LIMITS, NOW),
    ).toBeNull();
  });
});

describe("locksReachedByFailure", () => {
  it("names the locks that one more failure starts, once: at their limit, not past it", () => {
    expect(locksReachedByFailure(history({ pairFailures: failures(1000, 2000) }), LIMITS, NOW)).toEqual([
      { scope: "pair", until: NOW - 2000 + LIMITS.windowMs },
    ]);
    expect(locksReachedByFailure(history({ pairFailures: failures(1, 2, 3) }), LIMITS, NOW)).toEqual([]);
    expect(locksReachedByFailure(history({ accountFailures: 3 }), LIMITS, NOW)).toEqual([
      { scope: "account", until: NOW + LIMITS.windowMs },
    ]);
    expect(
      locksReachedByFailure(
        history({ pairFailures: failures(1, 2), addressFailures: failures(1, 2, 3, 4), accountFailures: 3 }),
        LIMITS,
        NOW,
      ).map((lock) => lock.scope),
    ).toEqual(["pair", "address", "account"]);
  });

  it("with a limit of one, the first failure starts the lock, for the window", () => {
    expect(locksReachedByFailure(history(), { ...LIMITS, perPair: 1 }, NOW)).toEqual([
      { scope: "pair", until: NOW + LIMITS.windowMs },
    ]);
  });
});
