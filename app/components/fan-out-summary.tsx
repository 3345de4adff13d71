// An item given to many units on its directive's page (decision 026): shown once, with its
// roll-up and its units' tasks under it (collapsed), linking to the item's own page.
import { Link } from "@remix-run/react";
import type { FanOutRollup } from "~/domain/fan-out-rollup";
import { formatNumber, useLocale, useT } from "~/lib/i18n";
import { StatusBadge } from "./status-badge";
import type { TaskStatus } from "~/domain/vocabulary";

export interface FanOutUnitView {
  id: number;
  lead: { name: string };
  status: TaskStatus;
  dueDate: string | null;
  percent: number;
}

export function FanOutSummary({
  href,
  itemNumber,
  title,
  rollup,
  units,
  taskHref,
}: {
  href: string;
  itemNumber: string;
  title: string;
  rollup: FanOutRollup;
  units: readonly FanOutUnitView[];
  taskHref: (id: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const overdue = units.filter((u) => u.status === "overdue");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3" data-testid="fan-out-summary">
      <summary className="cursor-pointer">
        <span className="font-medium">
          {itemNumber}. {title}
        </span>{" "}
        {rollup.status !== null && <StatusBadge status={rollup.status} />}{" "}
        <span className="text-sm" data-testid="fan-out-summary-rollup">
          {t("fanOut.rollup.done", {
            done: formatNumber(locale, rollup.done),
            total: formatNumber(locale, rollup.counted),
          })}
          {"; "}
          {overdue.length === 0
            ? t("fanOut.rollup.noneOverdue")
            : `${t("fanOut.rollup.overdue")} ${overdue.map((u) => u.lead.name).join(", ")}`}
        </span>
      </summary>
      <p className="mt-2 text-sm">
        <Link to={href}>{t("fanOut.open")}</Link>
      </p>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {units.map((u) => (
          <li key={u.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1">
            <Link to={taskHref(u.id)} className="font-medium">
              {u.lead.name}
            </Link>
            <StatusBadge status={u.status} />
            <span>{formatNumber(locale, u.percent)}%</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
