import { describe, expect, it } from "vitest";
import { endOfLocalDay } from "./dates";
import { lastValidDay, tokenState } from "./api-tokens";

describe("API token state", () => {
  const now = Date.parse("2026-03-16T03:00:00Z");
  const token = { revokedAt: null, expiresAt: null, userActive: true };

  it("is revoked for good, else expired, else unusable with a disabled account, else active", () => {
    expect(tokenState(token, now)).toBe("active");
    expect(tokenState({ ...token, userActive: false }, now)).toBe("user_disabled");
    expect(tokenState({ ...token, expiresAt: now, userActive: false }, now)).toBe("expired");
    expect(tokenState({ ...token, expiresAt: now + 1 }, now)).toBe("active");
    expect(tokenState({ ...token, revokedAt: now - 1, expiresAt: now - 1 }, now)).toBe("revoked");
  });

  it("works through the whole of its last day in Hanoi", () => {
    const expiresAt = endOfLocalDay("2026-12-31");
    expect(lastValidDay(expiresAt)).toBe("2026-12-31");
    expect(tokenState({ ...token, expiresAt }, Date.parse("2026-12-31T16:59:59.999Z"))).toBe("active");
    expect(tokenState({ ...token, expiresAt }, Date.parse("2026-12-31T17:00:00Z"))).toBe("expired");
  });
});
