import type { TaskStatus } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";

// One colour and one symbol per status, everywhere: the symbol and the text carry
// the meaning, so nothing depends on colour alone (WCAG 1.4.1). Text/background
// pairs have at least 4.5:1 contrast. The colours are said once, in tailwind.css
// (`.status-<status>`, `statusClass`; a badge takes its colour from its data-status,
// so a list's badges carry no colour classes: issue #16).
export const STATUS_SYMBOL: Record<TaskStatus, string> = {
  overdue: "!",
  due_soon: "◷",
  on_track: "▸",
  awaiting_confirmation: "?",
  done_on_time: "✓",
  done_late: "✓!",
  ongoing: "↻",
  on_hold: "‖",
  cancelled: "×",
};

/** The class that gives a status's colour (tailwind.css) to what is not a badge: a tile, a chip. */
export function statusClass(status: TaskStatus): string {
  return `status-${status}`;
}

export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <span
      // .status-badge (tailwind.css): the shape and, from data-status, the colour, said once for the many badges of a list.
      className="status-badge"
      data-status={status}
    >
      <span aria-hidden="true">{STATUS_SYMBOL[status]}</span>
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
