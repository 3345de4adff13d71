import { eq } from "drizzle-orm";
import { committees } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** A committee's editable fields. */
export function getCommitteeForEdit(db: AppDatabase, id: number) {
  return db
    .select({
      id: committees.id,
      code: committees.code,
      name: committees.name,
      description: committees.description,
      active: committees.active,
      version: committees.version,
    })
    .from(committees)
    .where(eq(committees.id, id))
    .get();
}
