// A per-token request budget for the JSON API: a fixed one-minute window, kept in
// memory. The app runs as one Node process (docs/decisions/004), so one counter per
// token is exact; a restart forgets the counts, which errs on the client's side.
// Its job is to keep one runaway client from starving the people using the screens.

export const DEFAULT_API_REQUESTS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;

/** `API_RATE_LIMIT_PER_MINUTE` (a whole number; 0 turns the limit off), else the default. */
export function apiRequestsPerMinute(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw.trim() === "") return DEFAULT_API_REQUESTS_PER_MINUTE;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_API_REQUESTS_PER_MINUTE;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export class FixedWindowLimiter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  constructor(private readonly windowMs = WINDOW_MS) {}

  /** Counts one request of `key`; refuses it when `limit` requests were already made in the current window. */
  hit(key: number, limit: number, now: number = Date.now()): RateDecision {
    if (limit <= 0) return { ok: true, remaining: Number.POSITIVE_INFINITY };
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.forgetOld(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    }
    window.count += 1;
    return { ok: true, remaining: limit - window.count };
  }

  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
