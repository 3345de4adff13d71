import { useHydrated } from "~/lib/use-hydrated";
import { useT } from "~/lib/i18n";

/**
 * "In / Print": opens the browser's print dialog (the page's print styles lay it out
 * on A4). It needs JavaScript, so it appears once the page is hydrated; without
 * JavaScript the browser's own Print command gives the same result.
 */
export function PrintButton() {
  const hydrated = useHydrated();
  const t = useT();
  if (!hydrated) return null;
  return (
    <button
      type="button"
      onClick={() => window.print()}
      aria-label={t("print.buttonLabel")}
      className="no-print rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100"
    >
      {t("print.button")}
    </button>
  );
}
