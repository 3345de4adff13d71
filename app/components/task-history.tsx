import { formatFileSize, mediaTypeLabel } from "~/domain/attachments";
import { formatInstant, formatLocalDate, localDateOf } from "~/domain/dates";
import { INTL_LOCALE, useLocale, useT, type Translate } from "~/lib/i18n";
import type { HistoryAttachment, HistoryEntry } from "~/domain/views";

function describe(entry: HistoryEntry, t: Translate): { title: string; lines: string[]; actor: string | null } {
  switch (entry.kind) {
    case "created":
      return { title: t("history.created", { department: entry.department }), lines: [], actor: null };
    case "transition":
      return {
        title: t("history.transition", { state: t(`workflow.${entry.state}`) }),
        lines: [
          ...(entry.completionDate
            ? [t("history.transitionCompletion", { date: formatLocalDate(entry.completionDate) })]
            : []),
          ...(entry.reason ? [t("task.reason", { reason: entry.reason })] : []),
        ],
        actor: entry.actor,
      };
    case "report":
      return {
        title: t("history.report", { department: entry.department, percent: entry.percent }),
        lines: [
          t("history.report.result", { text: entry.result }),
          ...(entry.difficulties ? [t("history.report.difficulties", { text: entry.difficulties })] : []),
          ...(entry.proposals ? [t("history.report.proposals", { text: entry.proposals })] : []),
        ],
        actor: entry.actor,
      };
    case "extension_requested":
      return {
        title: t("history.extension.requested", {
          department: entry.department,
          from: formatLocalDate(entry.from),
          to: formatLocalDate(entry.to),
        }),
        lines: [t("task.reason", { reason: entry.reason })],
        actor: entry.actor,
      };
    case "extension_decided":
      return {
        title:
          entry.state === "rejected"
            ? t("history.extension.rejected")
            : t(entry.state === "approved" ? "history.extension.approved" : "history.extension.countered", {
                date: entry.date ? formatLocalDate(entry.date) : "",
              }),
        lines: entry.note ? [entry.note] : [],
        actor: entry.actor,
      };
    case "deadline_changed":
      return {
        title: t(entry.correction ? "history.deadline.corrected" : "history.deadline.changed", {
          from: formatLocalDate(entry.from),
          to: formatLocalDate(entry.to),
        }),
        lines: [t("task.reason", { reason: entry.reason })],
        actor: entry.actor,
      };
    case "comment":
      return {
        title: t(entry.instruction ? "history.instruction" : "history.comment", { author: entry.actor }),
        lines: [entry.body],
        actor: null,
      };
    case "reminder":
      return {
        title: entry.rule
          ? `${t(`reminder.auto.${entry.rule}`, { ordinal: entry.ordinal })} — ${t("reminder.to", { department: entry.department })}`
          : t("history.reminder", { ordinal: entry.ordinal, department: entry.department }),
        lines: entry.message ? [entry.message] : [],
        actor: entry.actor ?? t("history.system"),
      };
  }
}

/** The files that came with a report, a completion or an extension request, each a download link. */
function Attachments({ files }: { files: HistoryAttachment[] }) {
  const t = useT();
  const locale = INTL_LOCALE[useLocale()];
  if (files.length === 0) return null;
  return (
    <div className="mt-1 text-sm">
      <p className="text-slate-700">{t("attachments.list.label")}</p>
      <ul className="space-y-0.5" data-testid="attachments">
        {files.map((file) => (
          <li key={file.id} className="flex flex-wrap items-baseline gap-x-2">
            <span aria-hidden="true">📎</span>
            {/* A resource route: a plain link, so the browser downloads it (no client-side navigation). */}
            <a href={file.href} download={file.fileName} className="break-all font-medium">
              {file.fileName}
            </a>
            <span className="text-xs text-slate-600">
              {t("attachments.list.details", {
                size: formatFileSize(file.sizeBytes, locale),
                type: mediaTypeLabel(file.mediaType),
              })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TaskHistory({ entries }: { entries: HistoryEntry[] }) {
  const t = useT();
  if (entries.length === 0) return <p className="text-sm">{t("task.historyEmpty")}</p>;
  return (
    <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5">
      {entries.map((entry, index) => {
        const { title, lines, actor } = describe(entry, t);
        const instruction = entry.kind === "comment" && entry.instruction;
        return (
          <li key={index} className={`relative ${instruction ? "rounded border border-red-200 bg-red-50 p-3" : ""}`}>
            <span
              aria-hidden="true"
              className="absolute -left-[27px] top-1.5 size-3 rounded-full border-2 border-white bg-brand-700"
            />
            <p className="text-xs text-slate-600">
              <time dateTime={new Date(entry.at).toISOString()}>{formatInstant(entry.at)}</time>
              {actor && <> · {t("history.by", { name: actor })}</>}
              {entry.recordedAt != null && localDateOf(entry.recordedAt) !== localDateOf(entry.at) && (
                <> · {t("history.enteredLater", { date: formatInstant(entry.recordedAt) })}</>
              )}
            </p>
            <p className="text-sm font-medium">{title}</p>
            {lines.map((line, i) => (
              <p key={i} className="whitespace-pre-line text-sm text-slate-800">
                {line}
              </p>
            ))}
            {"attachments" in entry && <Attachments files={entry.attachments} />}
          </li>
        );
      })}
    </ol>
  );
}
