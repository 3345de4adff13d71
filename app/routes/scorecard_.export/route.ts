import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest, notFound } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { scorecardQueryFromUrl } from "~/server/dashboard-query.server";
import { scorecardCsv, scorecardFileName, scorecardReport, scorecardWorkbook } from "~/models/scorecard-report.server";
import { isExportFormat, type ExportFormat } from "~/models/task-report.server";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/**
 * The scorecard download: `/scorecard/export?format=xlsx|csv&…` takes the scorecard
 * page's query string (as-of day, committee, directive, period, sort) and answers its
 * rows — the departments leading tasks the user may see — as Excel (default) or CSV.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "dashboard.read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "xlsx";
  if (!isExportFormat(format)) badRequest(t("report.error.format", { value: format.slice(0, 20) }));
  const db = getDb();
  const { asOf, basis, filters, sort, dir } = scorecardQueryFromUrl(url, t, db, user);
  const result = scorecardReport(db, user, filters, asOf, basis, sort, dir, t);
  // The filters were checked above; a scope that vanished in between reads as not found.
  if (!result.ok) notFound();
  const author = { name: user.displayName, at: Date.now() };
  const body =
    format === "xlsx"
      ? new Uint8Array(await scorecardWorkbook(result.report, author, t))
      : new TextEncoder().encode(scorecardCsv(result.report, t));
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${scorecardFileName(asOf, format)}"`,
      "Cache-Control": "no-store",
    },
  });
}
