// GET /api/v1/scorecard — the department scorecard as JSON: the screen's own rows
// (scorecard), each figure with the API task list that lists exactly those tasks; each
// column says what it is, so a client can check that a row adds up (docs/decisions/019).
import { z } from "zod";
import { apiPaths } from "~/server/api-json.server";
import { apiEndpoint } from "~/server/api.server";
import { asOfView } from "~/lib/as-of.server";
import { SCORECARD_COLUMNS, SCORECARD_SORTS, scorecardColumnKind, type ScorecardColumn } from "~/lib/scorecard";
import { scorecard } from "~/models/dashboard.server";

export const loader = apiEndpoint(
  {
    permission: "dashboard.read",
    query: (p) =>
      z.object({
        ...p.asOf(),
        committee: p.id("committee").optional(),
        directive: p.id("directive").optional(),
        period: p.period().optional(),
        sort: p.choice("sort", SCORECARD_SORTS).default("rank"),
        dir: p.choice("dir", ["asc", "desc"]).default("asc"),
      }),
    known: { committee: "committee", directive: "directive" },
  },
  (call, query) => {
    const { asOf, isToday, basis } = asOfView(query);
    const filters = { committee: query.committee, directive: query.directive, period: query.period };
    const { sort, dir } = query;
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
