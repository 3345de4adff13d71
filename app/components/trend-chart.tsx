import { Link } from "@remix-run/react";
import { formatLocalDate } from "~/domain/dates";
import { formatNumber, useLocale, useT, type Locale, type MessageKey, type Translate } from "~/lib/i18n";

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

/** A bar of the chart, in the plot's pixels. */
export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The trend chart as numbers, from `trendChartGeometry` (trend-chart-geometry.server.ts). */
export interface TrendChartGeometry {
  width: number;
  height: number;
  /** The plotting area inside the SVG (left of it the value axis, below it the months). */
  plot: { left: number; top: number; width: number; height: number };
  /** The value axis's ticks: a count and its height in the plot. */
  yTicks: { value: number; y: number }[];
  /** Per month: the middle of its band (the month's tick) and its bars, with the counts printed on them. */
  columns: {
    month: string;
    center: number;
    due: ChartRect;
    onTime: ChartRect;
    late: ChartRect;
    dueCount: number;
    doneCount: number;
    lateCount: number;
  }[];
}

/** Legend swatches: pattern and outline, never colour alone, so the chart reads in grayscale and on paper. */
const LEGEND: { key: keyof typeof SERIES_KEYS; fill?: string; className: string; strokeWidth: number }[] = [
  { key: "due", fill: "url(#trend-due)", className: "stroke-slate-700", strokeWidth: 1 },
  { key: "doneOnTime", className: "fill-green-800", strokeWidth: 0 },
  { key: "doneLate", fill: "url(#trend-late)", className: "stroke-orange-900", strokeWidth: 1 },
];
const TICK_LENGTH = 8;

/**
 * The chart itself: plain SVG drawn from the loader's geometry (no chart code in the
 * browser), with classes and SVG attributes only (the CSP allows no inline styles).
 * `role="img"` named by its title and described by a one-sentence summary.
 */
export function TrendChartPicture({
  months,
  geometry,
  t,
  locale,
}: {
  months: TrendMonthView[];
  geometry: TrendChartGeometry;
  t: Translate;
  locale: Locale;
}) {
  const n = (value: number) => formatNumber(locale, value);
  const totals = trendTotals(months);
  const { plot } = geometry;
  const summary = t("trend.summary", {
    from: monthLabel(months[0]?.month ?? ""),
    to: monthLabel(months[months.length - 1]?.month ?? ""),
    due: totals.due,
    onTime: totals.doneOnTime,
    late: totals.doneLate,
    overdue: totals.overdue,
  });
  const tickText = { dy: "0.32em", fontSize: 11, className: "fill-slate-700" } as const;
  return (
    <svg
      viewBox={`0 0 ${geometry.width} ${geometry.height}`}
      className="h-auto w-full max-w-3xl"
      role="img"
      aria-labelledby="trend-title trend-desc"
    >
      <title id="trend-title">{t("trend.heading")}</title>
      <desc id="trend-desc">{summary}</desc>
      <defs>
        <pattern id="trend-due" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-white" />
          <line x1="0" y1="0" x2="0" y2="6" strokeWidth="2" className="stroke-slate-400" />
        </pattern>
        <pattern id="trend-late" width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" className="fill-orange-200" />
          <path d="M0 0L5 5M5 0L0 5" strokeWidth="1.2" className="stroke-orange-900" />
        </pattern>
      </defs>
      <g transform={`translate(${plot.left}, 12)`}>
        {LEGEND.map((item, index) => (
          <g key={item.key} transform={`translate(${index * 200}, 0)`}>
            <rect
              width={14}
              height={14}
              y={-11}
              fill={item.fill}
              className={item.className}
              strokeWidth={item.strokeWidth}
            />
            <text x={20} fontSize={12} className="fill-slate-800">
              {t(SERIES_KEYS[item.key])}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${plot.left}, ${plot.top})`}>
        {geometry.yTicks.map((tick) => (
          <line
            key={tick.value}
            x1={0}
            x2={plot.width}
            y1={tick.y}
            y2={tick.y}
            strokeDasharray="2 3"
            className="stroke-slate-300"
          />
        ))}
        {geometry.columns.map((column) => (
          <g key={column.month} data-month={column.month}>
            <rect
              {...column.due}
              fill="url(#trend-due)"
              className="stroke-slate-700"
              strokeWidth={column.dueCount > 0 ? 1 : 0}
            />
            <rect {...column.onTime} className="fill-green-800" />
            <rect
              {...column.late}
              fill="url(#trend-late)"
              className="stroke-orange-900"
              strokeWidth={column.lateCount > 0 ? 1 : 0}
            />
            {column.dueCount > 0 && (
              <text
                x={column.due.x + column.due.width / 2}
                y={column.due.y - 4}
                textAnchor="middle"
                fontSize={11}
                className="fill-slate-900"
              >
                {n(column.dueCount)}
              </text>
            )}
            {column.doneCount > 0 && (
              <text
                x={column.late.x + column.late.width / 2}
                y={column.late.y - 4}
                textAnchor="middle"
                fontSize={11}
                fontWeight={600}
                className="fill-slate-900"
              >
                {n(column.doneCount)}
              </text>
            )}
          </g>
        ))}
        <g className="stroke-slate-700" shapeRendering="crispEdges">
          {geometry.yTicks.map((tick) => (
            <line key={tick.value} x1={0} x2={-TICK_LENGTH} y1={tick.y} y2={tick.y} />
          ))}
          <line x1={0} x2={0} y1={0} y2={plot.height} />
          {geometry.columns.map((column) => (
            <line
              key={column.month}
              x1={column.center}
              x2={column.center}
              y1={plot.height}
              y2={plot.height + TICK_LENGTH}
            />
          ))}
          <line x1={0} x2={plot.width} y1={plot.height} y2={plot.height} />
        </g>
        {geometry.yTicks.map((tick) => (
          <text key={tick.value} x={-TICK_LENGTH} y={tick.y} textAnchor="end" {...tickText}>
            {n(tick.value)}
          </text>
        ))}
        {geometry.columns.map((column) => (
          <text key={column.month} x={column.center} y={plot.height + 18} textAnchor="middle" {...tickText}>
            {monthLabel(column.month)}
          </text>
        ))}
      </g>
    </svg>
  );
}

/**
 * The trend: per month, tasks falling due beside those done on time and late. The
 * picture is drawn from geometry the server computed (trend-chart-geometry.server.ts),
 * so the browser runs no chart code; its text alternative is the SVG's title and
 * description and the same numbers in a table, each linking to its task list.
 */
export function TrendChart({
  months,
  geometry,
  asOf,
  headingId,
}: {
  months: TrendMonthView[];
  /** From `trendChartGeometry`, in the loader. */
  geometry: TrendChartGeometry;
  asOf: string;
  headingId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (value: number) => formatNumber(locale, value);
  const totals = trendTotals(months);
  return (
    <figure className="space-y-2" data-testid="trend-chart">
      <div className="max-w-3xl">
        <TrendChartPicture months={months} geometry={geometry} t={t} locale={locale} />
      </div>
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
                      {/* /tasks is discovered on the first click, not once per cell. */}
                      <Link
                        discover="none"
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
