import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { TASK_STATUSES, type TaskLevel, type TaskStatus } from "~/domain/vocabulary";
import { formatNumber, useLocale, useT, type Translate } from "~/lib/i18n";
import type { StatusCounts } from "~/domain/views";

/** Main tasks and sub-tasks: a message for one and one for many (a number in words reads "Mười nhiệm vụ"). */
const SUBJECT = {
  top: ["directiveProgress.topLevelOne", "directiveProgress.topLevel"],
  sub: ["directiveProgress.subOne", "directiveProgress.sub"],
} as const;
/** The other clauses: one message, its English plural chosen by the count. */
const COUNTED_SUBJECT = {
  items: "directiveProgress.items",
  unit: "directiveProgress.units",
  period: "directiveProgress.periods",
} as const;
type Clause = keyof typeof SUBJECT | keyof typeof COUNTED_SUBJECT;

/** Always named, even at zero: what a chair asks first. The others only when present. */
const HEADLINE: readonly TaskStatus[] = ["done_on_time", "done_late", "overdue"];
const ORDER: readonly TaskStatus[] = [...HEADLINE, ...TASK_STATUSES.filter((status) => !HEADLINE.includes(status))];

function total(counts: StatusCounts): number {
  return TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

/** "mười", "ten" up to twenty (as a sentence reads), digits beyond. */
function countInWords(t: Translate, locale: "vi" | "en", count: number): string {
  const words = t("directiveProgress.numberWords").split("|");
  return count >= 1 && count <= words.length ? words[count - 1]! : formatNumber(locale, count);
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}

/**
 * A directive's progress as a sentence: "Mười nhiệm vụ: 5 hoàn thành đúng hạn,
 * 2 hoàn thành quá hạn, 1 quá hạn, 2 thường xuyên. Ngoài ra, 3 nhiệm vụ con: …. Ngoài ra,
 * 2 nội dung giao nhiều đơn vị: 1 hoàn thành đúng hạn, 1 quá hạn; 60 nhiệm vụ của các đơn
 * vị: …. Ngoài ra, 12 kỳ của nhiệm vụ định kỳ: …". The clauses never overlap (docs/domain-rules.md
 * §6); every number links to the list of exactly what it counts: the task list for tasks
 * (`linkFor`: the directive, the level and the status), the directive's list of items for
 * the items given to many units (`itemLinkFor`: their roll-up status). The links' routes are
 * discovered on the first click rather than once per link (`discover="none"`: issue #16).
 */
export function DirectiveProgressLine({
  top,
  sub,
  items = null,
  units = null,
  periods = null,
  linkFor,
  itemLinkFor,
}: {
  /** Main tasks of the directive's own. */
  top: StatusCounts;
  sub: StatusCounts | null;
  /** The items given to many units, each once by its roll-up status. */
  items?: StatusCounts | null;
  /** Those items' units' tasks. */
  units?: StatusCounts | null;
  /** The periods' occurrences of the recurring duties. */
  periods?: StatusCounts | null;
  linkFor: (level: TaskLevel, status?: TaskStatus) => string;
  itemLinkFor: (status?: TaskStatus) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const clause = (kind: Clause, counts: StatusCounts) => {
    const count = total(counts);
    const subject =
      kind === "top" || kind === "sub"
        ? t(SUBJECT[kind][count === 1 ? 0 : 1], {
            count: kind === "top" ? countInWords(t, locale, count) : formatNumber(locale, count),
          })
        : t(COUNTED_SUBJECT[kind], { count });
    const link = (status?: TaskStatus) => (kind === "items" ? itemLinkFor(status) : linkFor(kind, status));
    const statuses = ORDER.filter((status) => HEADLINE.includes(status) || counts[status] > 0);
    return (
      <span data-level={kind}>
        <Link discover="none" to={link()} className="font-semibold" data-count={count}>
          {kind === "top" ? capitalise(subject) : subject}
        </Link>
        {": "}
        {statuses.map((status, index) => (
          <Fragment key={status}>
            {index > 0 && ", "}
            <Link discover="none" to={link(status)} data-status={status} data-count={counts[status]}>
              {`${formatNumber(locale, counts[status])} ${lowerFirst(t(`status.${status}`))}`}
            </Link>
          </Fragment>
        ))}
      </span>
    );
  };
  const present = (counts: StatusCounts | null): counts is StatusCounts => counts !== null && total(counts) > 0;
  // Each sentence: its clauses, the items' and their units' read as one ("…; 60 nhiệm vụ của các đơn vị: …").
  const sentences: { key: string; clauses: ReactNode[] }[] = [];
  if (present(top)) sentences.push({ key: "top", clauses: [clause("top", top)] });
  if (present(sub)) sentences.push({ key: "sub", clauses: [clause("sub", sub)] });
  if (present(units)) {
    sentences.push({
      key: "unit",
      clauses: [...(present(items) ? [clause("items", items)] : []), clause("unit", units)],
    });
  }
  if (present(periods)) sentences.push({ key: "period", clauses: [clause("period", periods)] });
  if (sentences.length === 0) return <p className="text-sm text-slate-700">{t("directiveProgress.none")}</p>;
  return (
    <p className="text-sm leading-relaxed" data-testid="directive-progress">
      {sentences.map((sentence, index) => (
        <Fragment key={sentence.key}>
          {/* The first sentence, whichever it is, needs no "besides". */}
          {index > 0 && ` ${t("directiveProgress.besides")} `}
          {sentence.clauses.map((part, at) => (
            <Fragment key={at}>
              {at > 0 && "; "}
              {part}
            </Fragment>
          ))}
          .
        </Fragment>
      ))}
    </p>
  );
}
