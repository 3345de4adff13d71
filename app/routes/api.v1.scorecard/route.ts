// GET /api/v1/scorecard — the department scorecard as JSON: the screen's own rows
// (scorecard), each figure with the API task list that lists exactly those tasks; each
// column says what it is, so a client can check that a row adds up (docs/decisions/019).
import { apiPaths } from "~/lib/api-json.server";
import { apiEndpoint, asOfQuery, choiceQuery, filterIdQuery, periodQuery } from "~/lib/api.server";
import { SCORECARD_COLUMNS, SCORECARD_SORTS, scorecardColumnKind, type ScorecardColumn } from "~/lib/scorecard";
import { scorecard } from "~/models/dashboard.server";

export const loader = apiEndpoint(
  { permission: "dashboard.read", query: ["asOf", "committee", "directive", "period", "sort", "dir"] },
  (call) => {
    const { asOf, isToday, basis } = asOfQuery(call);
    const filters = {
      committee: filterIdQuery(call, "committee", "committee"),
      directive: filterIdQuery(call, "directive", "directive"),
      period: periodQuery(call),
    };
    const sort = choiceQuery(call, "sort", SCORECARD_SORTS) ?? "rank";
    const dir = choiceQuery(call, "dir", ["asc", "desc"]) ?? "asc";
    const rows = scorecard(call.db, call.actor, filters, asOf, isToday, basis, sort, dir);
    /** The screen's link to the task list behind a figure, as an API link pinned to the day. */
    const tasksLink = (href: string) => {
      const params = Object.fromEntries(new URL(href, "http://api.invalid").searchParams);
      return apiPaths.tasks({ ...params, asOf });
    };
    return {
      asOf,
      filters,
      sort,
      dir,
      columns: SCORECARD_COLUMNS.map((code) => ({
        code,
        label: call.t(`scorecard.col.${code}`),
        kind: scorecardColumnKind(code),
      })),
      rows: rows.map((row) => ({
        rank: row.rank,
        department: row.department,
        onTimeRate: row.onTimeRate,
        figures: Object.fromEntries(
          SCORECARD_COLUMNS.map((column) => [
            column,
            { count: row.figures[column].count, tasks: tasksLink(row.figures[column].href) },
          ]),
        ) as Record<ScorecardColumn, { count: number; tasks: string }>,
      })),
    };
  },
);
