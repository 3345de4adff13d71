// A per-token request budget for the JSON API: a fixed one-minute window, kept in
// memory, counted by rate-limiter-flexible (docs/decisions/030). The server's web
// workers (docs/decisions/004) each hold a `RateLimiterCluster` that asks the primary
// over the cluster's IPC channel, where the one `RateLimiterClusterMaster` keeps the
// counter per token, so the budget is the server's, not each worker's. A single process
// (tests, scripts) counts with a `RateLimiterMemory` of its own. A restart forgets the
// counts, which errs on the client's side. Its job is to keep one runaway client from
// starving the people using the screens.
import cluster from "node:cluster";
import {
  RateLimiterCluster,
  RateLimiterClusterMaster,
  RateLimiterMemory,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

export const DEFAULT_API_REQUESTS_PER_MINUTE = 120;
const WINDOW_SECONDS = 60;

/** How long a worker waits for the primary before deciding alone (the primary is busy or gone). */
const ANSWER_TIMEOUT_MS = 1_000;

/** `API_RATE_LIMIT_PER_MINUTE` (a whole number; 0 turns the limit off), else the default. */
export function apiRequestsPerMinute(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw.trim() === "") return DEFAULT_API_REQUESTS_PER_MINUTE;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_API_REQUESTS_PER_MINUTE;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

// One limiter per budget size. The key prefix names the budget: every worker's limiter
// with the same prefix is the same counter in the primary (the library's rule), and a
// changed limit (tests change it between cases) is a budget of its own.
const budgetName = (limit: number) => `api-token-${limit}`;
const inThisProcess = new Map<number, RateLimiterMemory>();
const acrossWorkers = new Map<number, RateLimiterCluster>();

function memoryLimiter(limit: number): RateLimiterMemory {
  let limiter = inThisProcess.get(limit);
  if (limiter === undefined) {
    limiter = new RateLimiterMemory({ keyPrefix: budgetName(limit), points: limit, duration: WINDOW_SECONDS });
    inThisProcess.set(limit, limiter);
  }
  return limiter;
}

/** In a web worker still connected to the primary, the primary's counter; otherwise this process's. */
function serverLimiter(limit: number): RateLimiterAbstract {
  if (!cluster.isWorker || !process.connected) return memoryLimiter(limit);
  let limiter = acrossWorkers.get(limit);
  if (limiter === undefined) {
    limiter = new RateLimiterCluster({
      keyPrefix: budgetName(limit),
      points: limit,
      duration: WINDOW_SECONDS,
      timeoutMs: ANSWER_TIMEOUT_MS,
    });
    acrossWorkers.set(limit, limiter);
  }
  return limiter;
}

function decisionOf(result: RateLimiterRes, limit: number): RateDecision {
  if (result.consumedPoints <= limit) return { ok: true, remaining: result.remainingPoints };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
}

/** Counts one request of `key` against the server's budget of `limit` a minute (0: no limit). */
export async function hitRateLimit(key: number, limit: number): Promise<RateDecision> {
  if (limit <= 0) return { ok: true, remaining: Number.POSITIVE_INFINITY };
  try {
    return decisionOf(await serverLimiter(limit).consume(key), limit);
  } catch (outcome) {
    // The library refuses with the counter's state...
    if (outcome instanceof RateLimiterRes) return decisionOf(outcome, limit);
    // ...or, in a worker, with an Error when the primary did not answer in time: this worker decides alone
    // (a late answer is dropped, so that request counts here and in the primary: errs on the strict side, once).
    return memoryLimiter(limit)
      .consume(key)
      .then(
        (result) => decisionOf(result, limit),
        (refusal: RateLimiterRes) => decisionOf(refusal, limit),
      );
  }
}

/**
 * In the primary, before the web workers are forked: the one counter their limiters ask
 * (it answers on the cluster's IPC channel, beside the server's own messages).
 */
export function shareApiRateLimit(): void {
  new RateLimiterClusterMaster();
}
