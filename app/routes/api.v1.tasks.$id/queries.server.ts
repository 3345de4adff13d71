import { sql } from "drizzle-orm";
import { endOfLocalDay, type LocalDate } from "~/domain/dates";
import type { AppDatabase } from "~/models/db.server";
import { firstRow } from "~/models/sql-rows.server";

/** The task's latest progress report recorded by the end of `asOf` (as the task report takes it), or null. */
export function latestProgressReport(db: AppDatabase, taskId: number, asOf: LocalDate) {
  const row = firstRow(
    db,
    {
      id: "integer",
      as_of_date: "text",
      percent: "integer",
      result: "text",
      difficulties: "text?",
      proposals: "text?",
      created_at: "integer",
      department_id: "integer",
      department_name: "text",
      author_name: "text?",
    },
    sql`
    SELECT pr.id, pr.as_of_date, pr.percent, pr.result, pr.difficulties, pr.proposals, pr.created_at,
      dep.id AS department_id, dep.name AS department_name, u.display_name AS author_name
    FROM progress_reports pr
    JOIN departments dep ON dep.id = pr.department_id
    LEFT JOIN users u ON u.id = pr.author_id
    WHERE pr.task_id = ${taskId} AND pr.created_at < ${endOfLocalDay(asOf)}
    ORDER BY pr.created_at DESC, pr.id DESC
    LIMIT 1`,
  );
  if (!row) return null;
  return {
    id: row.id,
    reportDate: row.as_of_date,
    createdAt: row.created_at,
    department: { id: row.department_id, name: row.department_name },
    author: row.author_name,
    percent: row.percent,
    result: row.result,
    difficulties: row.difficulties,
    proposals: row.proposals,
  };
}
