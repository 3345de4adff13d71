import { formatLocalDate } from "~/domain/dates";
import { useT } from "~/lib/i18n";

export function Deadline({
  deadlineKind,
  dueDate,
  originalDueDate,
  extensionCount,
}: {
  deadlineKind: "dated" | "ongoing" | "none";
  dueDate: string | null;
  originalDueDate: string | null;
  extensionCount: number;
}) {
  const t = useT();
  if (deadlineKind !== "dated" || dueDate === null) {
    return <span>{t(deadlineKind === "ongoing" ? "deadline.ongoing" : "deadline.none")}</span>;
  }
  // .deadline (tailwind.css): the date, then how it moved, each on its line; said once, not on each of a list's rows.
  return (
    <span className="deadline">
      <span>{formatLocalDate(dueDate)}</span>
      {originalDueDate && originalDueDate !== dueDate && (
        <span>{t("deadline.extendedFrom", { date: formatLocalDate(originalDueDate) })}</span>
      )}
      {extensionCount > 0 && <span>{t("deadline.extensions", { count: extensionCount })}</span>}
    </span>
  );
}
