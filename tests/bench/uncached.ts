// The pages as real use sees them: every request follows a write to the data, so the
// read cache (app/server/read-cache.server.ts) cannot answer it — the read cache keeps an
// answer only until the data changes, and departments file reports all day. Measured
// one request at a time ("solo", after a progress report through the app), under load
// at -c N (each read after a one-row write to the data version, see `dataWriter`), and
// split into where the time goes (BENCH_TIMINGS=1's Server-Timing header, and gzip here).
import { gzipSync } from "node:zlib";
import { ascending, closedLoop, dataWriter, percentile, timedRequest } from "./requests";

/** The pages with a budget on the uncached path (issue #16). */
export const UNCACHED_PAGES: readonly { name: string; path: string }[] = [
  { name: "dashboard", path: "/" },
  { name: "task list", path: "/tasks" },
  { name: "scorecard", path: "/scorecard" },
];

export const SOLO_AFTER_WRITE_REQUESTS = 20;

export interface SoloAfterWrite {
  name: string;
  path: string;
  requests: number;
  p50: number;
  p95: number;
  /** Of the documents that said (X-Page-Cache), the share computed afresh: 1 means the cache never answered. */
  missFraction: number;
  status: number;
}

/** `requests` reads of `path`, one at a time, each right after `write()` (untimed). */
export async function soloAfterWrite(
  page: { name: string; path: string },
  origin: string,
  cookie: string,
  write: () => Promise<void>,
  requests = SOLO_AFTER_WRITE_REQUESTS,
): Promise<SoloAfterWrite> {
  const times: number[] = [];
  let hits = 0;
  let misses = 0;
  let status = 0;
  for (let i = 0; i < requests; i++) {
    await write();
    const response = await timedRequest(origin + page.path, { headers: { cookie } });
    times.push(response.millis);
    status = response.status;
    if (response.pageCache === "hit") hits++;
    if (response.pageCache === "miss") misses++;
  }
  const sorted = ascending(times);
  return {
    ...page,
    requests,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    missFraction: hits + misses === 0 ? Number.NaN : misses / (hits + misses),
    status,
  };
}

export interface LoadAfterWrite {
  name: string;
  path: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  missFraction: number;
}

/**
 * `connections` readers for `seconds`, each read preceded by a write to the data.
 * Another reader's read may still land between a write and the read it precedes and
 * leave a page the next one finds: the miss fraction says how often that happened.
 */
export async function loadAfterWrite(
  page: { name: string; path: string },
  origin: string,
  cookie: string,
  databaseFile: string,
  connections: number,
  seconds: number,
): Promise<LoadAfterWrite> {
  const writer = dataWriter(databaseFile);
  try {
    const result = await closedLoop({
      connections,
      seconds,
      before: writer.write,
      next: () => ({ url: origin + page.path, init: { headers: { cookie } } }),
    });
    const said = result.hits + result.misses;
    return {
      ...page,
      connections,
      rps: result.requests / result.seconds,
      p50: percentile(result.latencies, 50),
      p95: percentile(result.latencies, 95),
      p99: percentile(result.latencies, 99),
      errors: result.errors,
      missFraction: said === 0 ? Number.NaN : result.misses / said,
    };
  } finally {
    writer.close();
  }
}

export interface TimeSplit {
  name: string;
  path: string;
  /** Medians over the requests, in ms. */
  total: number;
  /** Before rendering: session, routing, every loader (Server-Timing `loaders`). */
  loaders: number;
  /** Of `loaders`, computing the read cache's answers: the model's SQL and shaping (`reads`). */
  reads: number;
  /** React rendering the document, the loader data's encoding included (`render`). */
  render: number;
  /** An estimate of the encoding's share of `render`: the loader data as JSON (`encode`). */
  encode: number;
  /** gzip of the document at the compression middleware's level (measured here, in the bench's process). */
  gzip: number;
  htmlBytes: number;
  gzipBytes: number;
}

/**
 * Where an uncached request's time goes, on a server started with BENCH_TIMINGS=1: each
 * read after a write (`write`), its Server-Timing header, and the document gzipped here
 * the way `compression()` does (zlib's default level).
 */
export async function timeSplit(
  page: { name: string; path: string },
  origin: string,
  cookie: string,
  write: () => void,
  requests = SOLO_AFTER_WRITE_REQUESTS,
): Promise<TimeSplit> {
  const samples: Record<"total" | "loaders" | "reads" | "render" | "encode" | "gzip", number[]> = {
    total: [],
    loaders: [],
    reads: [],
    render: [],
    encode: [],
    gzip: [],
  };
  let htmlBytes = 0;
  let gzipBytes = 0;
  for (let i = 0; i < requests; i++) {
    write();
    const response = await timedRequest(origin + page.path, { headers: { cookie } });
    if (response.timings.render === undefined) {
      throw new Error(
        `${page.path} answered without a render timing (HTTP ${response.status}): is BENCH_TIMINGS=1 on?`,
      );
    }
    samples.total.push(response.millis);
    for (const key of ["loaders", "reads", "render", "encode"] as const) samples[key].push(response.timings[key] ?? 0);
    const started = performance.now();
    const gzipped = gzipSync(response.bytes);
    samples.gzip.push(performance.now() - started);
    htmlBytes = response.bytes.length;
    gzipBytes = gzipped.length;
  }
  const median = (values: number[]) => percentile(ascending(values), 50);
  return {
    ...page,
    total: median(samples.total),
    loaders: median(samples.loaders),
    reads: median(samples.reads),
    render: median(samples.render),
    encode: median(samples.encode),
    gzip: median(samples.gzip),
    htmlBytes,
    gzipBytes,
  };
}
