import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth.server";
import { asOfFromUrl } from "~/lib/as-of.server";
import { getDb } from "~/models/db.server";
import { badRequest } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { taskListQueryFromUrl } from "~/lib/task-list-query";
import {
  reportFileName,
  taskReport,
  taskReportCsv,
  taskReportWorkbook,
  isExportFormat,
  type ExportFormat,
} from "~/models/task-report.server";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/**
 * The task report download: `/tasks/export?format=xlsx|csv&…` takes the task
 * list's own query string (filters, sorting, `asOf`, `basis`; paging ignored) and
 * answers every matching row the user may see, as Excel (default) or CSV, with
 * every figure as of the day on the basis.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "xlsx";
  if (!isExportFormat(format)) badRequest(t("report.error.format", { value: format.slice(0, 20) }));
  const { asOf, basis } = asOfFromUrl(url, t);
  const query = taskListQueryFromUrl(url, t);
  if (!query.ok) badRequest(query.message);
  const db = getDb();
  // Paging is dropped: a report holds every matching row.
  const result = taskReport(db, user, { ...query.query, page: undefined, size: undefined }, asOf, basis, t);
  if (!result.ok) throw data({ message: result.message }, { status: result.status });

  const author = { name: user.displayName, at: Date.now() };
  const body =
    format === "xlsx"
      ? new Uint8Array(await taskReportWorkbook(result.report, author, t))
      : new TextEncoder().encode(taskReportCsv(result.report, t));
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${reportFileName(asOf, format, basis)}"`,
      "Cache-Control": "no-store",
    },
  });
}
