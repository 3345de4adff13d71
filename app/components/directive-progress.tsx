import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { TASK_STATUSES, type TaskLevel, type TaskStatus } from "~/domain/vocabulary";
import { formatNumber, useLocale, useT, type Translate } from "~/lib/i18n";
import type { StatusCounts } from "~/domain/views";

const SUBJECT = {
  top: "directiveProgress.topLevel",
  sub: "directiveProgress.sub",
  unit: "directiveProgress.units",
} as const satisfies Record<TaskLevel, string>;
const SUBJECT_ONE = {
  top: "directiveProgress.topLevelOne",
  sub: "directiveProgress.subOne",
  unit: "directiveProgress.unitsOne",
} as const satisfies Record<TaskLevel, string>;

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
 * 2 hoàn thành quá hạn, 1 quá hạn, 2 thường xuyên. Ngoài ra, 3 nhiệm vụ con: …".
 * Main tasks are counted apart from sub-tasks; every number links to the task list of
 * exactly those tasks (`linkFor`: the directive, the level and the status).
 */
export function DirectiveProgressLine({
  top,
  sub,
  units = null,
  items = 0,
  linkFor,
}: {
  top: StatusCounts;
  sub: StatusCounts | null;
  /** The units' tasks of the items given to many units (each item counts once in `top`). */
  units?: StatusCounts | null;
  items?: number;
  linkFor: (level: TaskLevel, status?: TaskStatus) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const clause = (level: TaskLevel, counts: StatusCounts) => {
    const count = total(counts);
    const many = SUBJECT[level];
    const one = SUBJECT_ONE[level];
    const subject = t(count === 1 ? one : many, {
      count: level === "top" ? countInWords(t, locale, count) : formatNumber(locale, count),
      items: formatNumber(locale, items),
    });
    const statuses = ORDER.filter((status) => HEADLINE.includes(status) || counts[status] > 0);
    return (
      <span data-level={level}>
        <Link to={linkFor(level)} className="font-semibold" data-count={count}>
          {level === "top" ? capitalise(subject) : subject}
        </Link>
        {": "}
        {statuses.map((status, index) => (
          <Fragment key={status}>
            {index > 0 && ", "}
            <Link to={linkFor(level, status)} data-status={status} data-count={counts[status]}>
              {formatNumber(locale, counts[status])} {lowerFirst(t(`status.${status}`))}
            </Link>
          </Fragment>
        ))}
        .
      </span>
    );
  };
  const hasTop = total(top) > 0;
  const hasSub = sub !== null && total(sub) > 0;
  const hasUnits = units !== null && total(units) > 0;
  if (!hasTop && !hasSub && !hasUnits) return <p className="text-sm text-slate-700">{t("directiveProgress.none")}</p>;
  return (
    <p className="text-sm leading-relaxed" data-testid="directive-progress">
      {hasTop && clause("top", top)}
      {hasSub && (
        <>
          {/* Sub-tasks alone (a department coordinating only sub-tasks) need no "besides". */}
          {hasTop && ` ${t("directiveProgress.besides")} `}
          {clause("sub", sub)}
        </>
      )}
      {hasUnits && (
        <>
          {(hasTop || hasSub) && ` ${t("directiveProgress.besides")} `}
          {clause("unit", units)}
        </>
      )}
    </p>
  );
}
