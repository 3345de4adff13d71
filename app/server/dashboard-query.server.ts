// The dashboards' query strings (the overview, the scorecard and its download), read
// with the shared blocks (app/lib/query-schemas.ts) into the filters the models take.
// Bad input is a 400 with a translated message, an unknown or hidden id a 404.
import { z } from "zod";
import type { LocalDate } from "../domain/dates";
import { canReadDepartmentFigures, type Actor } from "../domain/permissions";
import type { StatusBasis } from "../domain/vocabulary";
import {
  DASHBOARD_FILTER_KEYS,
  filterTargetExists,
  type DashboardFilterKey,
  type DashboardFilters,
} from "../models/dashboard.server";
import type { ScorecardFilters } from "../models/scorecard-report.server";
import { asOfFromUrl } from "../lib/as-of.server";
import type { AppDatabase } from "../models/db.server";
import { badRequest, notFound } from "../lib/http.server";
import type { Translate } from "../lib/i18n";
import { pageRefusals, periodKey, queryChoice, queryId, queryValues } from "../lib/query-schemas";
import { SCORECARD_SORTS, type ScorecardSort } from "../lib/scorecard";

/** The dashboards' filters as their URLs write them (ids in the order they are checked). */
function dashboardFilterSchema(t: Translate) {
  const id = (key: DashboardFilterKey) =>
    queryId((value) =>
      t("dashboard.filter.invalid", { name: t(`dashboard.filter.${key}`), value: value.slice(0, 40) }),
    );
  return z.object({
    committee: id("committee").optional(),
    directive: id("directive").optional(),
    department: id("department").optional(),
    period: periodKey(pageRefusals(t).period).optional(),
  });
}

/**
 * The filters named in the URL, among `keys`: ids of the committee, directive and lead
 * department, and the period the tasks were assigned in. A malformed id or period is a
 * 400 with a translated message; an unknown committee or department, or a directive the
 * user may not see, is a 404 (which does not say whether it exists); a department user
 * naming another department is a 400 (their figures are their department's).
 */
export function dashboardFiltersFromUrl(
  url: URL,
  t: Translate,
  db: AppDatabase,
  actor: Actor,
  keys: readonly (DashboardFilterKey | "period")[] = [...DASHBOARD_FILTER_KEYS, "period"],
): DashboardFilters {
  const parsed = dashboardFilterSchema(t).safeParse(queryValues(url.searchParams, keys));
  if (!parsed.success) badRequest(parsed.error.issues[0]!.message);
  const filters: DashboardFilters = parsed.data;
  for (const key of DASHBOARD_FILTER_KEYS) {
    const id = filters[key];
    if (id === undefined) continue;
    if (!filterTargetExists(db, actor, key, id)) notFound();
    if (key === "department" && !canReadDepartmentFigures(actor, id)) {
      badRequest(t("dashboard.filter.ownDepartmentOnly"));
    }
  }
  return filters;
}

export interface ScorecardQuery {
  asOf: LocalDate;
  isToday: boolean;
  basis: StatusBasis;
  filters: ScorecardFilters;
  sort: ScorecardSort;
  dir: "asc" | "desc";
}

/**
 * The scorecard's view as written in its URL — as-of day, scope (committee, directive,
 * period), sort and direction — shared by the page and its downloads. Bad input is a
 * translated 400, an unknown or hidden id a 404 (dashboardFiltersFromUrl).
 */
export function scorecardQueryFromUrl(url: URL, t: Translate, db: AppDatabase, actor: Actor): ScorecardQuery {
  const { asOf, isToday, basis } = asOfFromUrl(url, t);
  const filters: ScorecardFilters = dashboardFiltersFromUrl(url, t, db, actor, ["committee", "directive", "period"]);
  const raw = queryValues(url.searchParams, ["sort", "dir"]);
  // One message for the pair: the sort and direction as they came.
  const refuse = () =>
    t("scorecard.invalidSort", { value: `${(raw.sort ?? "rank").slice(0, 20)} ${(raw.dir ?? "asc").slice(0, 10)}` });
  const order = z
    .object({
      sort: queryChoice(SCORECARD_SORTS, refuse).default("rank"),
      dir: queryChoice(["asc", "desc"], refuse).default("asc"),
    })
    .safeParse(raw);
  if (!order.success) badRequest(order.error.issues[0]!.message);
  return { asOf, isToday, basis, filters, ...order.data };
}
