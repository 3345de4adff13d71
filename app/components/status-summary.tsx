import { Link } from "@remix-run/react";
import { TASK_STATUSES, type TaskStatus } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";
import type { StatusCounts } from "~/domain/views";
import { STATUS_SYMBOL, statusClass } from "./status-badge";

/**
 * A compact "N done on time · N late · N overdue" line. Each figure links to the
 * task list filtered the same way (`linkFor`), so numbers and lists agree.
 */
export function StatusSummary({ counts, linkFor }: { counts: StatusCounts; linkFor?: (status: TaskStatus) => string }) {
  const t = useT();
  const present = TASK_STATUSES.filter((status) => counts[status] > 0);
  if (present.length === 0) return <span className="text-slate-600">{t("common.none")}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {present.map((status) => {
        const label = (
          <>
            <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {counts[status]} {t(`status.${status}`)}
          </>
        );
        const className = `inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset no-underline hover:no-underline ${statusClass(status)}`;
        return (
          <li key={status}>
            {linkFor ? (
              <Link to={linkFor(status)} className={className} data-status={status}>
                {label}
              </Link>
            ) : (
              <span className={className} data-status={status}>
                {label}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
