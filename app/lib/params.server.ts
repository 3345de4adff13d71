import { z } from "zod";
import { notFound } from "./http.server";

const recordId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A record id from the URL; anything else is a 404, like a record that does not exist. */
export function idParam(value: string | undefined): number {
  const parsed = recordId.safeParse(value);
  if (!parsed.success || !/^\d+$/.test(value ?? "")) notFound();
  return parsed.data;
}
