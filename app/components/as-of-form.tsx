import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatLocalDate } from "~/domain/dates";
import { STATUS_BASES, type StatusBasis } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";

/**
 * A GET form for `?asOf=` and `?basis=`: works without JavaScript, and the URL can
 * be shared. `children`: further GET fields (filters) sent along with the day.
 */
export function AsOfForm({
  asOf,
  isToday,
  basis = "happened",
  problem = null,
  children,
}: {
  asOf: string;
  isToday: boolean;
  basis?: StatusBasis;
  /** What the page could not read in its URL: shown on its field, with what was typed. */
  problem?: { field: "asOf" | "basis"; value: string; message: string } | null;
  children?: ReactNode;
}) {
  const t = useT();
  const badDay = problem?.field === "asOf";
  return (
    <Form method="get" className="no-print flex flex-wrap items-end gap-2 text-sm">
      {problem && (
        <p id="as-of-problem" role="alert" className="w-full font-medium text-red-800">
          {problem.message}
        </p>
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("asOf.label")}</span>
        <input
          name="asOf"
          defaultValue={badDay ? problem.value : formatLocalDate(asOf)}
          placeholder={t("asOf.hint")}
          inputMode="numeric"
          pattern="\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
          className={`w-32 rounded border px-2 py-1.5 ${badDay ? "border-red-700" : "border-slate-400"}`}
          aria-invalid={badDay || undefined}
          aria-describedby={badDay ? "as-of-problem as-of-hint" : "as-of-hint"}
        />
      </label>
      <span id="as-of-hint" className="sr-only">
        {t("asOf.hint")}
      </span>
      <BasisSelect basis={basis} className="rounded border border-slate-400 px-2 py-1.5" />
      {children}
      <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
        {t("asOf.apply")}
      </button>
      {!isToday && (
        <a href="?" className="px-1 py-1.5">
          {t("asOf.today")}
        </a>
      )}
    </Form>
  );
}

/** The reading of a past day: as it happened (with all known now) or as recorded then. */
export function BasisSelect({ basis, className }: { basis: StatusBasis; className: string }) {
  const t = useT();
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="font-medium">{t("basis.label")}</span>
      <select name="basis" defaultValue={basis === "happened" ? "" : basis} className={className}>
        {STATUS_BASES.map((b) => (
          <option key={b} value={b === "happened" ? "" : b}>
            {t(`basis.${b}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What a past day's figures are: which reading, and how many tasks the other reading
 * shows differently (records entered after the fact), with the link to their list.
 */
export function BasisNote({
  asOf,
  isToday,
  basis,
  differing,
  single = false,
}: {
  asOf: string;
  isToday: boolean;
  basis: StatusBasis;
  differing: { count: number; href: string } | null;
  /** One task's page: whether it reads differently, with the link to the other reading. */
  single?: boolean;
}) {
  const t = useT();
  if (isToday) return null;
  return (
    <p className="rounded border-l-4 border-slate-400 bg-slate-50 px-3 py-2 text-sm" data-basis={basis}>
      {t(`basis.note.${basis}`, { date: formatLocalDate(asOf) })}{" "}
      {differing !== null &&
        (differing.count === 0 ? (
          t("basis.noDifference")
        ) : (
          <Link to={differing.href} className="underline">
            {single ? t("basis.taskDiffers") : t("basis.differing", { count: differing.count })}
          </Link>
        ))}
    </p>
  );
}
