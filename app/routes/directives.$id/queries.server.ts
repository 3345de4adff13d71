import { asc, eq, inArray, sql } from "drizzle-orm";
import { committees, directives, meetings, targets, tasks } from "../../../db/schema";
import type { LocalDate } from "~/domain/dates";
import type { StatusRules } from "~/domain/status";
import type { AppDatabase } from "~/lib/db.server";
import type { Actor } from "~/domain/permissions";
import { visibleTasksFilter } from "~/models/visibility.server";
import { emptyStatusCounts, statusCountsBy } from "~/models/status-counts.server";
import { taskRows } from "~/models/task-rows.server";

/** A directive with the tasks of it the actor may see (department users: their own). */
export function getDirective(db: AppDatabase, actor: Actor, id: number, asOf: LocalDate, rules: StatusRules) {
  const directive = db
    .select({
      id: directives.id,
      number: directives.number,
      type: directives.type,
      issuedOn: directives.issuedOn,
      issuer: directives.issuer,
      signer: directives.signer,
      abstract: directives.abstract,
      fullText: directives.fullText,
      note: directives.note,
      confidential: directives.confidential,
      state: directives.state,
      version: directives.version,
      committeeId: directives.committeeId,
      committeeName: committees.name,
      meetingTitle: meetings.title,
      meetingHeldOn: meetings.heldOn,
      meetingChair: meetings.chair,
    })
    .from(directives)
    .innerJoin(committees, eq(committees.id, directives.committeeId))
    .leftJoin(meetings, eq(meetings.id, directives.meetingId))
    .where(eq(directives.id, id))
    .get();
  if (!directive) return null;

  const inDirective = sql`t.directive_id = ${id} AND ${visibleTasksFilter(actor)}`;
  const rows = taskRows(db, { asOf, rules, taskFilter: inDirective });
  const allCounts = statusCountsBy(db, sql`t.directive_id`, asOf, rules, inDirective).get(id) ?? emptyStatusCounts();
  const topLevelCounts =
    statusCountsBy(db, sql`t.directive_id`, asOf, rules, sql`${inDirective} AND t.parent_id IS NULL`).get(id) ??
    emptyStatusCounts();
  const taskIds = rows.map((r) => r.id);
  const directiveTargets =
    taskIds.length === 0
      ? []
      : db
          .select({
            id: targets.id,
            taskId: targets.taskId,
            itemNumber: tasks.itemNumber,
            name: targets.name,
            unit: targets.unit,
            baseline: targets.baseline,
            targetValue: targets.targetValue,
            direction: targets.direction,
            currentValue: targets.currentValue,
            dueDate: targets.dueDate,
          })
          .from(targets)
          .innerJoin(tasks, eq(tasks.id, targets.taskId))
          .where(inArray(targets.taskId, taskIds))
          .orderBy(asc(tasks.position), asc(targets.position))
          .all();
  return {
    directive,
    tasks: rows,
    counts: allCounts,
    topLevelCounts,
    topLevelTotal: rows.filter((r) => r.parentId === null).length,
    targets: directiveTargets,
  };
}
