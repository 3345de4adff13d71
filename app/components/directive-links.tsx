import { Link } from "@remix-run/react";
import { formatLocalDate } from "~/domain/dates";
import type { DirectiveState, DirectiveType } from "~/domain/vocabulary";
import { useT } from "~/lib/i18n";

export interface DirectiveLink {
  id: number;
  number: string | null;
  type: DirectiveType;
  issuedOn: string | null;
  abstract: string;
  state: DirectiveState;
  confidential: boolean;
}

/** Directives as a list of links (a committee's or a meeting's), with number, type, date and state. */
export function DirectiveLinks({ directives }: { directives: DirectiveLink[] }) {
  const t = useT();
  return (
    <ul className="space-y-3">
      {directives.map((d) => (
        <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm text-slate-700">
            <span className="font-semibold text-slate-900">{d.number ?? t("directives.noNumber")}</span>
            <span>{t(`directiveType.${d.type}`)}</span>
            {d.issuedOn && <span>{formatLocalDate(d.issuedOn)}</span>}
            {d.state !== "issued" && (
              <span className="rounded bg-slate-100 px-1.5">{t(`directiveState.${d.state}`)}</span>
            )}
            {d.confidential && (
              <span className="rounded bg-red-700 px-1.5 text-xs font-semibold uppercase text-white">
                {t("common.confidential")}
              </span>
            )}
          </div>
          <p className="mt-1 font-medium">
            <Link to={`/directives/${d.id}`}>{d.abstract}</Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
