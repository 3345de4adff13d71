import { eq } from "drizzle-orm";
import { directives } from "../../../db/schema";
import type { AppDatabase } from "~/lib/db.server";

/** What the new-task page shows of the directive the task is added to. */
export function getDirectiveHeading(db: AppDatabase, id: number) {
  return db
    .select({ id: directives.id, number: directives.number, abstract: directives.abstract })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
}
