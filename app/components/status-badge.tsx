import type { TaskStatus } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";

// One colour and one symbol per status, everywhere: the symbol and the text carry
// the meaning, so nothing depends on colour alone (WCAG 1.4.1). Text/background
// pairs have at least 4.5:1 contrast.
export const STATUS_STYLE: Record<TaskStatus, { className: string; symbol: string }> = {
  overdue: { className: "bg-red-100 text-red-800 ring-red-300", symbol: "!" },
  due_soon: { className: "bg-amber-100 text-amber-900 ring-amber-300", symbol: "◷" },
  on_track: { className: "bg-blue-100 text-blue-800 ring-blue-300", symbol: "▸" },
  awaiting_confirmation: { className: "bg-cyan-100 text-cyan-900 ring-cyan-300", symbol: "?" },
  done_on_time: { className: "bg-green-100 text-green-800 ring-green-300", symbol: "✓" },
  done_late: { className: "bg-orange-100 text-orange-900 ring-orange-300", symbol: "✓!" },
  ongoing: { className: "bg-violet-100 text-violet-800 ring-violet-300", symbol: "↻" },
  on_hold: { className: "bg-slate-200 text-slate-800 ring-slate-300", symbol: "‖" },
  cancelled: { className: "bg-slate-100 text-slate-700 ring-slate-300 line-through", symbol: "×" },
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useT();
  const style = STATUS_STYLE[status];
  return (
    <span
      // .status-badge (tailwind.css): the shape, said once for the many badges of a list.
      className={`status-badge ${style.className}`}
      data-status={status}
    >
      <span aria-hidden="true">{style.symbol}</span>
      {t(`status.${status}`)}
    </span>
  );
}

export function StaleFlag() {
  const t = useT();
  return (
    <span className="stale-flag">
      <span aria-hidden="true">⊘</span>
      {t("status.flag.stale")}
    </span>
  );
}

/**
 * How late a task is on the day shown: an overdue task by the days past its deadline;
 * a completion awaiting confirmation by its reported date (reported on time, or N
 * days late — rule 3), with the days it has waited for the secretariat apart.
 */
export function LateNote({
  task,
  className = "text-xs",
}: {
  task: { status: TaskStatus; late: boolean; daysLate: number; daysAwaiting: number | null };
  className?: string;
}) {
  const t = useT();
  if (task.status === "awaiting_confirmation") {
    return (
      <span className={`${className} text-slate-700`} data-late-note="awaiting">
        {task.late ? (
          <span className="text-red-800">{t("status.reportedLate", { days: task.daysLate })}</span>
        ) : (
          t("status.reportedOnTime")
        )}
        {(task.daysAwaiting ?? 0) > 0 && ` · ${t("status.waitingConfirmation", { days: task.daysAwaiting ?? 0 })}`}
      </span>
    );
  }
  if (!task.late) return null;
  return <span className={`${className} text-red-800`}>{t("status.daysLate", { days: task.daysLate })}</span>;
}
