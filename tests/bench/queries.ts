// `npx tsx tests/bench/queries.ts <database> [--runs N] [--as-of yyyy-mm-dd]`: the
// hot read queries, timed in-process (the model functions the loaders call, no
// HTTP, no rendering), on a generated database: p50/p95 over N runs each, after a
// warm-up run. The figures of docs/performance.md (per-query, in-process).
// Read-only: it opens the file, runs reads, and closes it.
import { sql } from "drizzle-orm";
import { today } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/permissions";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { translator } from "../../app/lib/i18n";
import { dashboardFigures, scorecard } from "../../app/models/dashboard.server";
import { directiveProgressByLevel } from "../../app/models/directive-progress.server";
import { search } from "../../app/models/search.server";
import { statusCountsInScope } from "../../app/models/status-counts.server";
import { departmentQuarters } from "../../app/models/department-quarters.server";
import { statusRulesInForce } from "../../app/models/status-facts.server";
import { filterOptions, listTasks } from "../../app/models/task-list.server";
import { taskListQuery } from "../../app/lib/task-list-query";
import { listDepartments } from "../../app/routes/departments._index/queries.server";
import { monthlyTrend } from "../../app/models/trend.server";

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const file = process.argv[2];
if (!file || file.startsWith("--")) {
  console.error("Usage: npx tsx tests/bench/queries.ts <database> [--runs N] [--as-of yyyy-mm-dd] [--only text]");
  process.exit(2);
}
const runs = Number(argValue("--runs") ?? 30);
const asOf = argValue("--as-of") ?? today();
const only = argValue("--only");
const db: AppDatabase = openDatabase(file);
const t = translator("vi");

const actor = (where: ReturnType<typeof sql>) =>
  db.get<Actor>(sql`SELECT id, role, department_id AS departmentId FROM users WHERE ${where} ORDER BY id LIMIT 1`)!;
const leadership = actor(sql`role = 'leadership'`);
const secretariat = actor(sql`role = 'secretariat'`);
const busiest = db.get<{ id: number }>(sql`
  SELECT lead_department_id AS id FROM tasks WHERE state = 'in_progress'
  GROUP BY lead_department_id ORDER BY count(*) DESC LIMIT 1`)!.id;
const deptLead = actor(sql`role = 'dept_lead' AND department_id = ${busiest}`);
const committee = db.get<{ id: number }>(sql`SELECT id FROM committees ORDER BY id LIMIT 1`)!.id;
const list = (a: Actor, query: Record<string, string>) =>
  listTasks(db, a, taskListQuery(t).parse(query), asOf).rowCount;
const lastPage = Math.ceil(list(leadership, {}) / 50);
// A further filter over the tasks, as a period of assignment (the quarter before as-of day's).
const quarterStart = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`);
quarterStart.setUTCMonth(quarterStart.getUTCMonth() - 3 - (quarterStart.getUTCMonth() % 3));
const quarterEnd = new Date(quarterStart);
quarterEnd.setUTCMonth(quarterEnd.getUTCMonth() + 3);
quarterEnd.setUTCDate(0);
const quarterKey = `${quarterStart.getUTCFullYear()}-Q${Math.floor(quarterStart.getUTCMonth() / 3) + 1}`;
const quarter = sql`t.assigned_on >= ${quarterStart.toISOString().slice(0, 10)}
  AND t.assigned_on <= ${quarterEnd.toISOString().slice(0, 10)}`;

const cases: [string, () => unknown][] = [
  ["dashboard figures (leadership)", () => dashboardFigures(db, leadership, {}, asOf, true)],
  ["dashboard directive progress", () => directiveProgressByLevel(db, leadership, {}, asOf, "happened", 11)],
  ["dashboard filter options", () => filterOptions(db, leadership)],
  ["dashboard, committee filter", () => dashboardFigures(db, leadership, { committee }, asOf, true)],
  ["dashboard, department filter", () => dashboardFigures(db, leadership, { department: busiest }, asOf, true)],
  ["dashboard, department user", () => dashboardFigures(db, deptLead, {}, asOf, true)],
  [
    "dashboard, a department's quarter",
    () => dashboardFigures(db, leadership, { department: busiest, period: quarterKey }, asOf, true),
  ],
  ["dashboard as of 31/12/2024", () => dashboardFigures(db, leadership, {}, "2024-12-31", false)],
  ["dashboard counts, a quarter's tasks", () => statusCountsInScope(db, { actor: leadership, extra: quarter }, asOf)],
  ["dashboard trend (leadership)", () => monthlyTrend(db, leadership, {}, asOf, true)],
  ["dashboard trend (secretariat)", () => monthlyTrend(db, secretariat, {}, asOf, true)],
  ["dashboard trend, committee filter", () => monthlyTrend(db, leadership, { committee }, asOf, true)],
  ["dashboard trend, department filter", () => monthlyTrend(db, leadership, { department: busiest }, asOf, true)],
  ["dashboard trend, department user", () => monthlyTrend(db, deptLead, {}, asOf, true)],
  ["dashboard trend, a quarter's tasks", () => monthlyTrend(db, leadership, { period: quarterKey }, asOf, true)],
  ["dashboard trend as of 31/12/2024", () => monthlyTrend(db, leadership, {}, "2024-12-31", false)],
  ["scorecard", () => scorecard(db, leadership, {}, asOf, true)],
  ["scorecard, committee filter", () => scorecard(db, leadership, { committee }, asOf, true)],
  ["departments page", () => listDepartments(db, leadership, asOf, "happened")],
  ["a department's page (its quarters)", () => departmentQuarters(db, leadership, busiest, "happened", asOf)],
  ["task list, a department, by update", () => list(leadership, { department: String(busiest), sort: "updated" })],
  ["task list, first page", () => list(leadership, {})],
  ["task list, overdue of a department", () => list(leadership, { status: "overdue", department: String(busiest) })],
  ["task list, by status desc", () => list(leadership, { sort: "status", dir: "desc" })],
  ["task list, by deadline desc", () => list(leadership, { sort: "deadline", dir: "desc" })],
  ["task list, deep page", () => list(leadership, { page: String(lastPage) })],
  ["task list, middle page", () => list(leadership, { page: String(Math.ceil(lastPage / 2)) })],
  ["task list, department user", () => list(deptLead, {})],
  ["task list, due range (spans count)", () => list(leadership, { dueFrom: "2026-01-01", dueTo: "2026-12-31" })],
  ["task list, sorted by update", () => list(leadership, { sort: "updated", dir: "desc" })],
  ["search 'dao tao' (leadership)", () => search(db, leadership, "dao tao")],
  ["search 'dao tao' (department user)", () => search(db, deptLead, "dao tao")],
  ["search 'so hoa ho so' (secretariat)", () => search(db, secretariat, "so hoa ho so")],
  // Accented: the typed diacritics reorder each tier (decision 025).
  ["search 'số hóa' (leadership)", () => search(db, leadership, "số hóa")],
];

const rules = statusRulesInForce(db);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
console.log(
  `${file}: ${db.get<{ n: number }>(sql`SELECT count(*) AS n FROM tasks`)!.n} tasks, as of ${asOf}, ${runs} runs each; ` +
    `status rules in force: due soon within ${rules.dueSoonDays} days, stale after ${rules.staleAfterDays} days`,
);
for (const [name, run] of cases) {
  if (only && !name.includes(only)) continue;
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(40)} p50 ${percentile(times, 0.5).toFixed(2).padStart(8)} ms   p95 ${percentile(times, 0.95).toFixed(2).padStart(8)} ms`,
  );
}
db.$client.close();
