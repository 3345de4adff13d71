// `npx tsx tests/bench/past-days.ts <database> [--runs N] [--writes N] [--past yyyy-mm-dd,…] [--seed S]`:
// past days and both bases (docs/decisions/018), in-process, on a copy of a
// generated database (the file given is never written):
//
// 1. the start-up rebuild of the stored spans and counts (`ensureTaskStatusFacts`
//    after the version changed: every task evaluated on both bases);
// 2. back-dated writes by the secretariat — `recordPastExtension`,
//    `recordPastCompletion`, `changeDeadline` — N of each (default 100) on random
//    open dated tasks, each on a day after the task's latest move: the model call,
//    one IMMEDIATE transaction that refreshes the task's spans and counts on both
//    bases, fsynced at synchronous=FULL;
// 3. the reads as of past days on both bases ("happened", "recorded") and today:
//    `dashboardFigures`, `scorecard`, `listTasks` (first page; the tasks that read
//    differently), `readingDifferences` — p50/p95 over N runs after a warm-up;
// 4. exactness after the writes: for every task written (and a random sample of
//    others), the stored status (`taskStatusesAsOf`) against the reference
//    (`taskStatusAsOf` from `loadTaskFacts`) on both bases, on the first and last
//    day of each of their stored spans and a dozen other days each;
//    then a full `rebuildTaskStatusFacts` (timed) and the spans, counts, trend
//    counts and a few dashboards/scorecards compared with what the writes kept.
//    Prints PASS or FAIL; exits 1 on FAIL.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { addDays, today, type LocalDate } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { taskStatusAsOf } from "../../app/domain/status";
import { dateOfDayNumber, OPEN_END } from "../../app/domain/status-spans";
import { STATUS_BASES } from "../../app/domain/vocabulary";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { dashboardFigures, readingDifferences, scorecard } from "../../app/models/dashboard.server";
import { getStatusRules } from "../../app/models/settings.server";
import {
  ensureTaskStatusFacts,
  loadTaskFacts,
  rebuildTaskStatusFacts,
  statusRulesInForce,
} from "../../app/models/status-facts.server";
import { taskStatusesAsOf } from "../../app/models/task-status.server";
import { listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { seededRandom, timePastRecords, type PastRecordWritten } from "./writes";

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const source = process.argv[2];
if (!source || source.startsWith("--") || !fs.existsSync(source)) {
  console.error(
    "Usage: npx tsx tests/bench/past-days.ts <database> [--runs N] [--writes N] [--past yyyy-mm-dd,…] [--seed S]",
  );
  process.exit(2);
}
const runs = Number(argValue("--runs") ?? 20);
const writes = Number(argValue("--writes") ?? 100);
const seed = Number(argValue("--seed") ?? 1);
const todayIs = today();
// 31/12/2024 (the older rows of docs/performance.md), and a month ago (where most back-dated writes land).
const pastDays = (argValue("--past") ?? `2024-12-31,${addDays(todayIs, -30)}`).split(",");

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
const fmt = (value: number) => value.toFixed(2).padStart(8);
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;

function timed<T>(work: () => T): { result: T; millis: number; cpuMillis: number } {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const millis = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { result, millis, cpuMillis: (cpu.user + cpu.system) / 1000 };
}

/** Wall-clock p50/p95, and the p50 of this process's CPU time (what the call costs without waiting for other jobs). */
function printTimings(name: string, millis: number[], cpuMillis: number[], extra = ""): void {
  const sorted = [...millis].sort((a, b) => a - b);
  const cpu = [...cpuMillis].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(52)} p50 ${fmt(percentile(sorted, 0.5))} ms   p95 ${fmt(percentile(sorted, 0.95))} ms` +
      `   cpu p50 ${fmt(percentile(cpu, 0.5))} ms   (${sorted.length} runs${extra})`,
  );
}

// ---------------------------------------------------------------- the copy

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-past-days-"));
const file = path.join(workDir, "bench.db");
let failed = false;
try {
  {
    const { millis } = await (async () => {
      const started = performance.now();
      const original = new Database(source, { readonly: true });
      try {
        await original.backup(file);
      } finally {
        original.close();
      }
      return { millis: performance.now() - started };
    })();
    console.log(`${source} copied to ${file} in ${seconds(millis)}`);
  }
  const db: AppDatabase = openDatabase(file);
  const client = db.$client;
  const taskCount = (client.prepare(`SELECT count(*) AS n FROM tasks`).get() as { n: number }).n;
  const spanCount = () => (client.prepare(`SELECT count(*) AS n FROM task_status_spans`).get() as { n: number }).n;

  // ---------------------------------------------------------------- 1. start-up rebuild

  client.prepare(`UPDATE task_status_meta SET version = 0`).run();
  const rebuild = timed(() => ensureTaskStatusFacts(db, getStatusRules(db)));
  client.pragma("wal_checkpoint(TRUNCATE)");
  const rules = statusRulesInForce(db);
  console.log(
    `${taskCount} tasks, ${spanCount()} spans; today ${todayIs}; status rules: due soon within ${rules.dueSoonDays} ` +
      `days, stale after ${rules.staleAfterDays} days; load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`,
  );
  const per100k = (millis: number) => `${((millis / 1000) * (100_000 / taskCount)).toFixed(1)} s`;
  console.log(
    `start-up rebuild (ensureTaskStatusFacts, version changed: ${rebuild.result}): ${seconds(rebuild.millis)} ` +
      `(${per100k(rebuild.millis)} per 100,000 tasks), CPU ${seconds(rebuild.cpuMillis)} ` +
      `(${per100k(rebuild.cpuMillis)} per 100,000 tasks)\n`,
  );

  // ---------------------------------------------------------------- 2. back-dated writes

  const secretariat = client
    .prepare(`SELECT login FROM users WHERE role = 'secretariat' AND active = 1 ORDER BY id LIMIT 1`)
    .get() as { login: string };
  const { timings, written } = timePastRecords(db, secretariat.login, writes, seed);
  console.log(`Back-dated writes as ${secretariat.login} (each on another open dated task; in ms)`);
  for (const t of timings) {
    printTimings(
      t.name,
      t.millis,
      t.cpuMillis,
      `, ${t.failed} refused${t.firstFailure ? `: first ${t.firstFailure}` : ""}, ${(t.calls / (t.wallMillis / 1000)).toFixed(0)}/s`,
    );
    if (t.failed > 0) failed = true;
  }
  const differing = (day: LocalDate) => written.filter((w) => w.on <= day).length;
  console.log(
    `written facts taking effect by each past day: ${pastDays.map((d) => `${d}: ${differing(d)}`).join(", ")} ` +
      `(of ${written.length}); spans now ${spanCount()}, of which basis 1/2: ${
        (client.prepare(`SELECT count(*) AS n FROM task_status_spans WHERE basis > 0`).get() as { n: number }).n
      }\n`,
  );

  // ---------------------------------------------------------------- 3. reads

  const t = translator("vi");
  const leadership = db.get<Actor>(
    sql`SELECT id, role, department_id AS departmentId FROM users WHERE role = 'leadership' ORDER BY id LIMIT 1`,
  )!;
  const firstPage = taskListQuery(t).parse({});
  const differsPage = taskListQuery(t).parse({ differs: "1" });
  const cases: [string, () => unknown][] = [];
  // Today, on both bases: the same code, and the baseline the past days are compared with.
  for (const basis of STATUS_BASES) {
    cases.push([
      `dashboard figures, today, ${basis}`,
      () => dashboardFigures(db, leadership, {}, todayIs, true, basis),
    ]);
  }
  for (const basis of STATUS_BASES) {
    cases.push([`scorecard, today, ${basis}`, () => scorecard(db, leadership, {}, todayIs, true, basis)]);
  }
  for (const basis of STATUS_BASES) {
    cases.push([`task list, first page, today, ${basis}`, () => listTasks(db, leadership, firstPage, todayIs, basis)]);
  }
  for (const day of pastDays) {
    for (const basis of STATUS_BASES) {
      cases.push([
        `dashboard figures as of ${day}, ${basis}`,
        () => dashboardFigures(db, leadership, {}, day, false, basis),
      ]);
    }
    for (const basis of STATUS_BASES) {
      cases.push([`scorecard as of ${day}, ${basis}`, () => scorecard(db, leadership, {}, day, false, basis)]);
    }
    for (const basis of STATUS_BASES) {
      cases.push([
        `task list, first page, as of ${day}, ${basis}`,
        () => listTasks(db, leadership, firstPage, day, basis),
      ]);
    }
    cases.push([
      `task list, reading differently on ${day}`,
      () => listTasks(db, leadership, differsPage, day, "recorded"),
    ]);
    cases.push([
      `readingDifferences count on ${day}`,
      () => readingDifferences(db, leadership, {}, day, false, "recorded"),
    ]);
  }
  console.log(`Reads as leadership, all tasks in scope (in ms)`);
  for (const [name, run] of cases) {
    const first = run();
    const millis: number[] = [];
    const cpuMillis: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { millis: wall, cpuMillis: cpu } = timed(run);
      millis.push(wall);
      cpuMillis.push(cpu);
    }
    const note =
      name.startsWith("readingDifferences") && first !== null
        ? `, count ${(first as { count: number }).count}`
        : name.startsWith("task list, reading differently")
          ? `, ${(first as { rowCount: number }).rowCount} tasks`
          : "";
    printTimings(name, millis, cpuMillis, note);
  }

  // ---------------------------------------------------------------- 4. exactness

  console.log(`\nExactness after the writes`);
  const problems: string[] = [];
  const dirty = (client.prepare(`SELECT count(*) AS n FROM task_status_dirty`).get() as { n: number }).n;
  if (dirty !== 0) problems.push(`${dirty} tasks left marked in task_status_dirty`);

  // a. Stored statuses of the tasks written (and a sample of others) = the reference, on both bases.
  const random = seededRandom(seed + 1);
  const writtenIds = new Set(written.map((w) => w.taskId));
  const { maxId } = client.prepare(`SELECT max(id) AS maxId FROM tasks`).get() as { maxId: number };
  const others = [...new Set(Array.from({ length: 300 }, () => 1 + Math.floor(random() * maxId)))].filter(
    (id) => !writtenIds.has(id) && client.prepare(`SELECT 1 FROM tasks WHERE id = ?`).get(id) !== undefined,
  );
  const byTask = new Map<number, PastRecordWritten>(written.map((w) => [w.taskId, w]));
  const ids = [...writtenIds, ...others];
  const facts = loadTaskFacts(db, ids);
  let compared = 0;
  const spanDays = client.prepare<[number], { from_day: number; to_day: number }>(
    `SELECT from_day, to_day FROM task_status_spans WHERE task_id = ?`,
  );
  for (const id of ids) {
    const f = facts.get(id)!;
    const assignedOn = (client.prepare(`SELECT assigned_on AS a FROM tasks WHERE id = ?`).get(id) as { a: string }).a;
    const w = byTask.get(id);
    const days = new Set<LocalDate>([
      addDays(assignedOn, -1),
      assignedOn,
      ...pastDays,
      addDays(todayIs, -1),
      todayIs,
      addDays(todayIs, 10),
      ...(w ? [addDays(w.on, -1), w.on, addDays(w.on, 1), addDays(w.on, 3), addDays(w.on, 4)] : []),
      // Random days between the assignment and a month after today.
      ...Array.from({ length: 4 }, () => {
        const span = Math.max(1, (Date.parse(todayIs) - Date.parse(assignedOn)) / 86_400_000 + 30);
        return addDays(assignedOn, Math.floor(random() * span));
      }),
      // The first and last day of every stored span of the task (both bases), and a year into the open-ended ones.
      ...spanDays
        .all(id)
        .flatMap(({ from_day: from, to_day: to }) =>
          to === OPEN_END
            ? [dateOfDayNumber(from), dateOfDayNumber(from + 365)]
            : [dateOfDayNumber(from), dateOfDayNumber(to - 1)],
        ),
    ]);
    for (const day of days) {
      for (const basis of STATUS_BASES) {
        const row = taskStatusesAsOf(db, [id], day, basis).get(id);
        const stored = row && {
          status: row.status,
          dueDate: row.dueDate,
          late: row.late,
          daysLate: row.daysLate,
          stale: row.stale,
          awaitingSince: row.awaitingSince,
        };
        const reference = taskStatusAsOf(f, day, rules, basis);
        compared++;
        if (JSON.stringify(stored ?? null) !== JSON.stringify(reference)) {
          problems.push(
            `task ${id}${w ? ` (${w.kind} of ${w.on})` : ""} as of ${day}, ${basis}: stored ${JSON.stringify(stored)} ≠ ${JSON.stringify(reference)}`,
          );
        }
      }
    }
  }
  console.log(
    `stored status = reference (taskStatusesAsOf vs taskStatusAsOf(loadTaskFacts)): ${writtenIds.size} tasks written ` +
      `+ ${others.length} others, ${compared} task × day × basis comparisons`,
  );

  // b. What the writes kept = a full rebuild, on this copy.
  const figures = () =>
    JSON.stringify(
      [...pastDays, todayIs].flatMap((day) =>
        STATUS_BASES.map((basis) => ({
          day,
          basis,
          counts: dashboardFigures(db, leadership, {}, day, day === todayIs, basis).counts,
          scorecard: scorecard(db, leadership, {}, day, day === todayIs, basis).map((r) => [
            r.department.id,
            Object.values(r.figures).map((f) => f.count),
          ]),
        })),
      ),
    );
  // The counts kept by the writes go to temporary tables (not the JS heap, which would slow the rebuild's GC).
  const COUNTS = {
    status: {
      table: "task_status_rollups",
      key: "basis, visibility, committee_id, department_id, level, bucket, series",
    },
    trend: {
      table: "task_status_trend_rollups",
      key: "basis, visibility, committee_id, due_month, level, bucket, series",
    },
  } as const;
  const spansDigest = () => {
    const hash = crypto.createHash("sha256");
    let rows = 0;
    for (const row of client
      .prepare(`SELECT * FROM task_status_spans ORDER BY task_id, basis, from_day`)
      .raw()
      .iterate() as IterableIterator<unknown[]>) {
      hash.update(row.join("|") + "\n");
      rows++;
    }
    return `${rows} rows, sha256 ${hash.digest("hex").slice(0, 16)}`;
  };
  const keptRows: Record<string, number> = {};
  for (const [name, { table, key }] of Object.entries(COUNTS)) {
    client.exec(`DROP TABLE IF EXISTS temp.kept_${name};
      CREATE TEMP TABLE kept_${name} AS SELECT ${key}, n FROM ${table} WHERE n <> 0`);
    keptRows[name] = (client.prepare(`SELECT count(*) AS n FROM temp.kept_${name}`).get() as { n: number }).n;
  }
  /** Rows (key and count) on one side only, both ways: 0 when what the writes kept equals the rebuild. */
  const diff = (name: keyof typeof COUNTS) => {
    const { table, key } = COUNTS[name];
    const fresh = `SELECT ${key}, n FROM main.${table} WHERE n <> 0`;
    const kept = `SELECT ${key}, n FROM temp.kept_${name}`;
    const onlyKept = client.prepare(`${kept} EXCEPT ${fresh}`).raw().all() as unknown[][];
    const onlyFresh = client.prepare(`${fresh} EXCEPT ${kept}`).raw().all() as unknown[][];
    for (const row of onlyKept.slice(0, 10)) problems.push(`${name} counts kept, not in the rebuild: ${row.join("/")}`);
    for (const row of onlyFresh.slice(0, 10)) problems.push(`${name} counts rebuilt, not kept: ${row.join("/")}`);
    return onlyKept.length + onlyFresh.length;
  };
  const kept = { spans: spansDigest(), figures: figures() };
  const rebuilt = timed(() => rebuildTaskStatusFacts(client, rules));
  const fresh = { spans: spansDigest(), figures: figures() };
  if (kept.spans !== fresh.spans) problems.push(`spans: kept ${kept.spans} ≠ rebuilt ${fresh.spans}`);
  const rollupDiffs = diff("status");
  const trendDiffs = diff("trend");
  if (kept.figures !== fresh.figures) problems.push(`dashboard counts or scorecard differ after the rebuild`);
  console.log(
    `rebuildTaskStatusFacts after the writes: ${seconds(rebuilt.millis)} (${per100k(rebuilt.millis)} per 100,000 ` +
      `tasks), CPU ${seconds(rebuilt.cpuMillis)}`,
  );
  console.log(
    `kept by the writes vs rebuilt: spans ${kept.spans === fresh.spans ? "equal" : "DIFFER"} (${fresh.spans}); ` +
      `status counts ${keptRows.status} non-zero rows, ${rollupDiffs} differing; trend counts ${keptRows.trend} ` +
      `non-zero rows, ${trendDiffs} differing; dashboard counts and scorecard (${pastDays.length + 1} days × 2 bases) ` +
      `${kept.figures === fresh.figures ? "equal" : "DIFFER"}`,
  );

  for (const problem of problems.slice(0, 30)) console.log(`  ${problem}`);
  if (problems.length > 30) console.log(`  … and ${problems.length - 30} more`);
  if (problems.length > 0) failed = true;
  console.log(failed ? "FAIL" : "PASS");
  db.$client.close();
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
