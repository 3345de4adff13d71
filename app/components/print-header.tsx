import { useEffect, useState } from "react";
import { formatInstant, formatLocalDate, type LocalDate } from "~/domain/dates";
import { useT } from "~/lib/i18n";
import { useOptionalUser } from "~/components/use-user";

/**
 * The head of a printed report (hidden on screen): the app, the report's title, the
 * as-of day, the scope in words, who printed it and when. Who comes from the root
 * data, not from the page's data (which users alike share: app/server/read-cache.server.ts);
 * when is read in the browser — when the page was opened, then again as printing
 * starts — since the same rendered page may be served for hours.
 */
export function PrintHeader({ title, asOf, scope }: { title: string; asOf: LocalDate; scope: readonly string[] }) {
  const t = useT();
  const printedBy = useOptionalUser()?.displayName ?? "";
  const [printedAt, setPrintedAt] = useState<string | null>(null);
  useEffect(() => {
    const now = () => setPrintedAt(formatInstant(Date.now()));
    now();
    window.addEventListener("beforeprint", now);
    return () => window.removeEventListener("beforeprint", now);
  }, []);
  return (
    <header className="hidden space-y-1 border-b border-slate-400 pb-2 text-sm print:block" data-testid="print-header">
      <p className="font-semibold">{t("app.tagline")}</p>
      <p className="text-center text-base font-bold">{title}</p>
      <p className="italic">{t("report.asOf", { date: formatLocalDate(asOf) })}</p>
      <p>{t("report.filters", { filters: scope.length === 0 ? t("report.filters.none") : scope.join("; ") })}</p>
      <p>
        {printedAt === null
          ? t("print.generated", { name: printedBy })
          : t("print.generatedAt", { name: printedBy, at: printedAt })}
      </p>
    </header>
  );
}
