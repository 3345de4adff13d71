import { asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, directives } from "../../../db/schema";
import type { LocalDate } from "~/domain/dates";
import type { StatusRules } from "~/domain/status";
import { TASK_STATUSES } from "~/domain/vocabulary";
import type { AppDatabase } from "~/lib/db.server";
import type { Actor } from "~/domain/permissions";
import { visibleDirectivesFilter, visibleTasksFilter } from "~/models/visibility.server";
import { taskRows } from "~/models/task-rows.server";
import { taskStatusSubquery } from "~/models/task-status.server";

export const PAGE_SIZE = 50;

const optionalId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .optional();

export const taskListQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  department: optionalId,
  directive: optionalId,
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export function listTasks(db: AppDatabase, actor: Actor, query: TaskListQuery, asOf: LocalDate, rules: StatusRules) {
  const conditions = [visibleTasksFilter(actor)];
  if (query.department !== undefined) conditions.push(sql`t.lead_department_id = ${query.department}`);
  if (query.directive !== undefined) conditions.push(sql`t.directive_id = ${query.directive}`);
  const taskFilter = sql.join(conditions, sql` AND `);
  const statusFilter = query.status === undefined ? sql`1 = 1` : sql`st.status = ${query.status}`;

  const total =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM (${taskStatusSubquery(asOf, rules, taskFilter)}) st WHERE ${statusFilter}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const rows = taskRows(db, {
    asOf,
    rules,
    taskFilter,
    statusFilter,
    orderBy: sql`st.due_date IS NULL, st.due_date, t.directive_id, t.position, t.id`,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
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
  };
}
