// How reads scale with web workers (issue #16): the server started with WEB_WORKERS = 1,
// 2 and the documented maximum (one per usable core, docs/operations.md), each time
// timed from spawning until it listens, the dashboard and the task list read cached
// (repeat views) and uncached (a write before each read), and each process's memory
// once loaded. And the first start of a copy with the reminders job on: how soon it
// listens, and how long the jobs worker then takes to make the reminders left over.
import fs from "node:fs";
import { usableCores } from "../../app/server/web-workers";
import { closedLoop, dataWriter, percentile, type LoopResult } from "./requests";

export interface WorkerServer {
  pid: number;
  readyMillis: number;
  output: () => string;
  stop: () => Promise<void>;
}

export type StartWorkers = (env: Record<string, string>) => Promise<WorkerServer>;

export interface ScalingRow {
  workers: number;
  startMillis: number;
  /** Resident memory in MB once loaded: the primary, and each web worker. */
  primaryRssMb: number;
  workerRssMb: number[];
  reads: { name: string; rps: number; p50: number; p95: number; missFraction: number }[];
}

/** 1, 2 and the documented maximum, without repeats (on two cores the maximum is 2). */
export function workerCounts(): number[] {
  return [...new Set([1, 2, usableCores()])].sort((a, b) => a - b);
}

const PAGES = [
  { name: "dashboard", path: "/" },
  { name: "task list", path: "/tasks" },
];

export async function workerScaling(options: {
  start: StartWorkers;
  origin: (server: WorkerServer) => string;
  cookie: string;
  databaseFile: string;
  connections: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const workers of workerCounts()) {
    const server = await options.start({ WEB_WORKERS: String(workers) });
    try {
      const origin = options.origin(server);
      const row: ScalingRow = {
        workers,
        startMillis: server.readyMillis,
        primaryRssMb: 0,
        workerRssMb: [],
        reads: [],
      };
      const writer = dataWriter(options.databaseFile);
      try {
        for (const page of PAGES) {
          // Each worker keeps its own answers: a round of requests on every connection first (the cluster hands
          // out connections, not requests), so that the cached row measures repeat views.
          await closedLoop({
            connections: options.connections,
            seconds: 0,
            next: () => ({ url: origin + page.path, init: { headers: { cookie: options.cookie } } }),
          });
          for (const uncached of [false, true]) {
            const result: LoopResult = await closedLoop({
              connections: options.connections,
              seconds: options.seconds,
              ...(uncached ? { before: writer.write } : {}),
              next: () => ({ url: origin + page.path, init: { headers: { cookie: options.cookie } } }),
            });
            const said = result.hits + result.misses;
            const read = {
              name: `${page.name}, ${uncached ? "uncached (a write before each)" : "cached"}`,
              rps: result.requests / result.seconds,
              p50: percentile(result.latencies, 50),
              p95: percentile(result.latencies, 95),
              missFraction: said === 0 ? Number.NaN : result.misses / said,
            };
            row.reads.push(read);
            options.log(
              `  ${workers} worker(s), ${read.name}: ${read.rps.toFixed(1)} req/s, p95 ${read.p95.toFixed(1)} ms`,
            );
          }
        }
      } finally {
        writer.close();
      }
      row.primaryRssMb = rssMb(server.pid);
      row.workerRssMb = childrenOf(server.pid).map(rssMb);
      rows.push(row);
    } finally {
      await server.stop();
    }
  }
  return rows;
}

export interface FirstStart {
  /** Spawn until listening, the bounded reminders run included. */
  readyMillis: number;
  /** The primary's line about its reminders run (how many it made, how many it left). */
  startRun: string;
  /** Spawn until the jobs worker said it had made the rest; null when none was left or it did not finish. */
  caughtUpMillis: number | null;
  catchUpRun: string | null;
}

/**
 * The first start of a fresh copy of the generated data with the reminders job on, as
 * after generating it: when it listens, and when the jobs worker has made the reminders
 * the start left (it says so in the log), within `waitMillis`.
 */
export async function firstStart(start: StartWorkers, waitMillis: number): Promise<FirstStart> {
  const server = await start({ REMINDERS_JOB: "on" });
  const listened = performance.now();
  try {
    // The server logs JSON lines: the message ends at its closing quote.
    const runs = () => server.output().match(/Reminders job \([^)]*\):[^"\n]*/g) ?? [];
    const startRun = runs()[0] ?? "(no reminders run logged)";
    if (!startRun.includes("left for the next run")) {
      return { readyMillis: server.readyMillis, startRun, caughtUpMillis: null, catchUpRun: null };
    }
    const deadline = performance.now() + waitMillis;
    while (runs().length < 2 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const catchUpRun = runs()[1] ?? null;
    return {
      readyMillis: server.readyMillis,
      startRun,
      caughtUpMillis: catchUpRun === null ? null : server.readyMillis + (performance.now() - listened),
      catchUpRun,
    };
  } finally {
    await server.stop();
  }
}

/** A process's resident memory (VmRSS) in MB; NaN where /proc is not there. */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The processes `pid` forked (Linux): the web workers (the bench runs no jobs worker there). */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((thread) => fs.readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").trim().split(/\s+/))
      .filter((child) => child !== "")
      .map(Number);
  } catch {
    return [];
  }
}
