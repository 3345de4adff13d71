// The task list's URL state read with the shared blocks (app/lib/query-schemas.ts):
// filters, sorting and paging as the list page, its download and the published
// reports' scopes write them. The list's model (models/task-list.server.ts) takes
// the parsed value.
import { z } from "zod";
import { TASK_LEVELS, TASK_STATUSES } from "../domain/vocabulary";
import type { Translate } from "./i18n";
import { MAX_PAGE, pageRefusals, periodKey, queryChoice, queryId, queryValues, typedDay } from "./query-schemas";
import { PAGE_SIZES, SORTABLE_COLUMNS } from "./task-list-state";

/** The list's state as it is written in the URL: filters, sorting, paging. */
export function taskListQuery(t: Translate) {
  const id = queryId();
  const refuse = pageRefusals(t);
  const day = typedDay(refuse.day);
  return z.object({
    status: queryChoice(TASK_STATUSES).optional(),
    department: id.optional(),
    coordinator: id.optional(),
    directive: id.optional(),
    committee: id.optional(),
    dueFrom: day.optional(),
    dueTo: day.optional(),
    /** Assigned in this period (the dashboards' `period`). */
    period: periodKey(refuse.period).optional(),
    /** Main tasks or sub-tasks only (the directive summaries' `level`). */
    level: queryChoice(TASK_LEVELS).optional(),
    /** The units' tasks of one item given to many units (its page's numbers link here). */
    fanOut: id.optional(),
    stale: z.literal("1").optional(),
    /** Counted tasks only: not on hold, not withdrawn (docs/domain-rules.md §4 rule 1; the scorecard's "assigned"). */
    counted: z.literal("1").optional(),
    /** Escalated to leadership: overdue, with an unanswered 3rd-or-later manual reminder (models/reminders.server.ts). */
    escalated: z.literal("1").optional(),
    /** Read differently on the as-of day as recorded and as it happened (records entered after the fact). */
    differs: z.literal("1").optional(),
    /** Completions awaiting confirmation longer than the secretariat's working days (rule 3). */
    waiting: z.literal("1").optional(),
    sort: queryChoice(SORTABLE_COLUMNS).optional(),
    dir: queryChoice(["asc", "desc"]).optional(),
    page: id.pipe(z.number().int().min(1).max(MAX_PAGE)).optional(),
    size: id.pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).optional(),
  });
}
export type TaskListQuery = z.infer<ReturnType<typeof taskListQuery>>;

/**
 * The list's query from a URL (the names of its schema; blank values absent, a form's
 * year and part of it one period). What it cannot read is a translated message
 * listing each parameter's problem.
 */
export function taskListQueryFromUrl(
  url: URL,
  t: Translate,
): { ok: true; query: TaskListQuery } | { ok: false; message: string } {
  const schema = taskListQuery(t);
  // A value no field takes is refused in the reader's words (the fields' own refusals — a day, a period — come first).
  const parsed = schema.safeParse(queryValues(url.searchParams, Object.keys(schema.shape)), {
    error: (issue) => t("tasks.filter.value", { value: String(issue.input).slice(0, 40) }),
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  const detail = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  return { ok: false, message: t("tasks.filter.invalid", { detail }) };
}
