// Checks the stored status facts (app/models/status-facts.server.ts) against the
// reference rules (app/domain/status.ts): every task's span for each day and the
// lead department it names, the stored counts of every scope they keep (visibility;
// committee; lead department; by department), and the stored trend counts
// (visibility; committee) of every month of due date, each recomputed here from the
// reference statuses and from the lead assignments as of the day (the latest begun
// by its end, else the first) — on both readings of a past day (as it happened; as
// recorded: only what had been recorded by the end of the day).
import { sql } from "drizzle-orm";
import { endOfLocalDay, type LocalDate } from "../../app/domain/dates";
import { taskStatusAsOf, type StatusRules } from "../../app/domain/status";
import { STATUS_BASES, TASK_STATUSES, type StatusBasis } from "../../app/domain/vocabulary";
import type { AppDatabase } from "../../app/models/db.server";
import {
  loadTaskFacts,
  rollupCounts,
  spanBasisFilter,
  trendRollupCounts,
  type RollupScope,
  type RollupSeries,
  type TrendRollupSeries,
} from "../../app/models/status-facts.server";
import { spanContains, spanStatusesAsOf } from "../../app/models/task-status.server";

const SERIES = [...TASK_STATUSES, "stale"] as RollupSeries[];
const TREND_SERIES: TrendRollupSeries[] = ["due", "done_on_time", "done_late", "overdue"];

/** Differences between the stored facts and the reference, as readable lines (empty when they agree). */
export function storedFactsMismatches(db: AppDatabase, asOfDays: readonly LocalDate[], rules: StatusRules): string[] {
  return STATUS_BASES.flatMap((basis) => mismatchesOn(db, asOfDays, rules, basis).map((line) => `${basis}: ${line}`));
}

function mismatchesOn(
  db: AppDatabase,
  asOfDays: readonly LocalDate[],
  rules: StatusRules,
  basis: StatusBasis,
): string[] {
  const tasks = db.all<{ id: number; visibility: number; committee: number; department: number }>(sql`
    SELECT t.id, CASE WHEN d.state = 'draft' THEN 2 WHEN d.confidential THEN 1 ELSE 0 END AS visibility,
      d.committee_id AS committee, t.lead_department_id AS department
    FROM tasks t JOIN directives d ON d.id = t.directive_id`);
  const facts = loadTaskFacts(
    db,
    tasks.map((t) => t.id),
  );
  const assignments = new Map<number, { department: number; from: number; recorded: number }[]>();
  for (const a of db.all<{ task_id: number; department_id: number; from_at: number; recorded_at: number }>(sql`
    SELECT task_id, department_id, from_at, coalesce(recorded_at, from_at) AS recorded_at
    FROM task_lead_assignments ORDER BY from_at, id`)) {
    const list = assignments.get(a.task_id) ?? [];
    list.push({ department: a.department_id, from: a.from_at, recorded: a.recorded_at });
    assignments.set(a.task_id, list);
  }
  /** The reference lead department of a task at the end of a day (as recorded: of the assignments recorded by then). */
  const leadOn = (task: { id: number; department: number }, asOf: LocalDate) => {
    const cutoff = endOfLocalDay(asOf);
    const list = (assignments.get(task.id) ?? []).filter((a) => basis === "happened" || a.recorded < cutoff);
    const begun = list.filter((a) => a.from < cutoff);
    return (begun.at(-1) ?? list[0])?.department ?? task.department;
  };
  const committees = [...new Set(tasks.map((t) => t.committee))];
  const departments = [
    ...new Set([...tasks.map((t) => t.department), ...[...assignments.values()].flat().map((a) => a.department)]),
  ];
  const mismatches: string[] = [];
  // Every month of due date the trend counts have rows for (they must read 0 when no task is due in it).
  const storedMonths = db
    .all<{ m: number }>(sql`SELECT DISTINCT due_month AS m FROM task_status_trend_rollups`)
    .map(({ m }) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`);
  for (const asOf of asOfDays) {
    const spans = spanStatusesAsOf(
      db,
      tasks.map((t) => t.id),
      asOf,
      basis,
    );
    const spanLeads = new Map(
      db
        .all<{ task_id: number; lead: number }>(
          sql`SELECT s.task_id, s.lead_department_id AS lead FROM task_status_spans s WHERE ${spanContains(asOf)}
            AND ${spanBasisFilter(basis)}`,
        )
        .map((r) => [r.task_id, r.lead]),
    );
    const expected = new Map<string, number>();
    const count = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
    const expectedTrend = new Map<string, number>();
    const months = new Set(storedMonths);
    const countTrend = (key: string) => expectedTrend.set(key, (expectedTrend.get(key) ?? 0) + 1);
    for (const task of tasks) {
      const reference = taskStatusAsOf(facts.get(task.id)!, asOf, rules, basis);
      const row = spans.get(task.id);
      const stored = row && {
        status: row.status,
        dueDate: row.dueDate,
        late: row.late,
        daysLate: row.daysLate,
        stale: row.stale,
        awaitingSince: row.awaitingSince,
      };
      if (JSON.stringify(stored ?? null) !== JSON.stringify(reference)) {
        mismatches.push(`task ${task.id} as of ${asOf}: span ${JSON.stringify(stored)} ≠ ${JSON.stringify(reference)}`);
      }
      if (reference === null) continue;
      const lead = leadOn(task, asOf);
      if (spanLeads.get(task.id) !== lead) {
        mismatches.push(`task ${task.id} as of ${asOf}: span's lead ${spanLeads.get(task.id)} ≠ ${lead}`);
      }
      for (const series of reference.stale ? [reference.status, "stale"] : [reference.status]) {
        count(`${task.visibility}/0/0/${series}`);
        count(`${task.visibility}/${task.committee}/0/${series}`);
        count(`${task.visibility}/0/${lead}/${series}`);
      }
      if (reference.dueDate === null) continue;
      const month = reference.dueDate.slice(0, 7);
      months.add(month);
      const trend = ["done_on_time", "done_late", "overdue"].includes(reference.status)
        ? ["due", reference.status]
        : ["due"];
      for (const series of trend) {
        countTrend(`${task.visibility}/0/${month}/${series}`);
        countTrend(`${task.visibility}/${task.committee}/${month}/${series}`);
      }
    }
    const compare = (label: string, key: string, stored: Map<RollupSeries, number> | undefined) => {
      for (const series of SERIES) {
        const want = expected.get(`${key}/${series}`) ?? 0;
        const got = stored?.get(series) ?? 0;
        if (got !== want) mismatches.push(`${label} ${series} as of ${asOf}: stored ${got} ≠ ${want}`);
      }
    };
    for (const visibility of [0, 1, 2]) {
      const scopes: [string, RollupScope][] = [
        [`${visibility}/0/0`, { basis, visibilities: [visibility] }],
        ...committees.map((c): [string, RollupScope] => [
          `${visibility}/${c}/0`,
          { basis, visibilities: [visibility], committeeId: c },
        ]),
        ...departments.map((d): [string, RollupScope] => [
          `${visibility}/0/${d}`,
          { basis, visibilities: [visibility], departmentId: d },
        ]),
      ];
      for (const [key, scope] of scopes) compare(`scope ${key}`, key, rollupCounts(db, scope, asOf).get(0));
      const byDepartment = rollupCounts(db, { basis, visibilities: [visibility] }, asOf, true);
      for (const d of departments)
        compare(`by department ${visibility}/${d}`, `${visibility}/0/${d}`, byDepartment.get(d));
      for (const committee of [0, ...committees]) {
        const scope = { basis, visibilities: [visibility], committeeId: committee === 0 ? undefined : committee };
        const stored = trendRollupCounts(db, scope, asOf, [...months]);
        for (const month of months) {
          for (const series of TREND_SERIES) {
            const want = expectedTrend.get(`${visibility}/${committee}/${month}/${series}`) ?? 0;
            const got = stored.get(month)?.get(series) ?? 0;
            if (got !== want) {
              mismatches.push(
                `trend ${visibility}/${committee} ${month} ${series} as of ${asOf}: stored ${got} ≠ ${want}`,
              );
            }
          }
        }
      }
    }
  }
  return mismatches;
}

/** The stored spans and the non-zero counts, to compare what writes maintained with a rebuild from history. */
export function storedFactsSnapshot(db: AppDatabase) {
  return {
    spans: db.all(sql`SELECT * FROM task_status_spans ORDER BY task_id, basis, from_day`),
    counts: db.all(sql`SELECT * FROM task_status_rollups WHERE n <> 0
      ORDER BY basis, visibility, committee_id, department_id, level, bucket, series`),
    trend: db.all(sql`SELECT * FROM task_status_trend_rollups WHERE n <> 0
      ORDER BY basis, visibility, committee_id, due_month, level, bucket, series`),
  };
}
