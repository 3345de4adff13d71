import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatLocalDate } from "~/domain/dates";
import { useT } from "~/lib/i18n";

/** A GET form for `?asOf=`: works without JavaScript, and the URL can be shared. */
/** `children`: further GET fields (filters) sent along with the day. */
export function AsOfForm({ asOf, isToday, children }: { asOf: string; isToday: boolean; children?: ReactNode }) {
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
