import type { ApiTokenState } from "~/domain/api-tokens";
import { useT } from "~/lib/i18n";

const TONES: Record<ApiTokenState, string> = {
  active: "bg-green-50 text-green-900 ring-green-300",
  revoked: "bg-slate-100 text-slate-800 ring-slate-300",
  expired: "bg-amber-50 text-amber-950 ring-amber-400",
  user_disabled: "bg-slate-100 text-slate-800 ring-slate-300",
};
/** A symbol besides the colour, so the state never relies on colour alone. */
const SYMBOLS: Record<ApiTokenState, string> = { active: "✓", revoked: "⊘", expired: "◷", user_disabled: "⊘" };

/** The state of an API token (active, revoked, expired, acting account disabled). */
export function ApiTokenStateBadge({ state }: { state: ApiTokenState }) {
  const t = useT();
  return (
    <span className={`whitespace-nowrap rounded px-2 py-0.5 ring-1 ${TONES[state]}`}>
      <span aria-hidden="true">{SYMBOLS[state]} </span>
      {t(`apiTokens.state.${state}`)}
    </span>
  );
}
