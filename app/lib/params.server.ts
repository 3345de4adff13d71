import { z } from "zod";
import { badRequest, notFound } from "./http.server";
import type { Translate } from "./i18n";

const recordId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A record id from the URL; anything else is a 404, like a record that does not exist. */
export function idParam(value: string | undefined): number {
  const parsed = recordId.safeParse(value);
  if (!parsed.success || !/^\d+$/.test(value ?? "")) notFound();
  return parsed.data;
}

const directiveQuery = z.object({ directive: recordId });

/** The directive new work is added to: `?directive=ID`, required; without it a translated 400. */
export function directiveQueryParam(request: Request, t: Translate): number {
  const parsed = directiveQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) badRequest(t("desk.task.directiveMissing"));
  return parsed.data.directive;
}
