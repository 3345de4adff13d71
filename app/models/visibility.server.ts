// The SQL form of "who may see what" (app/domain/permissions.ts: canSeeTask,
// canSeeDirective), for lists, counts and search. The permission matrix test
// checks that both forms agree for every role.
import { eq, sql, type SQL } from "drizzle-orm";
import { directives } from "../../db/schema";
import { scopeOf, type Actor, type TaskAccessFacts } from "../domain/permissions";
import type { AppDatabase } from "./db.server";
import { firstRow, allRows } from "./sql-rows.server";

/**
 * A condition over `tasks t`: the tasks the actor may see. Written so the planner
 * can start from the few tasks a department user sees (the ids of the two indexed
 * lookups, lead and coordinator — never both for one task), and checks a task's
 * directive by its primary key rather than starting from a list of directives.
 */
export function visibleTasksFilter(actor: Actor): SQL {
  const scope = scopeOf(actor, "task.read");
  if (scope === undefined) return sql`0`;
  switch (actor.role) {
    case "secretariat":
      return sql`1 = 1`;
    case "leadership":
      return sql`EXISTS (SELECT 1 FROM directives vd WHERE vd.id = t.directive_id AND vd.state <> 'draft')`;
    case "admin":
      return sql`EXISTS (SELECT 1 FROM directives vd WHERE vd.id = t.directive_id AND vd.state <> 'draft' AND vd.confidential = 0)`;
    case "dept_lead":
    case "dept_officer": {
      const department = actor.departmentId ?? -1;
      return sql`t.id IN (SELECT id FROM tasks WHERE lead_department_id = ${department}
          UNION ALL SELECT task_id FROM task_coordinators WHERE department_id = ${department})
        AND EXISTS (SELECT 1 FROM directives vd WHERE vd.id = t.directive_id AND vd.state <> 'draft')`;
    }
  }
}

/** A condition over `directives d`: the directives the actor may see. */
export function visibleDirectivesFilter(actor: Actor): SQL {
  const scope = scopeOf(actor, "directive.read");
  if (scope === undefined) return sql`0`;
  switch (actor.role) {
    case "secretariat":
      return sql`1 = 1`;
    case "leadership":
      return sql`d.state <> 'draft'`;
    case "admin":
      return sql`d.state <> 'draft' AND d.confidential = 0`;
    case "dept_lead":
    case "dept_officer": {
      const department = actor.departmentId ?? -1;
      return sql`d.state <> 'draft' AND d.id IN (
        SELECT directive_id FROM tasks WHERE lead_department_id = ${department}
        UNION SELECT vt.directive_id FROM task_coordinators vc JOIN tasks vt ON vt.id = vc.task_id
          WHERE vc.department_id = ${department})`;
    }
  }
}

/**
 * What app/domain/permissions.ts needs to decide about one task; null if it does not
 * exist. One statement whether the task exists or not: a second query only for tasks
 * that exist made a hidden task's 404 measurably slower than a missing one's.
 */
export function taskAccessFacts(db: AppDatabase, taskId: number): TaskAccessFacts | null {
  const row = firstRow(
    db,
    { lead: "integer", confidential: "boolean", state: "text", coordinators: "text" },
    sql`
    SELECT t.lead_department_id AS lead, d.confidential, d.state,
      (SELECT json_group_array(c.department_id) FROM task_coordinators c WHERE c.task_id = t.id) AS coordinators
    FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE t.id = ${taskId}`,
  );
  if (!row) return null;
  return {
    leadDepartmentId: row.lead,
    coordinatorDepartmentIds: JSON.parse(row.coordinators) as number[],
    directiveConfidential: row.confidential,
    directiveDraft: row.state === "draft",
  };
}

/** Access facts of a directive; null if it does not exist. */
export function directiveAccessFacts(db: AppDatabase, directiveId: number) {
  const row = db
    .select({ confidential: directives.confidential, state: directives.state })
    .from(directives)
    .where(eq(directives.id, directiveId))
    .get();
  if (!row) return null;
  const assigned = allRows(
    db,
    { id: "integer" },
    sql`
    SELECT lead_department_id AS id FROM tasks WHERE directive_id = ${directiveId}
    UNION
    SELECT c.department_id FROM task_coordinators c JOIN tasks t ON t.id = c.task_id WHERE t.directive_id = ${directiveId}`,
  );
  return {
    confidential: row.confidential,
    draft: row.state === "draft",
    assignedDepartmentIds: assigned.map((r) => r.id),
  };
}
