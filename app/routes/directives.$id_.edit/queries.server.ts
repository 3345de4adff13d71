import { eq } from "drizzle-orm";
import { directives } from "../../../db/schema";
import type { AppDatabase } from "~/models/db.server";

/** A directive's editable fields and the version an edit is based on. */
export function getDirectiveForEdit(db: AppDatabase, id: number) {
  return db
    .select({
      id: directives.id,
      committeeId: directives.committeeId,
      meetingId: directives.meetingId,
      number: directives.number,
      type: directives.type,
      issuedOn: directives.issuedOn,
      issuer: directives.issuer,
      signer: directives.signer,
      abstract: directives.abstract,
      fullText: directives.fullText,
      confidential: directives.confidential,
      state: directives.state,
      version: directives.version,
    })
    .from(directives)
    .where(eq(directives.id, id))
    .get();
}
