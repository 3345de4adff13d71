import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { committees, departments, directives } from "../../../db/schema";
import { parseLocalDate, type LocalDate } from "~/domain/dates";
import { parsePeriod } from "~/domain/periods";
import type { Actor } from "~/domain/permissions";
import type { StatusRules } from "~/domain/status";
import { TASK_LEVELS, TASK_STATUSES } from "~/domain/vocabulary";
import type { AppDatabase } from "~/lib/db.server";
import type { Translate } from "~/lib/i18n";
import { hasEscalatingReminder } from "~/models/reminders.server";
import { taskRows } from "~/models/task-rows.server";
import { taskStatusSubquery } from "~/models/task-status.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "~/models/visibility.server";
import { PAGE_SIZES, SORTABLE_COLUMNS } from "./table-state";

const id = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
const day = (t: Translate) =>
  z.string().transform((value, ctx) => {
    const parsed = parseLocalDate(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: t("asOf.invalid", { value: value.slice(0, 40) }) });
      return z.NEVER;
    }
    return parsed;
  });

/** A reporting period (`2019`, `2019-Q4`, `2019-12`), kept in its canonical spelling. */
const period = (t: Translate) =>
  z.string().transform((value, ctx) => {
    const parsed = parsePeriod(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: t("period.invalid", { value: value.slice(0, 40) }) });
      return z.NEVER;
    }
    return parsed.key;
  });

/** The list's state as it is written in the URL: filters, sorting, paging. */
export function taskListQuery(t: Translate) {
  return z.object({
    status: z.enum(TASK_STATUSES).optional(),
    department: id.optional(),
    coordinator: id.optional(),
    directive: id.optional(),
    committee: id.optional(),
    dueFrom: day(t).optional(),
    dueTo: day(t).optional(),
    /** Assigned in this period (the dashboards' `period`). */
    period: period(t).optional(),
    /** Main tasks or sub-tasks only (the directive summaries' `level`). */
    level: z.enum(TASK_LEVELS).optional(),
    stale: z.literal("1").optional(),
    /** Escalated to leadership: overdue, with an unanswered 3rd-or-later manual reminder (models/reminders.server.ts). */
    escalated: z.literal("1").optional(),
    sort: z.enum(SORTABLE_COLUMNS).optional(),
    dir: z.enum(["asc", "desc"]).optional(),
    page: id.pipe(z.number().int().min(1).max(1_000_000)).optional(),
    size: id.pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).optional(),
  });
}
export type TaskListQuery = z.infer<ReturnType<typeof taskListQuery>>;

/** Severity order: what needs attention first. */
const STATUS_ORDER = sql.raw(
  `CASE st.status ${[
    "overdue",
    "due_soon",
    "awaiting_confirmation",
    "on_track",
    "ongoing",
    "done_late",
    "done_on_time",
    "on_hold",
    "cancelled",
  ]
    .map((s, i) => `WHEN '${s}' THEN ${i}`)
    .join(" ")} END`,
);

const ORDER_BY: Record<(typeof SORTABLE_COLUMNS)[number], SQL> = {
  deadline: sql`st.due_date IS NULL, st.due_date`,
  status: STATUS_ORDER,
  department: sql`d.name`,
  directive: sql`(SELECT issued_on FROM directives WHERE id = t.directive_id), t.directive_id, t.position`,
  updated: sql`t.updated_at`,
};

/**
 * One page of the tasks matching the list's query. `pageSize` overrides the
 * query's `size` for callers that need everything at once (the export).
 */
export function listTasks(
  db: AppDatabase,
  actor: Actor,
  query: TaskListQuery,
  asOf: LocalDate,
  rules: StatusRules,
  pageSize?: number,
) {
  const conditions = [visibleTasksFilter(actor)];
  if (query.department !== undefined) conditions.push(sql`t.lead_department_id = ${query.department}`);
  if (query.coordinator !== undefined) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id AND c.department_id = ${query.coordinator})`,
    );
  }
  if (query.directive !== undefined) conditions.push(sql`t.directive_id = ${query.directive}`);
  if (query.committee !== undefined) {
    conditions.push(sql`t.directive_id IN (SELECT id FROM directives WHERE committee_id = ${query.committee})`);
  }
  const assignedIn = query.period === undefined ? null : parsePeriod(query.period);
  if (assignedIn !== null) conditions.push(sql`t.assigned_on BETWEEN ${assignedIn.from} AND ${assignedIn.to}`);
  if (query.level !== undefined) {
    conditions.push(query.level === "top" ? sql`t.parent_id IS NULL` : sql`t.parent_id IS NOT NULL`);
  }
  if (query.escalated) conditions.push(hasEscalatingReminder(asOf));
  const taskFilter = sql.join(conditions, sql` AND `);

  const statusConditions = [sql`1 = 1`];
  if (query.status !== undefined) statusConditions.push(sql`st.status = ${query.status}`);
  if (query.stale) statusConditions.push(sql`st.stale`);
  if (query.escalated) statusConditions.push(sql`st.status = 'overdue'`);
  if (query.dueFrom !== undefined) statusConditions.push(sql`st.due_date >= ${query.dueFrom}`);
  if (query.dueTo !== undefined) statusConditions.push(sql`st.due_date <= ${query.dueTo}`);
  const statusFilter = sql.join(statusConditions, sql` AND `);

  const size = pageSize ?? query.size ?? 50;
  const total =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM (${taskStatusSubquery(asOf, rules, taskFilter)}) st WHERE ${statusFilter}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(query.page ?? 1, pages);
  const direction = sql.raw(query.dir === "desc" ? "DESC" : "ASC");
  const rows = taskRows(db, {
    asOf,
    rules,
    taskFilter,
    statusFilter,
    // The chosen column first, then a stable order so pages never overlap.
    orderBy: sql`${ORDER_BY[query.sort ?? "deadline"]} ${direction}, t.directive_id, t.position, t.id`,
    limit: size,
    offset: (page - 1) * size,
  });
  const directiveIds = [...new Set(rows.map((r) => r.directiveId))];
  const directiveLabels = new Map(
    directiveIds.length === 0
      ? []
      : db
          .select({ id: directives.id, number: directives.number, abstract: directives.abstract })
          .from(directives)
          .where(inArray(directives.id, directiveIds))
          .all()
          .map((d) => [d.id, d.number ?? d.abstract]),
  );
  return {
    rows: rows.map((r) => ({ ...r, directiveLabel: directiveLabels.get(r.directiveId) ?? "" })),
    rowCount: total,
    page,
    pages,
    size,
  };
}

export function filterOptions(db: AppDatabase, actor: Actor) {
  return {
    departments: db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(eq(departments.active, true))
      .orderBy(asc(departments.name))
      .all(),
    directives: db.all<{ id: number; number: string | null; abstract: string }>(sql`
      SELECT d.id, d.number, d.abstract FROM directives d
      WHERE ${visibleDirectivesFilter(actor)} ORDER BY d.issued_on DESC, d.id DESC`),
    committees: db
      .select({ id: committees.id, name: committees.name })
      .from(committees)
      .orderBy(asc(committees.name))
      .all(),
  };
}
