import { sql } from "drizzle-orm";
import type { LocalDate } from "~/domain/dates";
import { nextAction, type NextAction } from "~/domain/next-action";
import { hasPermission, type Actor } from "~/domain/permissions";
import { WORKFLOW_STATES, type StatusBasis, REMINDER_KINDS } from "~/domain/vocabulary";
import { automaticRuleOf } from "~/domain/reminders";
import type { WorkflowState } from "~/domain/vocabulary";
import type { AppDatabase } from "~/models/db.server";
import { taskRows, type TaskRow } from "~/models/task-rows.server";
import { visibleTasksFilter } from "~/models/visibility.server";
import { DEPARTMENT_GROUPS, type DepartmentGroup } from "./groups";
import { allRows } from "~/models/sql-rows.server";

export interface DepartmentTask extends TaskRow {
  role: "lead" | "coordinator";
  state: WorkflowState;
  hasPendingExtension: boolean;
  next: NextAction;
}

/**
 * Which group a task falls in. Overdue wins (it is what the department must see
 * first); a returned task is shown as returned before "due soon", so it says why.
 */
function groupOf(task: DepartmentTask): DepartmentGroup {
  if (task.status === "overdue") return "overdue";
  if (task.state === "returned") return "returned";
  if (task.status === "due_soon" || task.status === "awaiting_confirmation" || task.status === "ongoing") {
    return task.status;
  }
  return "on_track";
}

/**
 * The department's tasks still being worked on (as lead or coordinator, visible to
 * the user), with their status today from the stored status spans, grouped by urgency,
 * each with what the user is expected to do next.
 */
export function departmentTasks(
  db: AppDatabase,
  user: Actor & { departmentId: number },
  asOf: LocalDate,
  basis: StatusBasis,
): Record<DepartmentGroup, DepartmentTask[]> {
  const department = user.departmentId;
  const rows = taskRows(db, {
    asOf,
    basis,
    taskFilter: sql`${visibleTasksFilter(user)} AND t.state NOT IN ('done', 'cancelled', 'on_hold')`,
    statusFilter: sql`st.status IN ('overdue', 'due_soon', 'awaiting_confirmation', 'on_track', 'ongoing')`,
    orderBy: sql`st.due_date IS NULL, st.due_date, t.id`,
  });
  const ids = rows.map((r) => r.id);
  const extra = new Map(
    ids.length === 0
      ? []
      : allRows(
          db,
          { id: "integer", state: WORKFLOW_STATES, pending: "boolean" },
          sql`
            SELECT t.id, t.state,
              EXISTS (SELECT 1 FROM extension_requests e WHERE e.task_id = t.id AND e.state = 'pending') AS pending
            FROM tasks t WHERE t.id IN (${sql.join(ids, sql`, `)})`,
        ).map((r) => [r.id, r]),
  );
  const groups = Object.fromEntries(DEPARTMENT_GROUPS.map((g) => [g, [] as DepartmentTask[]])) as Record<
    DepartmentGroup,
    DepartmentTask[]
  >;
  for (const row of rows) {
    const facts = extra.get(row.id);
    if (!facts) continue;
    const isLead = row.lead.id === department;
    const task: DepartmentTask = {
      ...row,
      role: isLead ? "lead" : "coordinator",
      state: facts.state,
      hasPendingExtension: facts.pending,
      next: nextAction({
        state: facts.state,
        percent: row.percent,
        hasPendingExtension: facts.pending,
        canReport: hasPermission(user, "progress.report"),
        canReportCompletion: isLead && hasPermission(user, "completion.report"),
        canDecideExtension: false,
        canDecideCompletion: false,
      }),
    };
    groups[groupOf(task)].push(task);
  }
  return groups;
}

/** Reminders the department received about tasks the user sees: unanswered first, newest first. */
export function departmentReminders(db: AppDatabase, user: Actor & { departmentId: number }, limit = 30) {
  const rows = allRows(
    db,
    {
      id: "integer",
      taskId: "integer",
      itemNumber: "text",
      title: "text",
      ordinal: "integer",
      sentAt: "integer",
      message: "text?",
      resolvedAt: "integer?",
      kind: REMINDER_KINDS,
      dedupeKey: "text?",
    },
    sql`
    SELECT r.id, r.task_id AS taskId, t.item_number AS itemNumber, t.title, r.ordinal,
      r.sent_at AS sentAt, r.message, r.resolved_at AS resolvedAt, r.kind, r.dedupe_key AS dedupeKey
    FROM reminders r JOIN tasks t ON t.id = r.task_id
    WHERE r.department_id = ${user.departmentId} AND ${visibleTasksFilter(user)}
    ORDER BY r.resolved_at IS NOT NULL, r.sent_at DESC, r.id DESC
    LIMIT ${limit}`,
  );
  return rows.map(({ dedupeKey, ...r }) => ({
    ...r,
    rule: r.kind === "automatic" ? automaticRuleOf(dedupeKey) : null,
  }));
}
