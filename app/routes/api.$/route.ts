// Any other address under /api: a JSON 404 (not the HTML error page), so a client
// with a typo in its URL reads what went wrong.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiErrorResponse, ApiError, negotiateLocale } from "~/server/api.server";
import { translator } from "~/lib/i18n";

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { locale } = negotiateLocale(request, url);
  const t = translator(locale);
  return apiErrorResponse(
    new ApiError(404, "unknown_endpoint", t("api.error.unknown_endpoint", { path: url.pathname.slice(0, 200) })),
    locale,
  );
}
