import { Link } from "@remix-run/react";
import { formatLocalDate } from "~/domain/dates";
import { formatNumber, useLocale, useT, type MessageKey } from "~/lib/i18n";

export interface TrendFigure {
  count: number;
  href: string;
}
export interface TrendMonthView {
  /** `2019-12`. */
  month: string;
  figures: Record<"due" | "doneOnTime" | "doneLate" | "overdue", TrendFigure>;
}

/** `2019-12` → `12/2019`, as Vietnamese documents write a month. */
export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

export const SERIES_KEYS = {
  due: "trend.series.due",
  doneOnTime: "trend.series.doneOnTime",
  doneLate: "trend.series.doneLate",
  overdue: "trend.series.overdue",
} as const satisfies Record<keyof TrendMonthView["figures"], MessageKey>;

/** Sums over the months, per series. */
export function trendTotals(months: TrendMonthView[]): Record<keyof typeof SERIES_KEYS, number> {
  return {
    due: months.reduce((sum, m) => sum + m.figures.due.count, 0),
    doneOnTime: months.reduce((sum, m) => sum + m.figures.doneOnTime.count, 0),
    doneLate: months.reduce((sum, m) => sum + m.figures.doneLate.count, 0),
    overdue: months.reduce((sum, m) => sum + m.figures.overdue.count, 0),
  };
}

/**
 * The trend: per month, tasks falling due beside those done on time and late. The
 * picture is SVG markup drawn on the server (trend-chart-svg.server.tsx), so the
 * browser runs no chart code; its text alternative is the SVG's title and description
 * and the same numbers in a table, each linking to its task list.
 */
export function TrendChart({
  months,
  svg,
  asOf,
  headingId,
}: {
  months: TrendMonthView[];
  /** From `renderTrendChartSvg`: markup React rendered (and escaped) on the server. */
  svg: string;
  asOf: string;
  headingId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (value: number) => formatNumber(locale, value);
  const totals = trendTotals(months);
  return (
    <figure className="space-y-2" data-testid="trend-chart">
      <div className="max-w-3xl" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="max-w-3xl text-sm text-slate-700">
        {t("trend.intro", { date: formatLocalDate(asOf) })}
      </figcaption>
      <details className="no-print max-w-3xl text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">{t("trend.table")}</summary>
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200" aria-describedby={headingId}>
            <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("trend.col.month")}
                </th>
                {(Object.keys(SERIES_KEYS) as (keyof typeof SERIES_KEYS)[]).map((key) => (
                  <th key={key} scope="col" className="px-3 py-2 text-right">
                    {t(SERIES_KEYS[key])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    {monthLabel(m.month)}
                  </th>
                  {(Object.keys(SERIES_KEYS) as (keyof typeof SERIES_KEYS)[]).map((key) => (
                    <td key={key} className="px-3 py-1.5 text-right tabular-nums" data-series={key}>
                      <Link
                        to={m.figures[key].href}
                        aria-label={t("trend.cellLabel", {
                          month: monthLabel(m.month),
                          count: n(m.figures[key].count),
                          series: t(SERIES_KEYS[key]),
                        })}
                      >
                        {n(m.figures[key].count)}
                      </Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot className="bg-slate-50 font-semibold">
              <tr>
                <th scope="row" className="px-3 py-1.5 text-left">
                  {t("trend.total")}
                </th>
                {(Object.keys(SERIES_KEYS) as (keyof typeof SERIES_KEYS)[]).map((key) => (
                  <td key={key} className="px-3 py-1.5 text-right tabular-nums">
                    {n(totals[key])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </figure>
  );
}
