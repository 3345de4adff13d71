// A published report's files, as stored when it was published: byte for byte the same
// at every download (app/models/published-reports.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { badRequest, notFound } from "~/lib/http.server";
import { getTranslator } from "~/lib/locale.server";
import { idParam } from "~/lib/params.server";
import { publishedFile } from "~/models/published-reports.server";

const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "report.read");
  const id = idParam(params.id);
  const { t } = await getTranslator(request);
  const format = new URL(request.url).searchParams.get("format") ?? "xlsx";
  if (format !== "xlsx" && format !== "csv")
    badRequest(t("published.download.invalid", { value: format.slice(0, 20) }));
  const file = publishedFile(getDb(), id, format);
  if (file === null) notFound();
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="bao-cao-da-chot-${id}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
}
