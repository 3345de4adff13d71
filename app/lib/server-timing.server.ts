// Where a request's time goes, for `npm run bench` (docs/performance.md): with
// BENCH_TIMINGS=1 each document carries a `Server-Timing` header — the time before
// rendering (session, routing, every loader), the part of it spent computing read-cache
// answers (the model's queries and their shaping), rendering, and an estimate of
// encoding the loader data — and is rendered whole rather than streamed, so the header
// can say how long rendering took. Off (the default), nothing is recorded: one boolean
// test per request and per cached read.
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";

export const serverTimingsOn = process.env.BENCH_TIMINGS === "1";

interface RequestTimings {
  started: number;
  /** Milliseconds inside `cachedRead`'s computations (misses only). */
  reads: number;
}

const timings = new AsyncLocalStorage<RequestTimings>();

/** Runs a request's handling with its timings recorded (only when BENCH_TIMINGS=1). */
export function timedRequest<T>(handle: () => T): T {
  return serverTimingsOn ? timings.run({ started: performance.now(), reads: 0 }, handle) : handle();
}

/** `compute()`, its time added to the request's reads. */
export function timedRead<T>(compute: () => T): T {
  const current = serverTimingsOn ? timings.getStore() : undefined;
  if (current === undefined) return compute();
  const started = performance.now();
  try {
    return compute();
  } finally {
    current.reads += performance.now() - started;
  }
}

/**
 * Called when the document is about to be sent or rendered; `finish` gives the header's
 * value once it is: what came before (session, routing, loaders), the reads computed
 * meanwhile, and — for a rendered document — the render and an estimate of its encoding
 * of the loader data. Null when timings are off.
 */
export function renderStarts(loaderData: unknown): { finish(rendered: boolean): string } | null {
  const current = serverTimingsOn ? timings.getStore() : undefined;
  if (current === undefined) return null;
  const renderStarted = performance.now();
  return {
    finish(rendered) {
      const parts = [
        `loaders;dur=${(renderStarted - current.started).toFixed(2)}`,
        `reads;dur=${current.reads.toFixed(2)}`,
      ];
      if (!rendered) return parts.join(", ");
      const render = performance.now() - renderStarted;
      // Remix encodes the loader data into the document while rendering: encoding it once more,
      // as JSON (single fetch's turbo-stream does the same walk), estimates that share of the render.
      const encodeStarted = performance.now();
      JSON.stringify(loaderData);
      const encode = performance.now() - encodeStarted;
      return [...parts, `render;dur=${render.toFixed(2)}`, `encode;dur=${encode.toFixed(2)}`].join(", ");
    },
  };
}
