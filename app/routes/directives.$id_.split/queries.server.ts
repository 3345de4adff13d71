import { eq } from "drizzle-orm";
import { directives } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** What the split screen needs of the directive: its heading, its text and its issue date. */
export function getDirectiveForSplit(db: AppDatabase, id: number) {
  return db
    .select({
      id: directives.id,
      number: directives.number,
      abstract: directives.abstract,
      issuedOn: directives.issuedOn,
      fullText: directives.fullText,
    })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
}
