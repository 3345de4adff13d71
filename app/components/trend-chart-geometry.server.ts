// The trend chart's geometry, computed on the server only with visx's scales (d3-scale:
// band scales, a "nice" value domain and its ticks): the loader returns numbers — bar
// rectangles, tick positions — and `TrendChartPicture` draws them as plain SVG
// elements. The browser thus gets a finished picture in the HTML and none of the chart
// code, and React renders (and escapes) the chart's text like any other text
// (docs/decisions/012-charts.md).
import { scaleBand, scaleLinear } from "@visx/scale";
import type { ChartRect, TrendChartGeometry, TrendMonthView } from "./trend-chart";

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 44, right: 12, bottom: 32, left: 40 };
const INNER_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const INNER_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Pixels to the hundredth: the picture is the same, the loader's data shorter. */
const px = (value: number) => Math.round(value * 100) / 100;

function rect(x: number, y: number, width: number, height: number): ChartRect {
  return { x: px(x), y: px(y), width: px(width), height: px(Math.max(0, height)) };
}

/** Per month, a "falling due" bar beside a "done" bar (on time, with late stacked on it). */
export function trendChartGeometry(months: TrendMonthView[]): TrendChartGeometry {
  const peak = Math.max(
    1,
    ...months.map((m) => Math.max(m.figures.due.count, m.figures.doneOnTime.count + m.figures.doneLate.count)),
  );
  const x = scaleBand<string>({ domain: months.map((m) => m.month), range: [0, INNER_WIDTH], padding: 0.25 });
  const pair = scaleBand<string>({ domain: ["due", "done"], range: [0, x.bandwidth()], padding: 0.08 });
  const y = scaleLinear<number>({ domain: [0, peak], range: [INNER_HEIGHT, 0], nice: true });
  const tickCount = Math.min(5, y.domain()[1] ?? 1);
  const barWidth = pair.bandwidth();
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: { left: MARGIN.left, top: MARGIN.top, width: INNER_WIDTH, height: INNER_HEIGHT },
    yTicks: y.ticks(tickCount).map((value) => ({ value, y: px(y(value)) })),
    columns: months.map((m) => {
      const left = x(m.month) ?? 0;
      const due = m.figures.due.count;
      const onTime = m.figures.doneOnTime.count;
      const done = onTime + m.figures.doneLate.count;
      const dueX = left + (pair("due") ?? 0);
      const doneX = left + (pair("done") ?? 0);
      return {
        month: m.month,
        center: px(left + x.bandwidth() / 2),
        due: rect(dueX, y(due), barWidth, INNER_HEIGHT - y(due)),
        onTime: rect(doneX, y(onTime), barWidth, INNER_HEIGHT - y(onTime)),
        late: rect(doneX, y(done), barWidth, y(onTime) - y(done)),
        dueCount: due,
        doneCount: done,
        lateCount: m.figures.doneLate.count,
      };
    }),
  };
}
