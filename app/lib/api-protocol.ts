// What the JSON API decides before any route runs: the client's language, and the
// refusal of anything but a read. No server-only imports: app/server/start.ts uses it
// in front of Remix, and app/server/api.server.ts inside the endpoints.
import { DEFAULT_LOCALE, translate, type Locale } from "./i18n";

/**
 * `?lang=vi|en` first, then the better-rated of Vietnamese and English in
 * `Accept-Language`, then Vietnamese. No cookie: API clients have none.
 */
export function negotiateApiLocale(
  acceptLanguage: string | null | undefined,
  lang: string | null | undefined,
): { locale: Locale; invalidLang: string | null } {
  if (lang !== null && lang !== undefined && lang !== "") {
    const normalized = lang.trim().toLowerCase();
    if (normalized === "vi" || normalized === "en") return { locale: normalized, invalidLang: null };
    return { locale: DEFAULT_LOCALE, invalidLang: lang.slice(0, 20) };
  }
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...options] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (primary !== "vi" && primary !== "en") continue;
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith("q="));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === null || q > best.q) best = { locale: primary, q };
  }
  return { locale: best?.locale ?? DEFAULT_LOCALE, invalidLang: null };
}

/**
 * The API only reads: any method but GET and HEAD under /api is answered here with a
 * JSON 405 (before the server's cross-origin check, which would answer in plain text).
 */
export function apiMethodRefusal(
  method: string,
  acceptLanguage: string | null | undefined,
  lang: string | null | undefined,
): { status: 405; headers: Record<string, string>; body: string } | null {
  const upper = method.toUpperCase();
  if (upper === "GET" || upper === "HEAD") return null;
  const { locale } = negotiateApiLocale(acceptLanguage, lang);
  return {
    status: 405,
    headers: {
      Allow: "GET, HEAD",
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Language": locale,
    },
    body: JSON.stringify({
      error: { code: "method_not_allowed", message: translate(locale, "api.error.method_not_allowed") },
    }),
  };
}
