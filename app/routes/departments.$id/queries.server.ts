import { sql } from "drizzle-orm";
import { DEPARTMENT_KINDS } from "~/domain/vocabulary";
import type { AppDatabase } from "~/models/db.server";
import { firstRow } from "~/models/sql-rows.server";

/** The department's own facts for its page; null when it does not exist. */
export function getDepartment(db: AppDatabase, id: number) {
  const row = firstRow(
    db,
    {
      id: "integer",
      code: "text",
      name: "text",
      short_name: "text?",
      kind: DEPARTMENT_KINDS,
      active: "boolean",
      parent_id: "integer?",
      parent_name: "text?",
      successor_id: "integer?",
      successor_name: "text?",
    },
    sql`
    SELECT d.id, d.code, d.name, d.short_name, d.kind, d.active,
      p.id AS parent_id, p.name AS parent_name, s.id AS successor_id, s.name AS successor_name
    FROM departments d
    LEFT JOIN departments p ON p.id = d.parent_id
    LEFT JOIN departments s ON s.id = d.successor_id
    WHERE d.id = ${id}`,
  );
  if (row === undefined) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    active: row.active,
    parent: row.parent_id === null ? null : { id: row.parent_id, name: row.parent_name ?? "" },
    successor: row.successor_id === null ? null : { id: row.successor_id, name: row.successor_name ?? "" },
  };
}
