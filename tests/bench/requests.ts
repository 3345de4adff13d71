// Requests the bench sends itself (with fetch) where autocannon cannot do what is measured:
// a write before each read, the headers of each response (X-Page-Cache, Server-Timing),
// users that think between pages. Shared by uncached.ts, mix.ts and workers.ts.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { today as todayInHanoi } from "../../app/domain/dates";

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export interface TimedResponse {
  status: number;
  millis: number;
  bytes: Buffer;
  /** The read cache's word on a document of a cacheable page (app/entry.server.tsx), else null. */
  pageCache: "hit" | "miss" | null;
  /** `Server-Timing` durations by name (BENCH_TIMINGS=1), e.g. { loaders: 12.3, render: 20.1 }. */
  timings: Record<string, number>;
}

/** One request, timed from sending to the last byte read. Redirects are not followed. */
export async function timedRequest(url: string, init: RequestInit = {}): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual", ...init });
  const bytes = Buffer.from(await response.arrayBuffer());
  const millis = performance.now() - started;
  const pageCache = response.headers.get("x-page-cache");
  return {
    status: response.status,
    millis,
    bytes,
    pageCache: pageCache === "hit" || pageCache === "miss" ? pageCache : null,
    timings: parseServerTiming(response.headers.get("server-timing")),
  };
}

export function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const duration = params.map((p) => /^dur=([\d.]+)$/.exec(p.trim())?.[1]).find((d) => d !== undefined);
    if (name && duration !== undefined) out[name] = Number(duration);
  }
  return out;
}

/**
 * A write to the data the way any other process's write reaches the server (cron's
 * `npm run reminders`, a second server on the file): the `data_version` row the read
 * cache keys on moves, so the next read of every page computes afresh. A one-row update,
 * so the readers it precedes are not slowed by the write itself.
 */
export function dataWriter(databaseFile: string): { write(): void; close(): void } {
  const db = new Database(databaseFile);
  db.pragma("busy_timeout = 5000");
  // The bench's own event loop times the readers: a commit here must not wait for the disk (the server's WAL
  // mode makes this connection's commits visible all the same).
  db.pragma("synchronous = OFF");
  const bump = db.prepare("UPDATE data_version SET version = version + 1 WHERE id = 1");
  return { write: () => void bump.run(), close: () => db.close() };
}

export interface LoopResult {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  hits: number;
  misses: number;
}

/**
 * `connections` loops, each sending `next()`'s request as soon as its last answer came
 * (after `before()`, untimed), for `seconds` — at least one request each (0 s: one round).
 */
export async function closedLoop(options: {
  connections: number;
  seconds: number;
  next: () => { url: string; init?: RequestInit };
  before?: () => void | Promise<void>;
}): Promise<LoopResult> {
  const result: LoopResult = { requests: 0, seconds: options.seconds, latencies: [], errors: 0, hits: 0, misses: 0 };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async () => {
    do {
      await options.before?.();
      const { url, init } = options.next();
      try {
        const response = await timedRequest(url, init);
        if (response.status >= 400) result.errors++;
        if (response.pageCache === "hit") result.hits++;
        if (response.pageCache === "miss") result.misses++;
        result.latencies.push(response.millis);
        result.requests++;
      } catch {
        result.errors++;
      }
    } while (performance.now() < deadline);
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  result.seconds = (performance.now() - started) / 1000;
  result.latencies.sort((a, b) => a - b);
  return result;
}

/** The task page's progress report form, as a coordinating department posts it (a new idempotency key each time). */
export function progressReportForm(task: { id: number; version: number }): string {
  return new URLSearchParams({
    intent: "report",
    version: String(task.version),
    baseVersion: String(task.version),
    asOfDate: todayInHanoi(),
    percent: "40",
    result: "Bench: đã triển khai, đang hoàn thiện hồ sơ.",
    idempotencyKey: crypto.randomUUID(),
  }).toString();
}

/** Files a progress report through the task page, as `cookie`'s department; true when it was stored (the redirect). */
export async function postProgressReport(
  origin: string,
  cookie: string,
  task: { id: number; version: number },
): Promise<boolean> {
  const response = await fetch(`${origin}/tasks/${task.id}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: progressReportForm(task),
  });
  await response.arrayBuffer();
  return response.status === 302;
}
