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
  return (
    <span className="flex flex-col">
      <span className="whitespace-nowrap font-medium">{formatLocalDate(dueDate)}</span>
      {originalDueDate && originalDueDate !== dueDate && (
        <span className="whitespace-nowrap text-xs text-slate-600">
          {t("deadline.extendedFrom", { date: formatLocalDate(originalDueDate) })}
        </span>
      )}
      {extensionCount > 0 && (
        <span className="whitespace-nowrap text-xs text-slate-600">
          {t("deadline.extensions", { count: extensionCount })}
        </span>
      )}
    </span>
  );
}
