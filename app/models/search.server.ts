// Accent-insensitive full-text search (docs/domain-rules.md §7) on SQLite FTS5.
//
// The index holds folded text (app/domain/text.ts); queries are folded the same
// way, so "dao tao" finds "Đào tạo" and "so hoa" finds "số hóa". Results are
// ranked by BM25 (titles weigh more), filtered by what the user may see, and
// highlighted on the original text.
import { sql } from "drizzle-orm";
import type { Actor } from "../domain/permissions";
import { foldKeepingLength, foldVietnamese } from "../domain/text";
import type { AppDatabase, WriteTransaction } from "../lib/db.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "./visibility.server";

type Db = AppDatabase | WriteTransaction;

const KINDS = { directive: 0, task: 1, report: 2 } as const;
export type SearchKind = keyof typeof KINDS;
const rowidOf = (kind: SearchKind, id: number) => id * 4 + KINDS[kind];

function put(db: Db, kind: SearchKind, id: number, title: string, body: string): void {
  const rowid = rowidOf(kind, id);
  db.run(sql`DELETE FROM search_index WHERE rowid = ${rowid}`);
  db.run(
    sql`INSERT INTO search_index (rowid, title, body) VALUES (${rowid}, ${foldVietnamese(title)}, ${foldVietnamese(body)})`,
  );
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join("\n");

export function indexDirective(db: Db, id: number): void {
  const row = db.get<{ number: string | null; abstract: string; full_text: string | null; issuer: string }>(
    sql`SELECT number, abstract, full_text, issuer FROM directives WHERE id = ${id}`,
  );
  if (row) put(db, "directive", id, join(row.number, row.abstract), join(row.issuer, row.full_text));
}

export function indexTask(db: Db, id: number): void {
  const row = db.get<{ item_number: string; title: string; description: string | null }>(
    sql`SELECT item_number, title, description FROM tasks WHERE id = ${id}`,
  );
  if (row) put(db, "task", id, row.title, join(row.description));
}

export function indexProgressReport(db: Db, id: number): void {
  const row = db.get<{ result: string; difficulties: string | null; proposals: string | null }>(
    sql`SELECT result, difficulties, proposals FROM progress_reports WHERE id = ${id}`,
  );
  if (row) put(db, "report", id, "", join(row.result, row.difficulties, row.proposals));
}

/** Re-creates every index row from the tables (after a bulk load, or on an empty index). */
export function rebuildSearchIndex(db: AppDatabase): void {
  db.transaction(
    (tx) => {
      tx.run(sql`DELETE FROM search_index`);
      for (const { id } of tx.all<{ id: number }>(sql`SELECT id FROM directives`)) indexDirective(tx, id);
      for (const { id } of tx.all<{ id: number }>(sql`SELECT id FROM tasks`)) indexTask(tx, id);
      for (const { id } of tx.all<{ id: number }>(sql`SELECT id FROM progress_reports`)) indexProgressReport(tx, id);
    },
    { behavior: "immediate" },
  );
}

/** Rebuilds the index if it is empty while there is something to index (first start after an upgrade or a load). */
export function ensureSearchIndex(db: AppDatabase): void {
  const indexed = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM search_index`)?.n ?? 0;
  const rows =
    db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM directives) + (SELECT count(*) FROM tasks) AS n`)?.n ?? 0;
  if (indexed === 0 && rows > 0) rebuildSearchIndex(db);
}

/** The folded words of a query, for FTS5 (each a quoted prefix term) and for highlighting. */
export function queryTerms(query: string): string[] {
  return foldVietnamese(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 12);
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
  /** The task a report belongs to, or the task itself; null for a directive. */
  taskId: number | null;
  directiveId: number;
  title: string;
  text: string;
}

/** Ranked matches the actor may see. */
export function search(db: AppDatabase, actor: Actor, query: string, limit = 50): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  // Whole words, the last one also as a prefix (it may still be being typed): a prefix
  // term reads every indexed word it starts, which made short words ("so", "ho") slow.
  const match = terms.map((term, i) => (i === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(" ");
  const tasksVisible = visibleTasksFilter(actor);
  const directivesVisible = visibleDirectivesFilter(actor);
  return db.all<SearchHit>(sql`
    WITH hits AS (
      SELECT rowid, bm25(search_index, 5.0, 1.0) AS rank
      FROM search_index WHERE search_index MATCH ${match}
      ORDER BY rank LIMIT 500
    )
    SELECT kind, id, taskId, directiveId, title, text FROM (
      SELECT 'directive' AS kind, d.id, NULL AS taskId, d.id AS directiveId,
             coalesce(d.number || ' — ', '') || d.abstract AS title, coalesce(d.full_text, '') AS text, h.rank
      FROM hits h JOIN directives d ON d.id = h.rowid / 4
      WHERE h.rowid % 4 = 0 AND ${directivesVisible}
      UNION ALL
      SELECT 'task', t.id, t.id, t.directive_id, t.item_number || '. ' || t.title, coalesce(t.description, ''), h.rank
      FROM hits h JOIN tasks t ON t.id = h.rowid / 4
      WHERE h.rowid % 4 = 1 AND ${tasksVisible}
      UNION ALL
      SELECT 'report', r.id, t.id, t.directive_id, t.item_number || '. ' || t.title,
             r.result || coalesce(char(10) || r.difficulties, '') || coalesce(char(10) || r.proposals, ''), h.rank
      FROM hits h JOIN progress_reports r ON r.id = h.rowid / 4 JOIN tasks t ON t.id = r.task_id
      WHERE h.rowid % 4 = 2 AND ${tasksVisible}
    )
    ORDER BY rank LIMIT ${limit}`);
}

export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` into plain and matching parts for the query terms, comparing
 * folded forms; with `around`, keeps only a window of that many characters
 * around the first match (an excerpt).
 */
export function highlight(text: string, terms: readonly string[], around?: number): HighlightPart[] {
  const folded = foldKeepingLength(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let start = 0;
  let end = text.length;
  if (around !== undefined && text.length > around * 2) {
    const first = ranges[0]?.[0] ?? 0;
    start = Math.max(0, first - around);
    end = Math.min(text.length, first + around);
  }
  const parts: HighlightPart[] = [];
  let cursor = start;
  for (const [from, to] of ranges) {
    if (to <= cursor || from >= end) continue;
    const a = Math.max(from, cursor);
    if (a > cursor) parts.push({ text: text.slice(cursor, a), match: false });
    const b = Math.min(to, end);
    parts.push({ text: text.slice(a, b), match: true });
    cursor = b;
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), match: false });
  if (start > 0) parts.unshift({ text: "…", match: false });
  if (end < text.length) parts.push({ text: "…", match: false });
  return parts;
}
