import { describe, expect, it } from "vitest";
import { apiMethodRefusal, negotiateApiLocale } from "./api-protocol";
import { apiRequestsPerMinute, DEFAULT_API_REQUESTS_PER_MINUTE, FixedWindowLimiter } from "./api-rate-limit.server";

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
  it("allows `limit` requests per key and window, then says when to retry", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const start = 1_000_000;
    expect(limiter.hit(1, 2, start)).toEqual({ ok: true, remaining: 1 });
    expect(limiter.hit(1, 2, start + 1)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.hit(1, 2, start + 20_500)).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(limiter.hit(2, 2, start + 20_500).ok).toBe(true);
    expect(limiter.hit(1, 2, start + 60_000)).toEqual({ ok: true, remaining: 1 });
    expect(limiter.hit(1, 0, start).ok).toBe(true);
  });

  it("reads its limit from API_RATE_LIMIT_PER_MINUTE (0 turns it off)", () => {
    expect(apiRequestsPerMinute({})).toBe(DEFAULT_API_REQUESTS_PER_MINUTE);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "600" })).toBe(600);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "0" })).toBe(0);
    expect(apiRequestsPerMinute({ API_RATE_LIMIT_PER_MINUTE: "lots" })).toBe(DEFAULT_API_REQUESTS_PER_MINUTE);
  });
});
