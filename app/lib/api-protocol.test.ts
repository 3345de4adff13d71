import { afterEach, describe, expect, it, vi } from "vitest";
import { apiMethodRefusal, negotiateApiLocale } from "./api-protocol";
import { apiRequestsPerMinute, DEFAULT_API_REQUESTS_PER_MINUTE, hitRateLimit } from "./api-rate-limit.server";

describe("negotiateApiLocale", () => {
  it("prefers ?lang=, then the better-rated of vi and en, then Vietnamese", () => {
    expect(negotiateApiLocale(null, null)).toEqual({ locale: "vi", invalidLang: null });
    expect(negotiateApiLocale("en", null).locale).toBe("en");
    expect(negotiateApiLocale("en-US,en;q=0.9", null).locale).toBe("en");
    expect(negotiateApiLocale("fr-FR, en;q=0.5, vi;q=0.8", null).locale).toBe("vi");
    expect(negotiateApiLocale("fr, de", null).locale).toBe("vi");
    expect(negotiateApiLocale("en;q=0", null).locale).toBe("vi");
    expect(negotiateApiLocale("vi", "EN").locale).toBe("en");
    expect(negotiateApiLocale("en", "fr")).toEqual({ locale: "vi", invalidLang: "fr" });
  });
});

describe("apiMethodRefusal", () => {
  it("lets reads through and answers anything else with a JSON 405 in the client's language", () => {
    expect(apiMethodRefusal("GET", null, null)).toBeNull();
    expect(apiMethodRefusal("head", null, null)).toBeNull();
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const refusal = apiMethodRefusal(method, "en", null)!;
      expect(refusal.status).toBe(405);
      expect(refusal.headers).toMatchObject({ Allow: "GET, HEAD", "Cache-Control": "no-store" });
      expect(JSON.parse(refusal.body)).toEqual({
        error: { code: "method_not_allowed", message: "The API is read-only: use GET." },
      });
    }
    expect(JSON.parse(apiMethodRefusal("POST", null, null)!.body).error.message).toBe(
      "API chỉ cho phép đọc: dùng phương thức GET.",
    );
  });
});

describe("the per-token request limit", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // One process (no cluster): the library's memory limiter, on the clock vitest moves.
  it("allows `limit` requests per key and window, then says when to retry", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    expect(await hitRateLimit(101, 2)).toEqual({ ok: true, remaining: 1 });
    vi.advanceTimersByTime(1);
    expect(await hitRateLimit(101, 2)).toEqual({ ok: true, remaining: 0 });
    vi.advanceTimersByTime(20_499);
    expect(await hitRateLimit(101, 2)).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(await hitRateLimit(101, 2)).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect((await hitRateLimit(102, 2)).ok).toBe(true);
    // A refused request does not push the window on: a minute after the first, the budget is whole again.
    vi.advanceTimersByTime(39_500);
    expect(await hitRateLimit(101, 2)).toEqual({ ok: true, remaining: 1 });
    expect(await hitRateLimit(101, 0)).toEqual({ ok: true, remaining: Number.POSITIVE_INFINITY });
    // Another limit is another budget (the setting changed), not a share of this one.
    expect(await hitRateLimit(101, 3)).toEqual({ ok: true, remaining: 2 });
  });

  it("reads its limit from API_RATE_LIMIT_PER_MINUTE (0 turns it off)", () => {
    expect(apiRequestsPerMinute({})).toBe(DEFAULT_API_REQUESTS_PER_MINUTE);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "600" })).toBe(600);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "0" })).toBe(0);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "lots" })).toBe(DEFAULT_API_REQUESTS_PER_MINUTE);
  });
});
