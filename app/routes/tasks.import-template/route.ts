import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/server/auth.server";
import { importTemplate } from "~/models/task-import.server";

/** The bulk-import template (.xlsx) with the Vietnamese header row and one example row. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "task.write");
  return new Response(new Uint8Array(await importTemplate()), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="mau-nhap-nhiem-vu.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
