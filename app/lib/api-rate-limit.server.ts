// A per-token request budget for the JSON API: a fixed one-minute window, kept in
// memory. The server's web workers (docs/decisions/004) ask the primary process,
// which holds the one counter per token, so the budget is the server's, not each
// worker's; a restart forgets the counts, which errs on the client's side.
// Its job is to keep one runaway client from starving the people using the screens.
import cluster, { type Worker } from "node:cluster";

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

// ---------------------------------------------------------------- across the web workers

interface RateQuestion {
  type: "api-rate";
  id: number;
  key: number;
  limit: number;
}
interface RateAnswer {
  type: "api-rate-decision";
  id: number;
  decision: RateDecision;
}

const isRateAnswer = (message: unknown): message is RateAnswer =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "api-rate-decision";

const local = new FixedWindowLimiter();
const waiting = new Map<number, (decision: RateDecision) => void>();
let nextQuestion = 1;
let listening = false;

/** How long a worker waits for the primary before deciding alone (the primary is busy or gone). */
const ANSWER_TIMEOUT_MS = 1_000;

/**
 * Counts one request of `key` against the server's budget: in a web worker, by asking
 * the primary (`answerRateQuestions`); in a single process (tests, scripts), here.
 */
export function hitRateLimit(key: number, limit: number): Promise<RateDecision> {
  if (limit <= 0 || !cluster.isWorker || !process.connected) return Promise.resolve(local.hit(key, limit));
  if (!listening) {
    listening = true;
    process.on("message", (message: unknown) => {
      if (!isRateAnswer(message)) return;
      waiting.get(message.id)?.(message.decision);
      waiting.delete(message.id);
    });
  }
  const id = nextQuestion++;
  return new Promise((resolve) => {
    // No answer in time, or the channel closed under the question: this worker decides alone (and a late
    // answer is dropped, so that request counts here and in the primary: errs on the strict side, once).
    const alone = () => {
      if (!waiting.delete(id)) return;
      clearTimeout(timer);
      resolve(local.hit(key, limit));
    };
    const timer = setTimeout(alone, ANSWER_TIMEOUT_MS);
    waiting.set(id, (decision) => {
      clearTimeout(timer);
      resolve(decision);
    });
    process.send!({ type: "api-rate", id, key, limit } satisfies RateQuestion, undefined, {}, (error) => {
      if (error) alone();
    });
  });
}

/** In the primary: answers a worker's rate questions from the one shared limiter. */
export function answerRateQuestions(worker: Worker): void {
  worker.on("message", (message: unknown) => {
    if (typeof message !== "object" || message === null || (message as { type?: unknown }).type !== "api-rate") return;
    const question = message as RateQuestion;
    const answer: RateAnswer = {
      type: "api-rate-decision",
      id: question.id,
      decision: local.hit(question.key, question.limit),
    };
    // A worker that died meanwhile gets no answer (and must not take the primary down with an 'error').
    if (worker.isConnected()) worker.send(answer, undefined, {}, () => {});
  });
}
