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
  children,
}: {
  asOf: string;
  isToday: boolean;
  basis?: StatusBasis;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Form method="get" className="no-print flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("asOf.label")}</span>
        <input
          name="asOf"
          defaultValue={formatLocalDate(asOf)}
          placeholder={t("asOf.hint")}
          inputMode="numeric"
          pattern="\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
          className="w-32 rounded border border-slate-400 px-2 py-1.5"
          aria-describedby="as-of-hint"
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
}: {
  asOf: string;
  isToday: boolean;
  basis: StatusBasis;
  differing: { count: number; href: string } | null;
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
            {t("basis.differing", { count: differing.count })}
          </Link>
        ))}
    </p>
  );
}
