import type { LoaderFunctionArgs } from "@remix-run/node";
import { canReadDepartmentFigures } from "~/domain/permissions";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { filterOptions } from "~/models/task-list.server";

/**
 * The whole department and directive menus of the filter forms, which the pages send cut
 * to the chosen entries when they are long (models/task-list.server.ts `briefMenus`) and
 * load from here once they run. `figures=1`: only the departments whose figures the user
 * may read, as the dashboards offer them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const { departments, directives } = filterOptions(getDb(), user);
  const figuresOnly = new URL(request.url).searchParams.get("figures") === "1";
  return {
    departments: figuresOnly ? departments.filter((d) => canReadDepartmentFigures(user, d.id)) : departments,
    directives,
  };
}
