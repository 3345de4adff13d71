// `npm run load [-- --duration S --connections C --tasks N]`: a load test of the
// production server with autocannon — 50 connections for 60 s by default, signed
// in, mixed: leadership reading the dashboard, scorecard, task lists, search,
// directives and a task page, and department users filing progress reports (each
// with its own idempotency key). It passes when there were no errors (no socket
// error or timeout, no answer other than the expected 200 for a read and the
// page's redirect for a write) and no lost writes (every acknowledged write is in
// the database after the server stopped). Exit code 0 when it passes, 1 when not.
//
// The database is a fresh demo (default) or, with --tasks N, a copy of the
// generated data/bench-N.db (made like `npm run bench` makes it). A 10-second run
// is part of the browser tests (tests/e2e/load.e2e.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { today as todayInHanoi } from "../../app/domain/dates";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { generateLargeDatabase, LARGE_DATA_PASSWORD } from "../../db/seed/large-data";
import {
  checkDatabase,
  isAcknowledged,
  reportForm,
  reportTargets,
  storedKeys,
  type ReportTarget,
} from "../setup/report-writers";
import { signInOverHttp, startServer, type ServerProcess } from "../setup/server-process";

export interface LoadOptions {
  duration: number;
  connections: number;
  /** Tasks of a generated database; null: the demo data. */
  tasks: number | null;
  /** Share of the connections that write. */
  writeShare: number;
  /**
   * Seconds a request may wait for its answer before it counts as an error. Generous:
   * this test is about errors and lost writes, not latency (that is `npm run bench`),
   * and 50 connections queue on one Node process on a shared 2-core machine.
   */
  timeout: number;
  log?: (line: string) => void;
}

export const DEFAULT_LOAD: LoadOptions = { duration: 60, connections: 50, tasks: null, writeShare: 0.4, timeout: 30 };

interface Tally {
  count: number;
  latencies: number[];
  /** Answers other than the expected one, by "METHOD status". */
  unexpected: Map<string, { count: number; sample: string }>;
}

export interface LoadResult {
  options: Omit<LoadOptions, "log">;
  database: string;
  readPaths: string[];
  writers: string[];
  reads: { count: number; p50: number; p95: number; p99: number };
  writes: { acknowledged: number; stored: number; lost: number; p50: number; p95: number; p99: number };
  /** Socket errors and timeouts (autocannon). */
  errors: number;
  timeouts: number;
  unexpected: { answer: string; count: number; sample: string }[];
  integrity: string;
  passed: boolean;
}

/** What a writing connection remembers between sending a report and reading its answer. */
interface WriteContext {
  key: string;
  taskId: number;
}

const newTally = (): Tally => ({ count: 0, latencies: [], unexpected: new Map() });

function note(tally: Tally, answer: string, sample: string): void {
  const seen = tally.unexpected.get(answer) ?? { count: 0, sample };
  seen.count++;
  tally.unexpected.set(answer, seen);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function headerValue(headers: unknown, name: string): string | null {
  if (typeof headers !== "object" || headers === null) return null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry === undefined ? null : String(entry[1]);
}

/** A fresh demo (the server loads it into the empty file) or a copy of a generated database. */
async function prepareDatabase(tasks: number | null, dir: string, log: (line: string) => void): Promise<string> {
  const target = path.join(dir, "load.db");
  if (tasks === null) return target;
  const cached = path.resolve(`data/bench-${tasks}.db`);
  if (!fs.existsSync(cached)) {
    log(`Generating ${path.relative(process.cwd(), cached)} (${tasks} tasks)…`);
    await generateLargeDatabase({ tasks, seed: 1, out: cached, today: todayInHanoi() });
  }
  const source = new Database(cached, { readonly: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return target;
}

/** What leadership reads, and a task it may see. */
function readPaths(databaseFile: string): { login: string; paths: string[] } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const login = (
      db.prepare(`SELECT login FROM users WHERE role = 'leadership' AND active = 1 ORDER BY id LIMIT 1`).get() as {
        login: string;
      }
    ).login;
    const task = (
      db
        .prepare(
          `SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id
           WHERE d.state = 'issued' AND t.state = 'in_progress' ORDER BY t.id LIMIT 1`,
        )
        .get() as { id: number }
    ).id;
    return {
      login,
      paths: [
        "/",
        "/tasks",
        "/tasks?status=overdue",
        "/tasks?sort=status&dir=desc",
        "/search?q=dao+tao",
        `/tasks/${task}`,
        "/directives",
        "/scorecard",
        "/departments",
      ],
    };
  } finally {
    db.close();
  }
}

/** Writers: up to `connections` department users, each with the tasks it coordinates. */
function writerGroups(targets: ReportTarget[], connections: number): Map<string, ReportTarget[]> {
  const groups = new Map<string, ReportTarget[]>();
  for (const target of targets) {
    if (!groups.has(target.login) && groups.size >= connections) continue;
    groups.set(target.login, [...(groups.get(target.login) ?? []), target]);
  }
  return groups;
}

function run(options: autocannon.Options, onResponse: (status: number, time: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("response", (_client, status, _bytes, time) => onResponse(status, time));
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-load-"));
  let server: ServerProcess | null = null;
  try {
    const databaseFile = await prepareDatabase(options.tasks, dir, log);
    const password = options.tasks === null ? DEMO_PASSWORD : LARGE_DATA_PASSWORD;
    log("Starting the production server…");
    server = await startServer({ databaseFile, timeoutMs: 600_000 });
    const origin = server.origin;

    const reader = readPaths(databaseFile);
    const readCookie = await signInOverHttp(origin, reader.login, password);
    for (const pathname of reader.paths) {
      const response = await fetch(`${origin}${pathname}`, { headers: { Cookie: readCookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${pathname} answers ${response.status} before any load`);
    }
    const writerConnections = Math.max(1, Math.round(options.connections * options.writeShare));
    const readerConnections = Math.max(1, options.connections - writerConnections);
    const groups = writerGroups(reportTargets(databaseFile), writerConnections);
    if (groups.size === 0) throw new Error("no department user coordinates a task in progress: nothing to write");
    const cookies = new Map<string, string>();
    for (const login of groups.keys()) cookies.set(login, await signInOverHttp(origin, login, password));

    log(
      `Load: ${options.connections} connections (${readerConnections} reading as ${reader.login}, ` +
        `${writerConnections} writing as ${groups.size} department users) for ${options.duration} s…`,
    );
    const reads = newTally();
    const writes = newTally();
    const acknowledged: string[] = [];
    let sequence = 0;
    const runId = Date.now().toString(36);

    const readRun = run(
      {
        url: origin,
        connections: readerConnections,
        duration: options.duration,
        timeout: options.timeout,
        headers: { cookie: readCookie },
        requests: reader.paths.map((pathname) => ({
          method: "GET" as const,
          path: pathname,
          onResponse: (status: number, body: string) => {
            if (status !== 200) note(reads, `GET ${pathname} ${status}`, body.slice(0, 200));
          },
        })),
      },
      (_status, time) => {
        reads.count++;
        reads.latencies.push(time);
      },
    );

    // Each writer's connections take turns over its tasks; every request carries a new key.
    const logins = [...groups.keys()];
    const writeRuns = logins.map((login, index) => {
      const tasks = groups.get(login)!;
      const connections =
        Math.floor(writerConnections / logins.length) + (index < writerConnections % logins.length ? 1 : 0);
      return run(
        {
          url: origin,
          connections,
          duration: options.duration,
          timeout: options.timeout,
          headers: {
            cookie: cookies.get(login)!,
            origin,
            "content-type": "application/x-www-form-urlencoded",
          },
          requests: [
            {
              method: "POST",
              setupRequest: (request, raw) => {
                const context = raw as WriteContext;
                const n = sequence++;
                const target = tasks[n % tasks.length]!;
                const key = `load-${runId}-${n}`;
                context.key = key;
                context.taskId = target.taskId;
                return {
                  ...request,
                  path: `/tasks/${target.taskId}`,
                  body: new URLSearchParams(reportForm(target, key, n)).toString(),
                };
              },
              onResponse: (status, body, raw, headers) => {
                const context = raw as WriteContext;
                const location = headerValue(headers, "location");
                if (isAcknowledged(status, location, context.taskId)) {
                  acknowledged.push(context.key);
                } else note(writes, `POST ${status}`, `${location ?? ""} ${body.slice(0, 200)}`);
              },
            },
          ],
        },
        (_status, time) => {
          writes.count++;
          writes.latencies.push(time);
        },
      );
    });

    const results = await Promise.all([readRun, ...writeRuns]);
    await server.stop();
    server = null;

    const stored = storedKeys(databaseFile, acknowledged);
    const check = checkDatabase(databaseFile, `load-${runId}-`);
    const unexpected = [...reads.unexpected, ...writes.unexpected].map(([answer, seen]) => ({ answer, ...seen }));
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    const timeouts = results.reduce((sum, result) => sum + result.timeouts, 0);
    const lost = acknowledged.length - stored.size;
    const result: LoadResult = {
      options: {
        duration: options.duration,
        connections: options.connections,
        tasks: options.tasks,
        writeShare: options.writeShare,
        timeout: options.timeout,
      },
      database: options.tasks === null ? "demo" : `generated, ${options.tasks} tasks`,
      readPaths: reader.paths,
      writers: logins,
      reads: {
        count: reads.count,
        p50: percentile(reads.latencies, 50),
        p95: percentile(reads.latencies, 95),
        p99: percentile(reads.latencies, 99),
      },
      writes: {
        acknowledged: acknowledged.length,
        stored: stored.size,
        lost,
        p50: percentile(writes.latencies, 50),
        p95: percentile(writes.latencies, 95),
        p99: percentile(writes.latencies, 99),
      },
      errors,
      timeouts,
      unexpected,
      integrity: check.integrity,
      passed:
        errors === 0 &&
        timeouts === 0 &&
        unexpected.length === 0 &&
        lost === 0 &&
        acknowledged.length > 0 &&
        reads.count > 0 &&
        check.integrity === "ok" &&
        check.reportsWithoutAudit === 0,
    };
    return result;
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatLoadResult(result: LoadResult): string {
  const ms = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(0)} ms`);
  const seconds = result.options.duration;
  const lines = [
    `Load test: ${result.options.connections} connections, ${seconds} s, ${result.database} database`,
    `  reads : ${result.reads.count} (${(result.reads.count / seconds).toFixed(1)}/s), ` +
      `p50 ${ms(result.reads.p50)}, p95 ${ms(result.reads.p95)}, p99 ${ms(result.reads.p99)}`,
    `  writes: ${result.writes.acknowledged} acknowledged (${(result.writes.acknowledged / seconds).toFixed(1)}/s), ` +
      `p50 ${ms(result.writes.p50)}, p95 ${ms(result.writes.p95)}, p99 ${ms(result.writes.p99)}`,
    `  lost writes: ${result.writes.lost} (${result.writes.stored} of ${result.writes.acknowledged} stored)`,
    `  errors: ${result.errors}, timeouts: ${result.timeouts}, unexpected answers: ${result.unexpected.reduce((n, u) => n + u.count, 0)}`,
    ...result.unexpected.map((u) => `    ${u.answer} ×${u.count}: ${u.sample}`),
    `  integrity_check: ${result.integrity}`,
    result.passed ? "PASS" : "FAIL",
  ];
  return lines.join("\n");
}

function parseArgs(argv: readonly string[]): LoadOptions {
  const options = { ...DEFAULT_LOAD };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer`);
    if (arg === "--duration") options.duration = value;
    else if (arg === "--connections") options.connections = value;
    else if (arg === "--tasks") options.tasks = value;
    else if (arg === "--timeout") options.timeout = value;
    else throw new Error(`Unknown option ${arg}. Options: --duration S --connections C --tasks N --timeout S`);
  }
  if (options.connections < 2) throw new Error("--connections must be at least 2 (readers and writers)");
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const result = await runLoad(parseArgs(process.argv.slice(2)));
    console.log(formatLoadResult(result));
    process.exit(result.passed ? 0 : 1);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
