import { DEMO_BANNER_ATTRIBUTE } from "~/lib/demo-mode";
import { useT } from "~/lib/i18n";

/** On every page in demo mode (docs/decisions/020), printed pages included: nobody mistakes the demo for the real thing. */
export function DemoBanner() {
  const t = useT();
  return (
    <div
      role="note"
      data-testid="demo-banner"
      {...{ [DEMO_BANNER_ATTRIBUTE]: "" }}
      className="bg-amber-300 px-4 py-1.5 text-center text-sm text-slate-900"
    >
      <strong className="font-semibold">{t("app.demoBanner.title")}</strong>
      <span aria-hidden="true"> · </span>
      <span>{t("app.demoBanner.body")}</span>
    </div>
  );
}
