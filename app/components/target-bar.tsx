import { useLocale, useT, formatNumber } from "~/lib/i18n";

export interface TargetView {
  name: string;
  unit: string;
  baseline: number | null;
  targetValue: number;
  direction: "at_least" | "at_most";
  currentValue: number | null;
}

/** Baseline → current → target as a progress bar, with the figures in text beside it. */
export function TargetBar({ target }: { target: TargetView }) {
  const t = useT();
  const locale = useLocale();
  const fmt = (value: number | null) =>
    value === null ? t("common.none") : `${formatNumber(locale, value)} ${target.unit}`;
  const start = target.baseline ?? 0;
  const current = target.currentValue ?? start;
  const span = target.targetValue - start;
  const share = span === 0 ? 1 : Math.min(1, Math.max(0, (current - start) / span));
  const met = target.direction === "at_least" ? current >= target.targetValue : current <= target.targetValue;
  const goal = t(target.direction === "at_least" ? "task.target.atLeast" : "task.target.atMost", {
    value: formatNumber(locale, target.targetValue),
    unit: target.unit,
  });
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium">{target.name}</figcaption>
      <div
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        aria-label={t("task.target.progress", {
          name: target.name,
          baseline: fmt(target.baseline),
          current: fmt(target.currentValue),
          goal,
        })}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        {/* An SVG attribute, not an inline style, so a strict CSP needs no 'unsafe-inline'. */}
        <svg className="block h-full w-full" aria-hidden="true" focusable="false">
          <rect height="100%" width={`${share * 100}%`} className={met ? "fill-green-600" : "fill-amber-500"} />
        </svg>
      </div>
      <dl className="grid grid-cols-3 gap-2 text-xs text-slate-700">
        <div>
          <dt>{t("task.target.baseline")}</dt>
          <dd className="font-semibold text-slate-900">{fmt(target.baseline)}</dd>
        </div>
        <div>
          <dt>{t("task.target.current")}</dt>
          <dd className="font-semibold text-slate-900">{fmt(target.currentValue)}</dd>
        </div>
        <div>
          <dt>{t("task.target.goal")}</dt>
          <dd className="font-semibold text-slate-900">{goal}</dd>
        </div>
      </dl>
    </figure>
  );
}
