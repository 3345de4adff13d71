// The trend chart's SVG, drawn with visx on the server only: the loader renders it to
// markup (renderToStaticMarkup) and the page inserts it, so the browser gets a finished
// picture and none of the chart code (docs/decisions/012-charts.md). Patterns and
// numbers, never colour alone, so it reads in grayscale and on paper; classes and SVG
// attributes only (the CSP allows no inline styles, which visx's <Text> would add).
import { AxisBottom, AxisLeft, type TickRendererProps } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { renderToStaticMarkup } from "react-dom/server";
import { formatNumber, type Locale, type Translate } from "~/lib/i18n";
import { monthLabel, SERIES_KEYS, trendTotals, type TrendMonthView } from "./trend-chart";

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 44, right: 12, bottom: 32, left: 40 };
const INNER_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const INNER_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** The chart as SVG markup, for `TrendChart`'s `svg`. */
export function renderTrendChartSvg(months: TrendMonthView[], t: Translate, locale: Locale): string {
  return renderToStaticMarkup(<TrendChartSvg months={months} t={t} locale={locale} />);
}

function TrendChartSvg({ months, t, locale }: { months: TrendMonthView[]; t: Translate; locale: Locale }) {
  const n = (value: number) => formatNumber(locale, value);
  const totals = trendTotals(months);
  const peak = Math.max(
    1,
    ...months.map((m) => Math.max(m.figures.due.count, m.figures.doneOnTime.count + m.figures.doneLate.count)),
  );
  const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, INNER_WIDTH], padding: 0.25 });
  const pair = scaleBand<string>({ domain: ["due", "done"], range: [0, x.bandwidth()], padding: 0.08 });
  const y = scaleLinear<number>({ domain: [0, peak], range: [INNER_HEIGHT, 0], nice: true });
  const tickCount = Math.min(5, y.domain()[1] ?? 1);
  const barWidth = pair.bandwidth();
  const summary = t("trend.summary", {
    from: monthLabel(months[0]?.month ?? ""),
    to: monthLabel(months[months.length - 1]?.month ?? ""),
    due: totals.due,
    onTime: totals.doneOnTime,
    late: totals.doneLate,
    overdue: totals.overdue,
  });

  const tick = ({ x: tx, y: ty, formattedValue, textAnchor }: TickRendererProps) => (
    <text x={tx} y={ty} dy="0.32em" textAnchor={textAnchor} fontSize={11} className="fill-slate-700">
      {formattedValue}
    </text>
  );

  const legend: { key: keyof typeof SERIES_KEYS; fill: string; className: string }[] = [
    { key: "due", fill: "url(#trend-due)", className: "stroke-slate-700" },
    { key: "doneOnTime", fill: "", className: "fill-green-800" },
    { key: "doneLate", fill: "url(#trend-late)", className: "stroke-orange-900" },
  ];

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
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
      <Group left={MARGIN.left} top={12}>
        {legend.map((item, index) => (
          <Group key={item.key} left={index * 200}>
            <rect
              width={14}
              height={14}
              y={-11}
              fill={item.fill || undefined}
              className={item.className}
              strokeWidth={item.key === "doneOnTime" ? 0 : 1}
            />
            <text x={20} fontSize={12} className="fill-slate-800">
              {t(SERIES_KEYS[item.key])}
            </text>
          </Group>
        ))}
      </Group>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {y.ticks(tickCount).map((value) => (
          <line
            key={value}
            x1={0}
            x2={INNER_WIDTH}
            y1={y(value)}
            y2={y(value)}
            strokeDasharray="2 3"
            className="stroke-slate-300"
          />
        ))}
        {months.map((m) => {
          const left = x(m.month) ?? 0;
          const due = m.figures.due.count;
          const onTime = m.figures.doneOnTime.count;
          const late = m.figures.doneLate.count;
          const dueX = left + (pair("due") ?? 0);
          const doneX = left + (pair("done") ?? 0);
          return (
            <Group key={m.month} data-month={m.month}>
              <Bar
                x={dueX}
                y={y(due)}
                width={barWidth}
                height={INNER_HEIGHT - y(due)}
                fill="url(#trend-due)"
                className="stroke-slate-700"
                strokeWidth={due > 0 ? 1 : 0}
              />
              <Bar
                x={doneX}
                y={y(onTime)}
                width={barWidth}
                height={INNER_HEIGHT - y(onTime)}
                className="fill-green-800"
              />
              <Bar
                x={doneX}
                y={y(onTime + late)}
                width={barWidth}
                height={y(onTime) - y(onTime + late)}
                fill="url(#trend-late)"
                className="stroke-orange-900"
                strokeWidth={late > 0 ? 1 : 0}
              />
              {due > 0 && (
                <text
                  x={dueX + barWidth / 2}
                  y={y(due) - 4}
                  textAnchor="middle"
                  fontSize={11}
                  className="fill-slate-900"
                >
                  {n(due)}
                </text>
              )}
              {onTime + late > 0 && (
                <text
                  x={doneX + barWidth / 2}
                  y={y(onTime + late) - 4}
                  textAnchor="middle"
                  fontSize={11}
                  fontWeight={600}
                  className="fill-slate-900"
                >
                  {n(onTime + late)}
                </text>
              )}
            </Group>
          );
        })}
        <AxisLeft
          scale={y}
          numTicks={tickCount}
          tickFormat={(value) => n(Number(value))}
          tickComponent={tick}
          tickLabelProps={{ textAnchor: "end" }}
          stroke="#334155"
          tickStroke="#334155"
        />
        <AxisBottom
          top={INNER_HEIGHT}
          scale={x}
          tickFormat={(value) => monthLabel(String(value))}
          tickComponent={tick}
          tickLabelProps={{ textAnchor: "middle" }}
          stroke="#334155"
          tickStroke="#334155"
        />
      </Group>
    </svg>
  );
}
