// Accent-insensitive full-text search (docs/domain-rules.md §7) on SQLite FTS5.
//
// The index holds folded text (app/domain/text.ts); queries are folded the same
// way, so "dao tao" finds "Đào tạo" and "so hoa" finds "số hóa". Results are
// filtered by what the user may see, ranked — the phrase as typed first, then the
// words together, then anywhere; the diacritics typed count; then BM25 (titles
// weigh more) — and highlighted on the original text (docs/decisions/025).
import { sql } from "drizzle-orm";
import type { Actor } from "../domain/permissions";
import { foldKeepingLength, foldVietnamese } from "../domain/text";
import type { AppDatabase, WriteTransaction } from "./db.server";
import { visibleDirectivesFilter, visibleTasksFilter } from "./visibility.server";
import { firstRow, allRows } from "./sql-rows.server";

type Db = AppDatabase | WriteTransaction;

const KINDS = { directive: 0, task: 1, report: 2 } as const;
export type SearchKind = keyof typeof KINDS;
const SEARCH_KINDS = Object.keys(KINDS) as SearchKind[];
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
  const row = firstRow(
    db,
    { number: "text?", abstract: "text", full_text: "text?", issuer: "text" },
    sql`SELECT number, abstract, full_text, issuer FROM directives WHERE id = ${id}`,
  );
  if (row) put(db, "directive", id, join(row.number, row.abstract), join(row.issuer, row.full_text));
}

export function indexTask(db: Db, id: number): void {
  const row = firstRow(
    db,
    { item_number: "text", title: "text", description: "text?" },
    sql`SELECT item_number, title, description FROM tasks WHERE id = ${id}`,
  );
  if (row) put(db, "task", id, row.title, join(row.description));
}

export function indexProgressReport(db: Db, id: number): void {
  const row = firstRow(
    db,
    { result: "text", difficulties: "text?", proposals: "text?" },
    sql`SELECT result, difficulties, proposals FROM progress_reports WHERE id = ${id}`,
  );
  if (row) put(db, "report", id, "", join(row.result, row.difficulties, row.proposals));
}

/** Re-creates every index row from the tables (after a bulk load, or on an empty index). */
export function rebuildSearchIndex(db: AppDatabase): void {
  db.transaction(
    (tx) => {
      tx.run(sql`DELETE FROM search_index`);
      for (const { id } of allRows(tx, { id: "integer" }, sql`SELECT id FROM directives`)) indexDirective(tx, id);
      for (const { id } of allRows(tx, { id: "integer" }, sql`SELECT id FROM tasks`)) indexTask(tx, id);
      for (const { id } of allRows(tx, { id: "integer" }, sql`SELECT id FROM progress_reports`))
        indexProgressReport(tx, id);
    },
    { behavior: "immediate" },
  );
}

/** Rebuilds the index if it is empty while there is something to index (first start after an upgrade or a load). */
export function ensureSearchIndex(db: AppDatabase): void {
  const indexed = firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM search_index`)?.n ?? 0;
  const rows =
    firstRow(db, { n: "integer" }, sql`SELECT (SELECT count(*) FROM directives) + (SELECT count(*) FROM tasks) AS n`)
      ?.n ?? 0;
  if (indexed === 0 && rows > 0) rebuildSearchIndex(db);
}

/** A word of a query: folded (as the index holds text), and the diacritics the user typed. */
export interface QueryWord {
  folded: string;
  /** Which marks (and đ) the word was typed with; "" when typed without any. */
  marks: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARK = /\p{M}/gu;

/**
 * The diacritics of a word, wherever they sit: the combining marks of its decomposed
 * form, sorted, and its đ. Both tone placements ("hoá", "hóa") read the same; "số"
 * and "sở" do not.
 */
function marksOf(word: string): string {
  const decomposed = word.toLowerCase().normalize("NFD");
  const strokes = decomposed.match(/[đð]/g)?.length ?? 0;
  return [...(decomposed.match(MARK) ?? [])].sort().join("") + "đ".repeat(strokes);
}

/** A query's words (at most twelve), as the ranking and the highlighting compare them. */
export function parseQuery(query: string): QueryWord[] {
  return [...query.matchAll(WORD)]
    .map((match) => ({ folded: foldVietnamese(match[0]), marks: marksOf(match[0]) }))
    .filter((word) => word.folded.length > 0)
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

/** A word of a text where it stands, and folded; its diacritics are read only when compared. */
interface TextWord {
  at: number;
  text: string;
  folded: string;
}

/**
 * The words of a text. Folded once for the whole text with the length-keeping fold
 * (a word's folded form sits at its own place), which costs far less than folding
 * word by word — search ranks hundreds of texts per query; combining marks left by
 * decomposed input are dropped from the folded form.
 */
function wordsOf(text: string): TextWord[] {
  const folded = foldKeepingLength(text);
  return [...folded.matchAll(WORD)].map((match) => ({
    at: match.index,
    text: text.slice(match.index, match.index + match[0].length),
    folded: match[0].replace(MARK, ""),
  }));
}

/**
 * How a text's word stands for a query word: `whole` (the same word), `prefix` (the
 * last query word may still be being typed: "hoa" → "hoạch"), or no match; and
 * whether it has the diacritics the user typed (a word typed without any agrees with all).
 */
function wordMatch(word: TextWord, query: QueryWord, last: boolean) {
  const whole = word.folded === query.folded;
  const matches = whole || (last && word.folded.startsWith(query.folded));
  return { matches, whole, agrees: matches && (query.marks === "" || marksOf(word.text) === query.marks) };
}

/**
 * The places where all the query's words stand next to each other, in order: each a
 * run of text words, with whether every word is whole and has the typed diacritics.
 */
function phrasesIn(words: readonly TextWord[], query: readonly QueryWord[]) {
  const found: { from: number; exact: boolean; agrees: boolean }[] = [];
  for (let from = 0; from + query.length <= words.length; from++) {
    let exact = true;
    let agrees = true;
    let matches = true;
    for (let i = 0; i < query.length && matches; i++) {
      const match = wordMatch(words[from + i]!, query[i]!, i === query.length - 1);
      matches = match.matches;
      exact &&= match.whole && match.agrees;
      agrees &&= match.agrees;
    }
    if (matches) found.push({ from, exact, agrees });
  }
  return found;
}

/** Ranking tiers: the exact phrase as typed, then the words next to each other in order, then the words anywhere. */
const EXACT_PHRASE = 0;
const ADJACENT = 1;
const ANYWHERE = 2;

/**
 * Where a matching record stands for the query (docs/decisions/025-search-ranking.md):
 * its tier in the texts that matched, and how many of the query's words it has with
 * the diacritics typed (only an accented query tells records apart by it).
 */
function standing(fields: readonly string[], query: readonly QueryWord[]): { tier: number; agreeing: number } {
  let tier = ANYWHERE;
  const agreeing = new Set<number>();
  for (const field of fields) {
    const words = wordsOf(field);
    for (const phrase of phrasesIn(words, query)) tier = Math.min(tier, phrase.exact ? EXACT_PHRASE : ADJACENT);
    for (const word of words) {
      query.forEach((q, i) => {
        const match = wordMatch(word, q, i === query.length - 1);
        if (match.matches && match.agrees) agreeing.add(i);
      });
    }
  }
  return { tier, agreeing: agreeing.size };
}

/** Records ranked by the index before the tiers are applied: enough for any page of results. */
const CANDIDATES = 200;

/**
 * Ranked matches the actor may see. Every word must match (accents aside); then the
 * exact phrase as typed comes first, then all the words next to each other in order,
 * then the words anywhere; within each, the records with more of the diacritics the
 * user typed, then BM25 (titles weigh 5:1).
 */
export function search(db: AppDatabase, actor: Actor, query: string, limit = 50): SearchHit[] {
  const words = parseQuery(query);
  if (words.length === 0) return [];
  // Whole words, the last one also as a prefix (it may still be being typed): a prefix
  // term reads every indexed word it starts, which made short words ("so", "ho") slow.
  const terms = words.map((word) => word.folded);
  const allWords = terms.map((term, i) => (i === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(" ");
  // The same words as one phrase: next to each other, in order. Asked for first, so that
  // phrase matches are candidates even among thousands of records with the words apart.
  const phrase = `"${terms.join(" ")}"*`;
  const tasksVisible = visibleTasksFilter(actor);
  const directivesVisible = visibleDirectivesFilter(actor);
  /** The visible records an FTS5 expression matches, best BM25 first. */
  const matching = (match: string) =>
    allRows(
      db,
      {
        kind: SEARCH_KINDS,
        id: "integer",
        taskId: "integer?",
        directiveId: "integer",
        title: "text",
        text: "text",
        rank: "real",
      },
      sql`
      WITH hits AS (
        SELECT rowid, bm25(search_index, 5.0, 1.0) AS rank
        FROM search_index WHERE search_index MATCH ${match}
        ORDER BY rank LIMIT 500
      )
      SELECT kind, id, taskId, directiveId, title, text, rank FROM (
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
      ORDER BY rank LIMIT ${CANDIDATES}`,
    );
  // The words together rank before the words apart: records with them apart are read
  // only when those together do not fill the page (one FTS5 query saved on most searches).
  let candidates = matching(phrase);
  if (words.length > 1 && candidates.length < limit) {
    const found = new Set(candidates.map((hit) => `${hit.kind}-${hit.id}`));
    candidates = [...candidates, ...matching(allWords).filter((hit) => !found.has(`${hit.kind}-${hit.id}`))];
  }
  return candidates
    .map((hit) => {
      // A report is found by its own text; the title shown is its task's, which the index did not read.
      const read = hit.kind === "report" ? [hit.text] : [hit.title, hit.text];
      return { hit, rank: hit.rank, ...standing(read, words) };
    })
    .sort((a, b) => a.tier - b.tier || b.agreeing - a.agreeing || a.rank - b.rank)
    .slice(0, limit)
    .map(({ hit: { rank: _rank, ...hit } }) => hit);
}

export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * What to mark in a text for the query: the places where its words stand together as
 * typed (diacritics too), else together whatever their diacritics; where they never
 * stand together, each word where it occurs — with its diacritics when the text has
 * them so. Whole words only ("dao" never marks the "dao" of another word), the last
 * query word also as the start of a word.
 */
function matchedRanges(text: string, query: readonly QueryWord[]): [number, number][] {
  const words = wordsOf(text);
  // A prefix match marks only the prefix ("hoa" in "hoạch").
  const lengthOf = (word: TextWord, q: QueryWord) =>
    word.folded === q.folded ? word.text.length : prefixLength(word.text, q.folded.length);
  const phrases = phrasesIn(words, query);
  const chosen = phrases.some((p) => p.agrees) ? phrases.filter((p) => p.agrees) : phrases;
  if (query.length > 1 && chosen.length > 0) {
    return chosen.flatMap(({ from }) =>
      query.map((q, i): [number, number] => {
        const word = words[from + i]!;
        return [word.at, word.at + lengthOf(word, q)];
      }),
    );
  }
  return query.flatMap((q, i) => {
    const last = i === query.length - 1;
    const found = words.filter((word) => wordMatch(word, q, last).matches);
    const agreeing = found.filter((word) => wordMatch(word, q, last).agrees);
    return (agreeing.length > 0 ? agreeing : found).map((word): [number, number] => [
      word.at,
      word.at + lengthOf(word, q),
    ]);
  });
}

/** How many characters of `word` fold to its first `folded` characters, marks that follow included (NFD text). */
function prefixLength(word: string, folded: number): number {
  let end = 0;
  while (end < word.length && foldVietnamese(word.slice(0, end)).length < folded) end++;
  while (end < word.length && /\p{M}/u.test(word[end]!)) end++;
  return end;
}

/**
 * Splits `text` into plain and matching parts for the query (`matchedRanges`); with
 * `around`, keeps only a window of that many characters around the first match (an
 * excerpt).
 */
export function highlight(text: string, query: readonly QueryWord[], around?: number): HighlightPart[] {
  const ranges = matchedRanges(text, query).sort((a, b) => a[0] - b[0]);
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
