// "Paste and split": the secretariat pastes the text of a conclusion notice (or a
// directive, plan, decision, official letter) and gets one draft task per numbered item,
// nested items as sub-tasks, departments named in the text matched to department
// records, and dates in the text proposed as deadlines. Everything is a proposal that a
// person reviews and corrects on one screen before anything is saved: the functions
// never throw, they return what they found plus machine-readable warnings.
//
// Pure: no I/O, no clock (the directive's issue date is passed in). The rules and their
// limits are documented next to the code that applies them, and pinned by
// directive-split.test.ts and the texts in __fixtures__/directive-texts.
//
// Pipeline: normalise the text (line endings, odd spaces, NFC) → cut inline numbering out
// of long paragraphs → recognise item markers line by line → build the item tree → for
// each item: title, description, departments and their roles, deadline → inherit from
// the parent → number the items.
//
// For the review screen:
// - `splitDirectiveDocument` also returns the preamble and the closing, which are not
//   tasks; show them (greyed) so the secretariat sees that nothing was lost.
// - `flattenDraftTasks` gives rows in document order with `parentItemNumber` and `depth`,
//   the shape an editable table or a form array wants; `itemNumber` is unique in one
//   result and is the key to link a row to its parent when saving.
// - Highlight `matchedText` (lead, coordinators, deadline, warnings) in `description`; an
//   inherited lead or deadline (`assignment_inherited`, `deadline_inherited`) quotes the
//   parent's text instead.
// - `title` may be "" (`empty_item`) and the lead may be null: a task needs both (and
//   exactly one lead, docs/domain-rules.md §5) before it can be saved.
// - Warning codes are translated by the UI; `SPLIT_WARNING_CODES` lists them all.
// - `heading_only` items ("II. NHIỆM VỤ TRỌNG TÂM", "2. Sở Nội vụ:") are usually dropped
//   or kept as a parent.
// - Items that stand for many tasks (decision 026) are proposed, never decided:
//   `fanOut` — a group phrase in the lead's place ("UBND các quận, huyện, thị xã chỉ đạo
//   …") resolved to one of `SplitContext.groups`, or several leads named together ("Sở A,
//   Sở B chủ trì", "Giao Sở A và Sở B"); `recurrence` — "trước ngày 05 hằng tháng",
//   "định kỳ hằng quý", "báo cáo 6 tháng", "hằng năm", "hằng tuần vào thứ Sáu", in the
//   rule shape of recurrence.ts. "Các đơn vị liên quan" names no group
//   (`group_to_choose`); a group named as coordinators or addressee stays a
//   `group_reference` for the secretariat to expand.
// - "Trong 05 ngày làm việc kể từ ngày giao" is a dated deadline computed from
//   `SplitContext.assignedOn` (else the issue date) over `SplitContext.calendar`, with
//   `workingDays` kept so the review can recompute it for another day of assignment.
// - Ordinal lead-ins ("Thứ năm,", "Một là,") are left out of titles.
// - Deadlines: `{ kind: "dated" }` → deadline kind "dated" with original and current due
//   date; `{ kind: "ongoing" }` → "ongoing"; null → "none" (docs/domain-rules.md §3).
import { isLocalDate, parseLocalDate, type LocalDate } from "./dates";
import type { RecurrenceRule } from "./recurrence";
import { foldKeepingLength, foldVietnamese, normalizeForMatch } from "./text";
import type { DepartmentKind } from "./vocabulary";
import { addWorkingDays, DEADLINE_WORKING_DAYS_MAX, WEEKENDS_ONLY, type WorkingCalendar } from "./working-days";

// ---------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------

/** A department as the splitter needs it (the rows of the `departments` table). */
export interface SplitDepartment {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
}

/** A unit group as the splitter needs it: built-in (one per department kind) or custom (docs/domain-rules.md §11). */
export interface SplitGroup {
  id: number;
  name: string;
  builtinKind: DepartmentKind | null;
}

export interface SplitContext {
  departments: readonly SplitDepartment[];
  /**
   * The directive's issue date: years missing from dates in the text ("15/10", "quý IV")
   * are taken from it, and dates before it are suspicious. `null` when not known yet.
   */
  issuedOn: LocalDate | null;
  /** The groups that exist: a group phrase ("các sở, ban, ngành") is proposed as one of them. */
  groups?: readonly SplitGroup[];
  /** The day of assignment ("kể từ ngày giao"); the issue date when not given. */
  assignedOn?: LocalDate | null;
  /** The working calendar (holidays) for deadlines in working days; weekends only when not given. */
  calendar?: WorkingCalendar;
}

/**
 * An item given to many units (docs/domain-rules.md §13): a unit group named by a phrase
 * of the text, or two or more leads named together ("Giao Sở A và Sở B").
 */
export type DraftFanOut =
  | { kind: "group"; groupId: number; groupName: string; matchedText: string }
  | { kind: "leads"; leads: DepartmentMatch[] };

/** A duty that comes back (docs/domain-rules.md §12), in the rule shape of app/domain/recurrence.ts. */
export type DraftRecurrence = Pick<RecurrenceRule, "frequency" | "day" | "workingDays"> & { matchedText: string };

/** A department found in the text; `matchedText` is the text as written ("Sở TT&TT"). */
export interface DepartmentMatch {
  departmentId: number;
  matchedText: string;
}

/** `workingDays`: the deadline was written as N working days from the day of assignment (the date is computed). */
export type DraftDeadline =
  | { kind: "dated"; date: LocalDate; matchedText: string; workingDays?: number }
  | { kind: "ongoing"; matchedText: string };

export const SPLIT_WARNING_CODES = [
  // the text as a whole / the numbering
  "no_item_markers",
  "inline_numbering",
  "numbering_gap",
  "duplicate_item_number",
  "empty_item",
  "heading_only",
  "title_truncated",
  // departments
  "no_lead_found",
  "several_leads",
  "lead_guessed",
  "coordinators_guessed",
  "ambiguous_department",
  "group_reference",
  "group_fan_out",
  "group_to_choose",
  "group_not_found",
  "leads_fan_out",
  "assignment_inherited",
  // recurring duties
  "recurrence_found",
  "recurrence_day_assumed",
  // deadlines
  "no_deadline_found",
  "several_deadlines",
  "invalid_date",
  "date_before_issue",
  "year_assumed_next",
  "year_unknown",
  "deadline_inherited",
  "deadline_after_parent",
  "working_days_deadline",
  "working_days_no_start",
] as const;
export type SplitWarningCode = (typeof SPLIT_WARNING_CODES)[number];

/**
 * A machine code for the UI to translate, with the piece of text it is about when there
 * is one (`matchedText`) and, for `ambiguous_department`, the candidate departments.
 */
export interface SplitWarning {
  code: SplitWarningCode;
  matchedText?: string;
  departmentIds?: number[];
}

export interface DraftTask {
  /** "1", "2", "3.a", "3.a.1", "II.1": a child's number starts with its parent's. Unique. */
  itemNumber: string;
  /** The marker as written: "1.", "2)", "a)", "-", "Thứ hai,", "Điều 3.", "1.2." ("" when none). */
  marker: string;
  /** The item's first sentence, without the marker, at most TITLE_MAX_LENGTH characters. */
  title: string;
  /** The item's own text without the marker (its sub-items are in `children`). */
  description: string;
  children: DraftTask[];
  lead: DepartmentMatch | null;
  /** Never contains the lead; one entry per department. */
  coordinators: DepartmentMatch[];
  deadline: DraftDeadline | null;
  /** Proposed: the item is given to many units (then `lead` is only a fallback). */
  fanOut: DraftFanOut | null;
  /** Proposed: the item is a recurring duty of `lead`. */
  recurrence: DraftRecurrence | null;
  warnings: SplitWarning[];
}

/** A draft task in a flat list (document order) with the link to its parent. */
export type FlatDraftTask = Omit<DraftTask, "children"> & { parentItemNumber: string | null; depth: number };

export interface DirectiveSplit {
  /** Text before the first item ("Ý kiến kết luận … như sau:"): not a task. */
  preamble: string;
  tasks: DraftTask[];
  /** Text after the items (closing formula "… biết, thực hiện./.", "Nơi nhận:"…): not a task. */
  closing: string;
}

/** Longer first sentences are cut at a word boundary and end with "…" (`title_truncated`). */
export const TITLE_MAX_LENGTH = 240;

// ---------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------

const NO_DEPARTMENTS: readonly SplitDepartment[] = [];
const NO_GROUPS: readonly SplitGroup[] = [];

/** The days the deadlines of an item are read against. */
interface DateContext {
  issuedOn: LocalDate | null;
  assignedOn: LocalDate | null;
  calendar: WorkingCalendar;
}

function isCalendar(value: unknown): value is WorkingCalendar {
  const calendar = value as WorkingCalendar | null | undefined;
  return calendar?.daysOff instanceof Set && calendar.workedWeekendDays instanceof Set;
}

/** The draft tasks found in a pasted text (see `splitDirectiveDocument`). */
export function splitDirectiveText(text: string, context: SplitContext): DraftTask[] {
  return splitDirectiveDocument(text, context).tasks;
}

/** Preamble, draft tasks and closing of a pasted text. Never throws. */
export function splitDirectiveDocument(text: string, context: SplitContext): DirectiveSplit {
  const normalized = normalizeInput(typeof text === "string" ? text : "");
  const lines = splitInlineNumbering(readLines(normalized));
  const outline = buildOutline(lines);
  const matcher = departmentMatcher(Array.isArray(context?.departments) ? context.departments : NO_DEPARTMENTS);
  const issuedOn = isLocalDate(context?.issuedOn) ? context.issuedOn : null;
  const dates: DateContext = {
    issuedOn,
    assignedOn: isLocalDate(context?.assignedOn) ? context.assignedOn : issuedOn,
    calendar: isCalendar(context?.calendar) ? context.calendar : WEEKENDS_ONLY,
  };
  const groups = Array.isArray(context?.groups) ? context.groups : NO_GROUPS;

  let roots = outline.roots;
  let preamble = outline.preamble;
  if (roots.length === 0 && preamble.trim() !== "") {
    // No numbering at all: the whole text is one task (a letter with a single request).
    const single = newNode(null, "");
    single.lines = preamble.split("\n");
    single.warnings.push({ code: "no_item_markers" });
    roots = [single];
    preamble = "";
  }

  const numbers = new ItemNumbers();
  const tasks = roots.map((node) => draftTask(node, null, numbers, matcher, dates, groups));
  return { preamble: preamble.trim(), tasks, closing: outline.closing.trim() };
}

/** The tree as a flat list in document order, each task with its parent's item number. */
export function flattenDraftTasks(tasks: readonly DraftTask[]): FlatDraftTask[] {
  const out: FlatDraftTask[] = [];
  const walk = (list: readonly DraftTask[], parentItemNumber: string | null, depth: number) => {
    for (const task of list) {
      const { children, ...rest } = task;
      out.push({ ...rest, parentItemNumber, depth });
      walk(children, task.itemNumber, depth + 1);
    }
  };
  walk(tasks, null, 0);
  return out;
}

// ---------------------------------------------------------------------------------
// 1. Normalising the pasted text
// ---------------------------------------------------------------------------------

/**
 * NFC (so decomposed input from some PDF viewers matches like precomposed input), one
 * kind of line break, and every exotic space (NBSP, thin spaces, tabs) as a plain space;
 * zero-width characters and soft hyphens are dropped. The descriptions, titles and
 * `matchedText`s returned are cut out of this normalised text.
 */
function normalizeInput(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, "\n")
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, " ");
}

interface Line {
  text: string;
  /** A blank line came before this one. */
  blankBefore: boolean;
  /** Cut out of a longer line at an inline item number ("… như sau: 1. … 2. …"). */
  inline: boolean;
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let blank = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/ {2,}/g, " ").trim();
    if (line === "") {
      blank = true;
      continue;
    }
    lines.push({ text: line, blankBefore: blank, inline: false });
    blank = false;
  }
  return lines;
}

// ---------------------------------------------------------------------------------
// 2. Item markers
// ---------------------------------------------------------------------------------

type MarkerKind = "article" | "roman" | "upper" | "ordinal" | "decimal" | "nested" | "letter" | "bullet";

/**
 * Conventional depth of each kind in Vietnamese administrative texts (Decree 30/2020:
 * I. > 1. > a) > - > +). A marker of a shallower kind never nests under a deeper one:
 * "2." after "- …" closes the bullet list instead of becoming its child.
 */
const KIND_RANK: Record<MarkerKind, number> = {
  article: 0,
  roman: 1,
  upper: 2,
  ordinal: 3,
  decimal: 4,
  nested: 4,
  letter: 5,
  bullet: 6,
};

interface Marker {
  kind: MarkerKind;
  /** Markers with the same style are siblings: "decimal." and "decimal)" are two styles. */
  style: string;
  /** Position in its sequence (1 for "1.", "a)", "I.", "Thứ nhất"); null for bullets. */
  value: number | null;
  /** The numbers as written, for decimal ([3]) and nested ([3, 2] for "3.2.") markers. */
  path: number[] | null;
  /** The label as it goes into the item number ("3", "a", "IV"); null for bullets. */
  label: string | null;
  /** The marker as written. */
  text: string;
  /** The rest of the line after the marker. */
  rest: string;
}

/** a b c d đ e … in Latin order with đ after d; f, j, w, z are not Vietnamese letters. */
const LETTERS = "abcdđefghijklmnopqrstuvwxyz";
const SKIPPABLE_LETTERS = new Set(["đ", "f", "j", "w", "z"]);

function letterValue(letter: string): number {
  return LETTERS.indexOf(letter) + 1;
}

/** True when `next` follows `previous` in a list: 1 → 2, a → b, d → đ or e, II → III. */
function follows(kind: MarkerKind, previous: number, next: number): boolean {
  if (kind !== "letter" && kind !== "upper") return next === previous + 1;
  if (next <= previous) return false;
  for (let value = previous + 1; value < next; value++) {
    if (!SKIPPABLE_LETTERS.has(LETTERS[value - 1] ?? "")) return false;
  }
  return true;
}

const ROMAN_NUMERAL = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

function romanValue(roman: string): number | null {
  if (roman === "" || !ROMAN_NUMERAL.test(roman)) return null;
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = ROMAN_VALUES[roman[i] ?? ""] ?? 0;
    const next = ROMAN_VALUES[roman[i + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Vietnamese ordinal words (folded): "thứ nhất" … "thứ hai mươi". */
const ORDINAL_WORDS: Record<string, number> = {
  nhat: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  "muoi mot": 11,
  "muoi hai": 12,
  "muoi ba": 13,
  "muoi bon": 14,
  "muoi tu": 14,
  "muoi lam": 15,
  "muoi nam": 15,
  "muoi sau": 16,
  "muoi bay": 17,
  "muoi tam": 18,
  "muoi chin": 19,
  "hai muoi": 20,
};
const ORDINAL_PATTERN =
  "thu\\s+(hai muoi|muoi(?:\\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?|nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin)";
const ORDINAL_AT_START = new RegExp(`^${ORDINAL_PATTERN}\\s*[,:.]\\s*`);

const BULLET_STYLES: Record<string, string> = {
  "-": "dash",
  "–": "dash",
  "—": "dash",
  "+": "plus",
  "•": "dot",
  "●": "dot",
  "·": "dot",
  "∙": "dot",
  "*": "star",
  "▪": "square",
  "■": "square",
  "□": "square",
  "◦": "circle",
  "○": "circle",
  "➢": "arrow",
  "➤": "arrow",
  "►": "arrow",
  "✓": "check",
};

const ARTICLE_AT_START = /^dieu\s+(\d{1,3})(?:\s*[.:]\s*|\s+|$)/;
/** "I.", "II)", "III/", "IV:" and, in older documents, "I- " / "II – " (not for digits: "15 - 20 năm"). */
const ROMAN_AT_START = /^([IVX]{1,6})(?:\s?[.)/:]|\s?[-–](?=\s))(?:\s+|$)/;
const UPPER_AT_START = /^([A-ZĐ])([.)/])(?:\s+|$)/u;
const NESTED_AT_START = /^(\d{1,3}(?:\.\d{1,2}){1,4})\.?(?:\s+|$|(?=\p{Lu}))/u;
const DECIMAL_AT_START = /^(\d{1,3})([.)/])(?:\s+|$|(?=\p{Lu}))/u;
const DECIMAL_IN_PARENS = /^\((\d{1,3})\)\s*/;
const LETTER_AT_START = /^([a-zđ])([.)/])(?:\s+|$)/u;
const LETTER_IN_PARENS = /^\(([a-zđ])\)\s*/u;
const BULLET_AT_START = /^([-–—+•●·∙*▪■□◦○➢➤►✓])(?:\s+|(?=\p{L}))/u;
/** Lines that look like items but are the legal basis or the addressees of the text. */
const NOT_AN_ITEM = /^(?:can cu|xet de nghi|theo de nghi|kinh gui)\b/;

interface MarkerContext {
  /** The last value of an open list of this kind, if any (for ordinals and upper/roman). */
  openValue(kind: MarkerKind): number | null;
}

/** The item marker at the start of a (trimmed) line, or null. */
function parseMarker(line: string, folded: string, context: MarkerContext): Marker | null {
  const marker = (
    kind: MarkerKind,
    style: string,
    value: number | null,
    path: number[] | null,
    label: string | null,
    length: number,
  ): Marker | null => {
    const rest = line.slice(length).trim();
    if (NOT_AN_ITEM.test(folded.slice(length).trimStart())) return null;
    return { kind, style, value, path, label, text: line.slice(0, length).trim(), rest };
  };

  let match = ARTICLE_AT_START.exec(folded);
  if (match) {
    const value = Number(match[1]);
    return marker("article", "article", value, [value], String(value), match[0].length);
  }

  match = ORDINAL_AT_START.exec(folded);
  if (match) {
    const value = ORDINAL_WORDS[(match[1] ?? "").replace(/\s+/g, " ")] ?? 0;
    // "Thứ hai, ngày 23/9" is a Monday unless an ordinal list is already open.
    const open = context.openValue("ordinal");
    if (value === 1 || (open !== null && value === open + 1)) {
      return marker("ordinal", "ordinal", value, null, String(value), match[0].length);
    }
    return null;
  }

  match = ROMAN_AT_START.exec(line);
  if (match) {
    const roman = match[1] ?? "";
    const value = romanValue(roman);
    const asLetter = roman.length === 1 ? letterValue(roman.toLowerCase()) : 0;
    const openUpper = context.openValue("upper");
    const continuesLetters = asLetter > 0 && openUpper !== null && follows("upper", openUpper, asLetter);
    if (value !== null && !continuesLetters) {
      return marker("roman", "roman", value, null, roman, match[0].length);
    }
  }

  match = UPPER_AT_START.exec(line);
  if (match) {
    const letter = match[1] ?? "";
    return marker("upper", "upper", letterValue(letter.toLowerCase()), null, letter, match[0].length);
  }

  match = NESTED_AT_START.exec(line);
  if (match) {
    const path = (match[1] ?? "").split(".").map(Number);
    return marker("nested", `nested:${path.length}`, path[path.length - 1] ?? null, path, null, match[0].length);
  }

  match = DECIMAL_AT_START.exec(line) ?? DECIMAL_IN_PARENS.exec(line);
  if (match) {
    const value = Number(match[1]);
    const separator = match[2] ?? "()";
    return marker("decimal", `decimal${separator}`, value, [value], String(value), match[0].length);
  }

  match = LETTER_AT_START.exec(line) ?? LETTER_IN_PARENS.exec(line);
  if (match) {
    const letter = match[1] ?? "";
    const separator = match[2] ?? "()";
    return marker("letter", `letter${separator}`, letterValue(letter), null, letter, match[0].length);
  }

  match = BULLET_AT_START.exec(line);
  if (match && /[\p{L}\p{N}]/u.test(line.slice(match[0].length))) {
    const style = BULLET_STYLES[match[1] ?? ""] ?? "dash";
    return marker("bullet", `bullet:${style}`, null, null, null, match[0].length);
  }
  return null;
}

// ---------------------------------------------------------------------------------
// 3. Numbering inside one paragraph ("… như sau: 1. Giao … 2. Giao …")
// ---------------------------------------------------------------------------------

const INLINE_DECIMAL = /([.:;!?])(\s+)(\d{1,2})[.)]\s+(?=\p{Lu})/gu;
const INLINE_LETTER = /([.:;])(\s+)([a-zđ])\)\s+(?=\p{L})/gu;
const INLINE_ORDINAL = new RegExp(`([.:;])(\\s+)${ORDINAL_PATTERN}\\s*[,:]`, "g");

/**
 * A whole conclusion pasted as one paragraph: cut it before inline item numbers. Best
 * effort and deliberately strict, to leave ordinary sentences alone:
 * - "N." / "N)" right after ". : ; ! ?" and before a capital letter, only as a run of
 *   consecutive numbers: 1, 2, 3… (at least two of them), or continuing the number the
 *   line starts with ("1. … 2. …");
 * - "a)", "b)"… after ". : ;", as runs starting at "a)" with at least two letters;
 * - "Thứ nhất, … Thứ hai, …" after ". : ;", consecutive, at least two.
 * Not split inline: roman numerals, "Điều", bullets ("-" also joins words: "Quy hoạch -
 * Kiến trúc"), and numbers that do not start a consecutive run.
 */
function splitInlineNumbering(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const cuts = inlineCuts(line.text);
    if (cuts.length === 0) {
      out.push(line);
      continue;
    }
    let from = 0;
    for (const [index, cut] of [...cuts, line.text.length].entries()) {
      const piece = line.text.slice(from, cut).trim();
      if (piece !== "") {
        out.push({ text: piece, blankBefore: index === 0 ? line.blankBefore : false, inline: index > 0 });
      }
      from = cut;
    }
  }
  return out;
}

function inlineCuts(text: string): number[] {
  if (text.length < 8) return [];
  const cuts: number[] = [];
  const startMatch = DECIMAL_AT_START.exec(text);
  const folded = foldKeepingLength(text);

  // 1, 2, 3…
  let expected = startMatch ? Number(startMatch[1]) + 1 : 1;
  const decimalCuts: number[] = [];
  for (const match of text.matchAll(INLINE_DECIMAL)) {
    if (Number(match[3]) !== expected) continue;
    decimalCuts.push((match.index ?? 0) + (match[1] ?? "").length + (match[2] ?? "").length);
    expected++;
  }
  if (startMatch ? decimalCuts.length >= 1 : decimalCuts.length >= 2) cuts.push(...decimalCuts);

  // a), b), c)…
  const startLetter = LETTER_AT_START.exec(text);
  let run: number[] = [];
  let previous = startLetter && startLetter[2] === ")" ? letterValue(startLetter[1] ?? "") : 0;
  let runContinuesLine = previous > 0;
  const flush = () => {
    if (run.length >= (runContinuesLine ? 1 : 2)) cuts.push(...run);
    run = [];
    runContinuesLine = false;
  };
  for (const match of text.matchAll(INLINE_LETTER)) {
    const value = letterValue(match[3] ?? "");
    const at = (match.index ?? 0) + (match[1] ?? "").length + (match[2] ?? "").length;
    if (previous > 0 && follows("letter", previous, value)) {
      run.push(at);
      previous = value;
    } else if (value === 1) {
      flush();
      run.push(at);
      previous = 1;
    }
  }
  flush();

  // Thứ nhất, thứ hai…
  const startOrdinal = ORDINAL_AT_START.exec(folded);
  let expectedOrdinal = startOrdinal ? (ORDINAL_WORDS[(startOrdinal[1] ?? "").replace(/\s+/g, " ")] ?? 0) + 1 : 1;
  const ordinalCuts: number[] = [];
  for (const match of folded.matchAll(INLINE_ORDINAL)) {
    const value = ORDINAL_WORDS[(match[3] ?? "").replace(/\s+/g, " ")] ?? 0;
    if (value !== expectedOrdinal) continue;
    ordinalCuts.push((match.index ?? 0) + (match[1] ?? "").length + (match[2] ?? "").length);
    expectedOrdinal++;
  }
  if (startOrdinal ? ordinalCuts.length >= 1 : ordinalCuts.length >= 2) cuts.push(...ordinalCuts);

  return [...new Set(cuts)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------
// 4. The outline: preamble, items (a tree), closing
// ---------------------------------------------------------------------------------

interface OutlineNode {
  marker: Marker | null;
  /** How many children of each bullet style this item has so far (created when needed). */
  bulletCounts: Map<string, number> | null;
  /** This item's part of the item number: "3", "a", "IV", "2" for the second bullet. */
  label: string;
  /** The item's own lines; the first is the rest of the marker line (may be ""). */
  lines: string[];
  children: OutlineNode[];
  warnings: SplitWarning[];
}

interface Outline {
  preamble: string;
  roots: OutlineNode[];
  closing: string;
}

function newNode(marker: Marker | null, firstLine: string): OutlineNode {
  return {
    marker,
    bulletCounts: null,
    label: marker?.label ?? "1",
    lines: [firstLine],
    children: [],
    warnings: [],
  };
}

/**
 * The closing that ends the list of items, looked for in unnumbered lines after the
 * first item: a closing formula ("… thông báo để … biết, thực hiện", "Nơi nhận:", a
 * signature block such as "KT. CHỦ TỊCH"), or a paragraph of its own (after a blank
 * line) ending with "./.". A "./." that ends an item's own line ends the list after that
 * item. Limit: an unnumbered last instruction written as a closing ("Giao Văn phòng …
 * theo dõi, đôn đốc./." after a blank line) is taken as the closing too; it is returned
 * in `closing`, so the review screen can show it.
 */
const CLOSING_FORMULA =
  /^(?:noi nhan\b|(?:tl|kt|tm|tuq|q)\.\s*(?:chu tich|giam doc|truong ban|chanh van phong|ubnd|uy ban))|thong bao (?:de|cho)\b.{0,200}\bbiet\b|\bbiet,?\s+(?:va\s+)?(?:thuc hien|phoi hop thuc hien|to chuc thuc hien)\b/;
const END_OF_TEXT = /\.\/\.\s*$/;

interface Level {
  style: string;
  kind: MarkerKind;
  value: number | null;
  node: OutlineNode;
}

/**
 * Builds the item tree with a stack of open lists, the way a reader does: a marker of a
 * style already open is a sibling in that list (closing the deeper lists); a new style is
 * a child of the current item, unless its kind is conventionally shallower (see
 * KIND_RANK). "2)" after "1." is read as a typo for "2." (same kind, next number), while
 * "1)" after "1." opens a sub-list. "1.2." goes under the item numbered "1". Unnumbered
 * lines belong to the item above them.
 */
function buildOutline(lines: Line[]): Outline {
  const preamble: string[] = [];
  const closing: string[] = [];
  /** A virtual item holding the top-level items as its children. */
  const root = newNode(null, "");
  let stack: Level[] = [];
  let current: OutlineNode | null = null;
  let inAddressees = false;
  let closed = false;

  const context: MarkerContext = {
    openValue(kind) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const level = stack[i];
        if (level && level.kind === kind) return level.value;
      }
      return null;
    },
  };

  for (const line of lines) {
    if (closed) {
      closing.push(line.text);
      continue;
    }
    const folded = foldKeepingLength(line.text);
    let marker = parseMarker(line.text, folded, context);
    // "Kính gửi:" followed by "- Sở Nội vụ;", "- Sở Tài chính;" lists the addressees, not
    // items; the list ends at a blank line or at the first line that is not a bullet.
    if (inAddressees && (line.blankBefore || marker?.kind !== "bullet")) inAddressees = false;
    if (current === null && /^kinh gui\b/.test(folded)) inAddressees = true;
    if (inAddressees) marker = null;

    if (marker === null) {
      if (current === null) {
        preamble.push(line.text);
      } else if (CLOSING_FORMULA.test(folded) || (line.blankBefore && END_OF_TEXT.test(line.text))) {
        closing.push(line.text);
        closed = true;
      } else {
        appendLine(current, line);
        closed = END_OF_TEXT.test(line.text);
      }
      continue;
    }

    const node = newNode(marker, marker.rest);
    if (line.inline) node.warnings.push({ code: "inline_numbering" });
    stack = placeNode(stack, node, marker, root);
    current = node;
    if (END_OF_TEXT.test(marker.rest)) {
      node.lines[0] = marker.rest.replace(END_OF_TEXT, ".");
      closed = true;
    }
  }
  return { preamble: preamble.join("\n"), roots: root.children, closing: closing.join("\n") };
}

function appendLine(node: OutlineNode, line: Line): void {
  const text = line.text.replace(END_OF_TEXT, ".");
  // A paragraph break (blank line) or a finished line starts a new line of the
  // description; a line broken in the middle of a sentence (text copied from a PDF)
  // is joined back with a space.
  const last = node.lines[node.lines.length - 1] ?? "";
  const wrapped = !line.blankBefore && last !== "" && !/[.:;!?…)"”]$/u.test(last) && /^\p{Ll}/u.test(text);
  if (wrapped) node.lines[node.lines.length - 1] = `${last} ${text}`;
  else node.lines.push(text);
}

function placeNode(stack: Level[], node: OutlineNode, marker: Marker, root: OutlineNode): Level[] {
  if (marker.kind === "nested" && marker.path) {
    // "1.2." is a child of the open item numbered "1" (or "1.2.3." of "1.2.") and its
    // label is "2"; without such an item it keeps its whole number "1.2".
    const prefix = marker.path.slice(0, -1);
    const parentIndex = findLastIndex(stack, (level) => samePath(level.node.marker?.path ?? null, prefix));
    if (parentIndex >= 0) {
      const next = stack.slice(0, parentIndex + 1);
      node.label = String(marker.path[marker.path.length - 1] ?? "");
      attach(next, node, root, marker);
      return next;
    }
    node.label = marker.path.join(".");
  }
  let index = findLastIndex(stack, (level) => level.style === marker.style);
  if (index < 0 && marker.value !== null && marker.value > 1 && marker.kind !== "nested") {
    const value = marker.value;
    index = findLastIndex(
      stack,
      (level) => level.kind === marker.kind && level.value !== null && follows(marker.kind, level.value, value),
    );
  }
  let next: Level[];
  if (index >= 0) {
    const previous = stack[index];
    if (previous && previous.value !== null && marker.value !== null && marker.kind !== "nested") {
      if (!follows(marker.kind, previous.value, marker.value)) node.warnings.push({ code: "numbering_gap" });
    }
    next = stack.slice(0, index);
  } else {
    next = [...stack];
    while (next.length > 0 && KIND_RANK[next[next.length - 1]?.kind ?? "bullet"] > KIND_RANK[marker.kind]) next.pop();
    if (marker.value !== null && marker.value !== 1 && marker.kind !== "nested") {
      node.warnings.push({ code: "numbering_gap" });
    }
  }
  attach(next, node, root, marker);
  return next;
}

function attach(stack: Level[], node: OutlineNode, root: OutlineNode, marker: Marker): void {
  const parent = stack[stack.length - 1]?.node ?? root;
  // Bullets are numbered by position among the bullets of the same style: "3.a.1", "3.a.2".
  if (marker.kind === "bullet") {
    parent.bulletCounts ??= new Map();
    const position = (parent.bulletCounts.get(marker.style) ?? 0) + 1;
    parent.bulletCounts.set(marker.style, position);
    node.label = String(position);
  }
  parent.children.push(node);
  stack.push({ style: marker.style, kind: marker.kind, value: marker.value, node });
}

function samePath(a: number[] | null, b: number[]): boolean {
  return a !== null && a.length === b.length && a.every((value, i) => value === b[i]);
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && predicate(item)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------
// 5. From an outline node to a draft task
// ---------------------------------------------------------------------------------

function draftTask(
  node: OutlineNode,
  parent: DraftTask | null,
  numbers: ItemNumbers,
  matcher: DepartmentMatcher,
  dates: DateContext,
  groups: readonly SplitGroup[],
): DraftTask {
  const warnings: SplitWarning[] = [...node.warnings];
  const description = node.lines.join("\n").trim();
  const { title, truncated } = titleOf(description);
  if (truncated) warnings.push({ code: "title_truncated" });

  const itemNumber = numbers.claim(parent ? `${parent.itemNumber}.${node.label}` : node.label);
  if (itemNumber.duplicate) warnings.push({ code: "duplicate_item_number" });
  const analysis = analyzeItem(description, matcher, dates, groups);
  warnings.push(...analysis.warnings);

  let { lead, coordinators, deadline } = analysis;
  // "II. NHIỆM VỤ TRỌNG TÂM", "2. Sở Nội vụ:": a one-line heading over sub-items (no
  // department, or nothing but department names) with no deadline of its own. Kept: the
  // review screen may drop it or keep it as the parent of its sub-items.
  const headingOnly =
    node.children.length > 0 &&
    !description.includes("\n") &&
    description.length <= 120 &&
    (analysis.mentionCount === 0 || analysis.onlyDepartmentNames) &&
    deadline === null &&
    !analysis.deadlineTried;
  if (description === "" && node.children.length === 0) warnings.push({ code: "empty_item" });
  if (headingOnly) warnings.push({ code: "heading_only" });

  if (parent) {
    // Inherited values are copies: editing a sub-task's draft never edits its parent's.
    if (lead === null && parent.lead !== null) {
      const inherited = { ...parent.lead };
      lead = inherited;
      if (analysis.mentionCount === 0) coordinators = parent.coordinators.map((c) => ({ ...c }));
      coordinators = coordinators.filter((c) => c.departmentId !== inherited.departmentId);
      warnings.push({ code: "assignment_inherited" });
    }
    if (deadline === null && !analysis.deadlineTried && parent.deadline !== null) {
      deadline = { ...parent.deadline };
      warnings.push({ code: "deadline_inherited" });
    }
    if (deadline?.kind === "dated" && parent.deadline?.kind === "dated" && deadline.date > parent.deadline.date) {
      warnings.push({ code: "deadline_after_parent", matchedText: deadline.matchedText });
    }
  }
  if (lead === null && analysis.fanOut === null && !headingOnly && description !== "") {
    warnings.push({ code: "no_lead_found" });
  }
  if (deadline === null && !analysis.deadlineTried && !headingOnly && description !== "") {
    warnings.push({ code: "no_deadline_found" });
  }

  const task: DraftTask = {
    itemNumber: itemNumber.value,
    marker: node.marker?.text ?? "",
    title,
    description,
    children: [],
    lead,
    coordinators,
    deadline,
    fanOut: analysis.fanOut,
    recurrence: analysis.recurrence,
    warnings,
  };
  task.children = node.children.map((child) => draftTask(child, task, numbers, matcher, dates, groups));
  return task;
}

/** Item numbers already given; a repeated one gets a suffix: "2", "2-2", "2-3". */
class ItemNumbers {
  private readonly used = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  claim(base: string): { value: string; duplicate: boolean } {
    if (!this.used.has(base)) {
      this.used.add(base);
      return { value: base, duplicate: false };
    }
    let suffix = this.nextSuffix.get(base) ?? 2;
    while (this.used.has(`${base}-${suffix}`)) suffix++;
    this.nextSuffix.set(base, suffix + 1);
    const value = `${base}-${suffix}`;
    this.used.add(value);
    return { value, duplicate: true };
  }
}

/** True when the word ending at `at` is one to three capital letters ("TP", "Q", "UBND" is not). */
function isAbbreviationBefore(text: string, at: number): boolean {
  const capitals = /\p{Lu}{1,3}$/u.exec(text.slice(Math.max(0, at - 3), at));
  if (!capitals) return false;
  const before = at - capitals[0].length - 1;
  return before < 0 || /[\s(]/.test(text.charAt(before));
}

/**
 * "Thứ nhất,", "Thứ năm:", "Một là,", "Hai là," that open an item's text are the drafter's
 * counting, not the task: the title leaves them out (the description keeps them). Not
 * "Thứ hai, ngày 23/9…", which is a Monday.
 */
const ORDINAL_LEAD_IN = new RegExp(
  `^(?:${ORDINAL_PATTERN}|(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)\\s+la)\\s*[,:](?!\\s*ngay\\s+\\d)\\s*`,
);

function withoutOrdinalLeadIn(line: string): string {
  const match = ORDINAL_LEAD_IN.exec(foldKeepingLength(line));
  return match && match[0].length < line.length ? line.slice(match[0].length) : line;
}

/**
 * The first sentence: up to the first ". ", "! " or "? " followed by a capital letter or
 * a digit (not after an abbreviation such as "TP." or "Q."), or the end of the first
 * line. Trailing punctuation is dropped and the first letter capitalised ("Thứ hai,
 * tăng cường …" → "Tăng cường …").
 */
function titleOf(description: string): { title: string; truncated: boolean } {
  const firstLine = withoutOrdinalLeadIn(description.split("\n", 1)[0] ?? "");
  let end = firstLine.length;
  const nextWord = /\s*(\S?)/uy;
  for (const match of firstLine.matchAll(/[.!?…](?=\s|$)/gu)) {
    const at = match.index ?? 0;
    if (isAbbreviationBefore(firstLine, at)) continue; // "TP.", "Q."
    nextWord.lastIndex = at + 1;
    const after = nextWord.exec(firstLine)?.[1] ?? "";
    if (after !== "" && !/^[\p{Lu}\p{N}(]/u.test(after)) continue;
    end = at;
    break;
  }
  let title = firstLine
    .slice(0, end)
    .replace(/[\s.,:;…-]+$/u, "")
    .trim();
  let truncated = false;
  if (title.length > TITLE_MAX_LENGTH) {
    const cut = title.lastIndexOf(" ", TITLE_MAX_LENGTH - 1);
    title = `${title.slice(0, cut > TITLE_MAX_LENGTH / 2 ? cut : TITLE_MAX_LENGTH - 1).replace(/[\s,;:]+$/u, "")}…`;
    truncated = true;
  }
  if (title !== "") title = title.charAt(0).toLocaleUpperCase("vi") + title.slice(1);
  return { title, truncated };
}

// ---------------------------------------------------------------------------------
// 6. Departments: finding them in the text
// ---------------------------------------------------------------------------------

interface AliasEntry {
  ids: number[];
  /** 3: name, short name, code, listed alias; 2: a spelling variant of those; 1: built from initials. */
  strength: number;
  /** A bare place name ("Ba Đình"): only counts right after "quận"/"huyện"/… or in a list of places. */
  weak: boolean;
  /** A department code: only counts when written in capitals ("STTTT", not "stttt"). */
  upperOnly: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry: AliasEntry | null;
}

interface DepartmentMatcher {
  root: TrieNode;
  /** Departments that are places (quận, huyện, thị xã…): they have bare-name aliases. */
  places: Set<number>;
}

/** Word-level equivalences (folded): each side is tried in place of the other. */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ["uy ban nhan dan", "ubnd"],
  ["thanh pho", "tp"],
  ["van phong", "vp"],
  ["ha noi", "hn"],
  ["thi xa", "tx"],
  ["quan", "q"],
  ["huyen", "h"],
  ["bao hiem xa hoi", "bhxh"],
  ["kho bac nha nuoc", "kbnn"],
  // Not "công an" ↔ "CA": "trên cả Thành phố" folds to "ca thanh pho".
];

/**
 * A few more spellings seen in Hanoi's documents, by the folded official name. Most
 * abbreviations are built from the department data itself (see `departmentAliases`).
 */
const EXTRA_ALIASES: Record<string, readonly string[]> = {
  "van phong ubnd thanh pho": ["VP UBND", "VPUBND TP", "VPUBND", "Văn phòng UBND Thành phố Hà Nội"],
  "cong an thanh pho": ["Công an Thành phố Hà Nội", "CATP Hà Nội"],
  "thanh tra thanh pho": ["Thanh tra Thành phố Hà Nội"],
  "cuc thue ha noi": ["Cục Thuế Thành phố", "Cục Thuế TP Hà Nội"],
  "kho bac nha nuoc ha noi": ["Kho bạc Nhà nước Thành phố", "KBNN Thành phố"],
  "bao hiem xa hoi ha noi": ["Bảo hiểm xã hội Thành phố", "BHXH Thành phố"],
};

const PLACE_PREFIXES = ["quan", "huyen", "thi xa", "phuong", "xa", "thi tran"];
const MAX_VARIANTS = 48;

const matcherCache = new WeakMap<readonly SplitDepartment[], DepartmentMatcher>();

function departmentMatcher(departments: readonly SplitDepartment[]): DepartmentMatcher {
  const cached = matcherCache.get(departments);
  if (cached) return cached;
  const root: TrieNode = { next: new Map(), entry: null };
  const places = new Set<number>();
  for (const department of departments) {
    if (typeof department !== "object" || department === null || typeof department.id !== "number") continue;
    for (const alias of departmentAliases(department)) {
      if (alias.weak) places.add(department.id);
      insertAlias(root, alias.tokens, department.id, alias.strength, alias.weak, alias.upperOnly);
    }
  }
  const matcher = { root, places };
  matcherCache.set(departments, matcher);
  return matcher;
}

interface Alias {
  tokens: string[];
  strength: number;
  weak: boolean;
  upperOnly: boolean;
}

function tokensOf(text: string): string[] {
  const normalized = normalizeForMatch(text);
  return normalized === "" ? [] : normalized.split(" ");
}

/**
 * The ways a department is written: its name, short name and code; each with "và"
 * left out ("Sở Thông tin - Truyền thông") and with the usual abbreviations swapped in
 * and out (UBND, TP, VP, HN, Q., TX…); for a "Sở X và Y" the initials of each part,
 * joined or not ("Sở TT&TT", "Sở TTTT", "Sở GD&ĐT", "Sở GDĐT", "Sở LĐ-TB&XH",
 * "Sở LĐTBXH", "Sở NN&PTNT", "Sở QH-KT"…); for a district, the bare place name.
 * Matching is on folded words, so "&", "-", "." and accents do not matter.
 */
function departmentAliases(department: SplitDepartment): Alias[] {
  const aliases: Alias[] = [];
  const add = (tokens: string[], strength: number, weak = false, upperOnly = false) => {
    if (tokens.length > 0) aliases.push({ tokens, strength, weak, upperOnly });
  };
  const name = typeof department.name === "string" ? department.name : "";
  const shortName = typeof department.shortName === "string" ? department.shortName : "";
  const code = typeof department.code === "string" ? department.code : "";
  const foldedName = normalizeForMatch(name);

  for (const source of [name, shortName, ...(EXTRA_ALIASES[foldedName] ?? [])]) {
    const tokens = tokensOf(source);
    add(tokens, 3);
    for (const variant of spellingVariants(tokens)) add(variant, 2);
  }
  for (const acronym of acronymsOf(name)) {
    add(acronym, 1);
    for (const variant of spellingVariants(acronym)) add(variant, 1);
  }
  const codeTokens = tokensOf(code);
  if (codeTokens.length > 0 && code.replace(/[^\p{L}\p{N}]/gu, "").length >= 3) add(codeTokens, 3, false, true);

  const nameTokens = tokensOf(name);
  for (const prefix of PLACE_PREFIXES) {
    const prefixTokens = prefix.split(" ");
    if (nameTokens.length <= prefixTokens.length) continue;
    if (!prefixTokens.every((token, i) => nameTokens[i] === token)) continue;
    const bare = nameTokens.slice(prefixTokens.length);
    if (bare.join("").length >= 3 && !bare.every((token) => /^\d+$/.test(token))) add(bare, 2, true);
    break;
  }
  return aliases;
}

function spellingVariants(tokens: string[]): string[][] {
  const seen = new Map<string, string[]>([[tokens.join(" "), tokens]]);
  const queue = [tokens];
  if (tokens.includes("va") && tokens.length > 2) {
    const withoutAnd = tokens.filter((token) => token !== "va");
    seen.set(withoutAnd.join(" "), withoutAnd);
    queue.push(withoutAnd);
  }
  while (queue.length > 0 && seen.size < MAX_VARIANTS) {
    const current = queue.shift() ?? [];
    const text = ` ${current.join(" ")} `;
    for (const [long, short] of SYNONYMS) {
      for (const [from, to] of [
        [long, short],
        [short, long],
      ] as const) {
        if (!text.includes(` ${from} `)) continue;
        const replaced = text.split(` ${from} `).join(` ${to} `).trim();
        if (!seen.has(replaced)) {
          const variant = replaced.split(" ");
          seen.set(replaced, variant);
          queue.push(variant);
        }
      }
    }
  }
  seen.delete(tokens.join(" "));
  return [...seen.values()];
}

/** "Sở Lao động - Thương binh và Xã hội" → so ld tb xh, so ldtb xh, so ld tbxh, so ldtbxh. */
function acronymsOf(name: string): string[][] {
  const folded = foldVietnamese(name);
  const match = /^so\s+(.+)$/.exec(folded);
  if (!match) return [];
  const parts = (match[1] ?? "")
    .split(/\s+va\s+|\s*[-–,&]\s*/)
    .map((part) =>
      part
        .split(/\s+/)
        .filter((word) => /^[a-z0-9]/.test(word))
        .map((word) => word.charAt(0))
        .join(""),
    )
    .filter((initials) => initials !== "");
  if (parts.length === 0 || parts.join("").length < 2 || parts.length > 5) return [];
  const results: string[][] = [];
  const combinations = 1 << (parts.length - 1);
  for (let mask = 0; mask < combinations; mask++) {
    const groups: string[] = [parts[0] ?? ""];
    for (let i = 1; i < parts.length; i++) {
      if (mask & (1 << (i - 1))) groups[groups.length - 1] += parts[i] ?? "";
      else groups.push(parts[i] ?? "");
    }
    results.push(["so", ...groups]);
  }
  return results;
}

function insertAlias(
  root: TrieNode,
  tokens: string[],
  id: number,
  strength: number,
  weak: boolean,
  upperOnly: boolean,
): void {
  let node = root;
  for (const token of tokens) {
    let next = node.next.get(token);
    if (!next) {
      next = { next: new Map(), entry: null };
      node.next.set(token, next);
    }
    node = next;
  }
  const entry = node.entry;
  if (entry === null || strength > entry.strength) {
    node.entry = { ids: [id], strength, weak, upperOnly };
  } else if (strength === entry.strength) {
    if (!entry.ids.includes(id)) entry.ids.push(id);
    entry.weak = entry.weak && weak;
    entry.upperOnly = entry.upperOnly && upperOnly;
  }
}

interface Token {
  /** Folded word ("so", "tt", "gddt", "2019"). */
  text: string;
  start: number;
  end: number;
  /** Clause number: clauses are separated by ";", line breaks and sentence ends. */
  clause: number;
}

interface Mention {
  departmentIds: number[];
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
  matchedText: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

function tokenize(text: string, folded: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  for (const match of folded.matchAll(WORD)) {
    const start = match.index ?? 0;
    const previous = tokens[tokens.length - 1];
    if (previous && clauseBreakBetween(text, previous, start)) clause++;
    tokens.push({ text: match[0], start, end: start + match[0].length, clause });
  }
  return tokens;
}

function clauseBreakBetween(text: string, previous: Token, nextStart: number): boolean {
  const gap = text.slice(previous.end, nextStart);
  if (/[;\n!?]/.test(gap)) return true;
  if (!/\.\s/.test(gap) && !/\.$/.test(gap)) return false;
  // "TP. Hà Nội", "Q. Ba Đình": a short capitalised word before the dot is an abbreviation.
  return !/^\p{Lu}{1,3}$/u.test(text.slice(previous.start, previous.end));
}

/** A match may cross spaces and "&-,./()" but not ";", ":", line breaks or sentence ends. */
function hardBreakBetween(text: string, from: number, to: number): boolean {
  return /[;:\n!?]/.test(text.slice(from, to));
}

/**
 * Every department named in the text, left to right, longest name first: where
 * "Sở Giáo dục và Đào tạo" matches, a department named "Đào tạo" is not also found
 * inside it.
 */
function findMentions(text: string, tokens: Token[], matcher: DepartmentMatcher): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let node: TrieNode | undefined = matcher.root;
    let best: { entry: AliasEntry; last: number } | null = null;
    for (let j = i; j < tokens.length; j++) {
      const token = tokens[j];
      if (!token) break;
      if (j > i && hardBreakBetween(text, tokens[j - 1]?.end ?? 0, token.start)) break;
      node = node.next.get(token.text);
      if (!node) break;
      if (node.entry && acceptable(node.entry, text, tokens, i, j, mentions, matcher)) {
        best = { entry: node.entry, last: j };
      }
    }
    if (best) {
      const first = tokens[i];
      const last = tokens[best.last];
      if (first && last) {
        mentions.push({
          departmentIds: [...best.entry.ids],
          firstToken: i,
          lastToken: best.last,
          start: first.start,
          end: last.end,
          matchedText: text.slice(first.start, last.end),
        });
      }
      i = best.last + 1;
    } else {
      i++;
    }
  }
  return mentions;
}

/** District-level words that make a bare place name count: "các quận: Ba Đình, …". */
const DISTRICT_WORDS = new Set(["quan", "huyen", "tx"]);

function acceptable(
  entry: AliasEntry,
  text: string,
  tokens: Token[],
  first: number,
  last: number,
  mentions: Mention[],
  matcher: DepartmentMatcher,
): boolean {
  const start = tokens[first]?.start ?? 0;
  const end = tokens[last]?.end ?? 0;
  if (entry.upperOnly) {
    const written = text.slice(start, end);
    if (written !== written.toUpperCase()) return false;
  }
  if (entry.weak) {
    // "phường Hoàn Kiếm", "hồ Hoàn Kiếm" are not the district; "quận Hoàn Kiếm" is.
    const before = tokens[first - 1];
    const districtWord =
      before !== undefined &&
      (DISTRICT_WORDS.has(before.text) || (before.text === "xa" && tokens[first - 2]?.text === "thi"));
    if (before && districtWord && !hardBreakBetween(text, before.end, start)) return true;
    // "… quận Ba Đình, Hoàn Kiếm và Đống Đa": a list that continues a place.
    const previous = mentions[mentions.length - 1];
    if (!previous || !previous.departmentIds.every((id) => matcher.places.has(id))) return false;
    const gap = text.slice(previous.end, start);
    return /^(?:[\s,&/]|và)*$/iu.test(gap);
  }
  return true;
}

// ---------------------------------------------------------------------------------
// 7. Departments: lead and coordinators
// ---------------------------------------------------------------------------------

type LabelKind = "lead" | "coordinators" | "deadline";

/** "Chủ trì: …", "Đơn vị phối hợp: …", "Thời hạn: …" — the label must end with ":". */
const LABELS: readonly { kind: LabelKind; words: readonly string[] }[] = [
  ["lead", "don vi chu tri"],
  ["lead", "co quan chu tri"],
  ["lead", "chu tri"],
  ["lead", "don vi thuc hien"],
  ["lead", "co quan thuc hien"],
  ["coordinators", "don vi phoi hop"],
  ["coordinators", "co quan phoi hop"],
  ["coordinators", "phoi hop"],
  ["deadline", "thoi han hoan thanh"],
  ["deadline", "thoi gian hoan thanh"],
  ["deadline", "thoi gian thuc hien"],
  ["deadline", "han hoan thanh"],
  ["deadline", "tien do hoan thanh"],
  ["deadline", "tien do"],
  ["deadline", "thoi han"],
].map(([kind, words]) => ({ kind: kind as LabelKind, words: (words ?? "").split(" ") }));

interface LabelScope {
  kind: LabelKind;
  /** Where the label starts (for `matchedText`). */
  labelStart: number;
  /** Tokens after the ":" up to the end of the clause or the next label. */
  firstToken: number;
  lastToken: number;
  start: number;
  end: number;
}

function findLabels(text: string, tokens: Token[]): LabelScope[] {
  const found: { kind: LabelKind; first: number; after: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const label of LABELS) {
      const n = label.words.length;
      if (!label.words.every((word, k) => tokens[i + k]?.text === word)) continue;
      const lastLabelToken = tokens[i + n - 1];
      if (!lastLabelToken) continue;
      const nextStart = tokens[i + n]?.start ?? text.length;
      if (!/^\s*:/.test(text.slice(lastLabelToken.end, nextStart))) continue;
      found.push({ kind: label.kind, first: i, after: i + n });
      i += n - 1;
      break;
    }
  }
  return found.map((label, index) => {
    const clause = tokens[label.first]?.clause ?? -1;
    const stop = found[index + 1]?.first ?? tokens.length;
    let last = label.after - 1;
    while (last + 1 < stop && tokens[last + 1]?.clause === clause) last++;
    const labelStart = tokens[label.first]?.start ?? 0;
    const start = tokens[label.after]?.start ?? text.length;
    const end = last >= label.after ? (tokens[last]?.end ?? start) : start;
    return { kind: label.kind, labelStart, firstToken: label.after, lastToken: last, start, end };
  });
}

/** Words right before a department that make it the lead: "giao Sở …", "đề nghị Sở …". */
const LEAD_VERBS: readonly (readonly string[])[] = [
  ["giao", "nhiem", "vu", "cho"],
  ["giao", "nhiem", "vu"],
  ["giao", "cho"],
  ["giao"],
  ["de", "nghi"],
  ["yeu", "cau"],
  ["chi", "dao"],
  ["phan", "cong"],
];
/** Words right after a department that make it the lead: "Sở … chủ trì", "… là đầu mối". */
const LEAD_ROLES: readonly (readonly string[])[] = [
  ["chu", "tri"],
  ["dau", "moi"],
  ["thuong", "truc"],
  ["chiu", "trach", "nhiem", "chinh"],
];
const ROLE_FILLERS = new Set(["la", "lam", "co", "quan", "don", "vi", "se"]);
/** Words right before a department that is only addressed or quoted: "báo cáo Sở …", "của Sở …", "(qua Sở …)". */
const NOT_ASSIGNED_BEFORE: readonly (readonly string[])[] = [
  ["bao", "cao"],
  ["tham", "muu", "cho"],
  ["tham", "muu"],
  ["trinh"],
  ["gui"],
  ["cua"],
  ["qua"],
  ["ve"],
];
/** Words right before a department that make it a coordinator, even after "của": "sự phối hợp của Sở …". */
const COORDINATION_BEFORE: readonly (readonly string[])[] = [
  ["phoi", "hop", "cua"],
  ["phoi", "hop", "voi"],
  ["phoi", "hop"],
];
/**
 * True when the clause ends at token `at`, or with "thực hiện" there: "…; Sở Tài chính phối
 * hợp." (a coordinator) but not "Sở Y tế phối hợp với Sở Tài chính xây dựng…" (the lead).
 */
function clauseEndsAfter(tokens: Token[], at: number, clause: number | undefined): boolean {
  const ends = (k: number) => tokens[k] === undefined || tokens[k]?.clause !== clause;
  return ends(at) || (tokens[at]?.text === "thuc" && tokens[at + 1]?.text === "hien" && ends(at + 2));
}
/** Words that make the departments after them (in the same clause) coordinators. */
const COORDINATION_WORDS = new Set(["phoi", "cung", "voi"]);
/** Words that may open a clause before its subject: "Đồng thời, Sở …", "Riêng Sở …". */
const SUBJECT_OPENERS: readonly (readonly string[])[] = [["dong", "thoi"], ["rieng"], ["doi", "voi"], ["trong", "do"]];

type Role = "lead" | "subject" | "coordinator" | "plain" | "ignored";

interface ItemAnalysis {
  lead: DepartmentMatch | null;
  coordinators: DepartmentMatch[];
  deadline: DraftDeadline | null;
  /** A deadline phrase was found, even if it gave no usable date (no inheritance then). */
  deadlineTried: boolean;
  mentionCount: number;
  /** The text is nothing but department names ("Sở Y tế", "Sở Nội vụ:"). */
  onlyDepartmentNames: boolean;
  fanOut: DraftFanOut | null;
  recurrence: DraftRecurrence | null;
  warnings: SplitWarning[];
}

const NOTHING_FOUND: ItemAnalysis = {
  lead: null,
  coordinators: [],
  deadline: null,
  deadlineTried: false,
  mentionCount: 0,
  onlyDepartmentNames: false,
  fanOut: null,
  recurrence: null,
  warnings: [],
};

function analyzeItem(
  description: string,
  matcher: DepartmentMatcher,
  dates: DateContext,
  groups: readonly SplitGroup[],
): ItemAnalysis {
  if (description === "") return NOTHING_FOUND;
  const folded = foldKeepingLength(description);
  const tokens = tokenize(description, folded);
  const mentions = findMentions(description, tokens, matcher);
  const labels = description.includes(":") ? findLabels(description, tokens) : [];
  const warnings: SplitWarning[] = [];

  for (const mention of mentions) {
    if (mention.departmentIds.length > 1) {
      warnings.push({
        code: "ambiguous_department",
        matchedText: mention.matchedText,
        departmentIds: mention.departmentIds,
      });
    }
  }
  const usable = mentions.filter((mention) => mention.departmentIds.length === 1);
  const clauses = clauseContext(tokens);
  const roles: Roles =
    usable.length > 0
      ? assignRoles(description, tokens, clauses, usable, labels, warnings)
      : { lead: null, coordinators: [], leads: [], evidence: "first_named", leadStart: null };
  const group = groupReferences(description, folded, tokens, clauses, groups, warnings);
  let fanOut: DraftFanOut | null = null;
  let coordinators = roles.coordinators;
  // A group in the lead's place gives the item to its members, unless a department was
  // named explicitly as the lead before it ("Sở Nội vụ chủ trì, cùng các sở, ban, ngành"):
  // "Chủ trì: …" fields decide, as they do for departments.
  const leadFields = labels.filter((label) => label.kind === "lead");
  const inLeadField = (at: number) =>
    leadFields.some((field) => at >= field.start && at < Math.max(field.end, field.start + 1));
  const groupLeads =
    group !== null &&
    (inLeadField(group.start) ||
      (leadFields.length === 0 &&
        (roles.evidence !== "explicit" || roles.leadStart === null || group.start < roles.leadStart)));
  if (group && groupLeads) {
    fanOut = group.fanOut;
    warnings.push({ code: "group_fan_out", matchedText: group.fanOut.matchedText });
  } else if (group) {
    warnings.push({ code: "group_reference", matchedText: group.fanOut.matchedText });
  }
  if (fanOut === null && roles.leads.length >= 2) {
    // "Giao Sở A và Sở B", "Sở A, Sở B chủ trì": one task for each lead (§13), not a lead
    // and coordinators.
    fanOut = { kind: "leads", leads: roles.leads };
    const leadIds = new Set(roles.leads.map((l) => l.departmentId));
    coordinators = coordinators.filter((c) => !leadIds.has(c.departmentId));
    const at = warnings.findIndex((w) => w.code === "several_leads");
    if (at >= 0) warnings.splice(at, 1);
    warnings.push({ code: "leads_fan_out", departmentIds: [...leadIds] });
  }
  const deadline = findDeadline(description, folded, labels, dates);
  warnings.push(...deadline.warnings);
  const recurrence = findRecurrence(description, folded);
  if (recurrence) {
    warnings.push({ code: "recurrence_found", matchedText: recurrence.matchedText });
    if (recurrence.dayAssumed) warnings.push({ code: "recurrence_day_assumed", matchedText: recurrence.matchedText });
  }
  return {
    lead: roles.lead,
    coordinators,
    deadline: deadline.deadline,
    deadlineTried: deadline.tried,
    mentionCount: mentions.length,
    onlyDepartmentNames: mentions.length > 0 && onlyMentions(description, mentions),
    fanOut,
    recurrence: recurrence && {
      frequency: recurrence.frequency,
      day: recurrence.day,
      workingDays: recurrence.workingDays,
      matchedText: recurrence.matchedText,
    },
    warnings,
  };
}

function onlyMentions(text: string, mentions: Mention[]): boolean {
  let from = 0;
  for (const mention of mentions) {
    if (/[\p{L}\p{N}]/u.test(text.slice(from, mention.start))) return false;
    from = mention.end;
  }
  return !/[\p{L}\p{N}]/u.test(text.slice(from));
}

function asMatch(mention: Mention): DepartmentMatch {
  return { departmentId: mention.departmentIds[0] ?? 0, matchedText: mention.matchedText };
}

/**
 * Who leads and who coordinates, in this order of evidence:
 * 1. Labels: when the item has "Chủ trì: …" / "Phối hợp: …" fields naming departments,
 *    they decide, and other mentions are ignored (the drafter said it explicitly).
 * 2. Role words, clause by clause (clauses end at ";", line breaks, sentence ends):
 *    "[dept] chủ trì", "[dept] là đầu mối", "giao / đề nghị / yêu cầu / chỉ đạo [dept]"
 *    → lead; departments after "phối hợp (với)", "cùng (với)", "với" in the clause →
 *    coordinators; after "báo cáo", "trình", "gửi", "tham mưu", "của" → only addressed,
 *    ignored.
 * 3. Otherwise the subject of a clause ("Sở Y tế triển khai …") is the lead, then the
 *    first department named; other departments named become coordinators.
 * Several leads: the first is kept, the others become coordinators (`several_leads`).
 */
interface Roles {
  lead: DepartmentMatch | null;
  coordinators: DepartmentMatch[];
  /** Every department given the lead explicitly (role words or a label), without repeats. */
  leads: DepartmentMatch[];
  evidence: Evidence;
  /** Where the lead is named in the text. */
  leadStart: number | null;
}
type Evidence = "explicit" | "subject" | "first_named";

function assignRoles(
  text: string,
  tokens: Token[],
  clauses: ClauseContext,
  mentions: Mention[],
  labels: LabelScope[],
  warnings: SplitWarning[],
): Roles {
  const inLabel = (mention: Mention, kind: LabelKind) =>
    labels.some(
      (label) => label.kind === kind && mention.firstToken >= label.firstToken && mention.lastToken <= label.lastToken,
    );
  const labelledLeads = mentions.filter((mention) => inLabel(mention, "lead"));
  const labelledCoordinators = mentions.filter((mention) => inLabel(mention, "coordinators"));
  if (labelledLeads.length > 0 || labelledCoordinators.length > 0) {
    return resolveRoles(labelledLeads, "explicit", labelledCoordinators, [], warnings);
  }

  const byRole: Record<Role, Mention[]> = { lead: [], subject: [], coordinator: [], plain: [], ignored: [] };
  for (const run of mentionRuns(text, tokens, mentions)) byRole[roleOfRun(tokens, clauses, run)].push(...run);
  const { lead: leads, subject: subjects, coordinator: coordinators, plain } = byRole;
  if (leads.length > 0) return resolveRoles(leads, "explicit", coordinators, [...subjects, ...plain], warnings);
  if (subjects.length > 0) return resolveRoles(subjects, "subject", coordinators, plain, warnings);
  return resolveRoles(plain, "first_named", coordinators, [], warnings);
}

/**
 * `leads` in text order; `evidence` says how they were found. Warnings:
 * - `several_leads`: more than one department was given the lead by role words or labels;
 * - `lead_guessed`: no role word: the first department named (anywhere), or the first
 *   of several subjects, was taken as the lead;
 * - `coordinators_guessed`: departments named without a coordination word were added as
 *   coordinators.
 */
function resolveRoles(
  leads: Mention[],
  evidence: Evidence,
  coordinators: Mention[],
  others: Mention[],
  warnings: SplitWarning[],
): Roles {
  const first = leads[0];
  const lead = first ? asMatch(first) : null;
  const seen = new Set<number>(lead ? [lead.departmentId] : []);
  const result: DepartmentMatch[] = [];
  const add = (mention: Mention): boolean => {
    const match = asMatch(mention);
    if (seen.has(match.departmentId)) return false;
    seen.add(match.departmentId);
    result.push(match);
    return true;
  };
  let otherLeads = 0;
  const explicitLeads = lead ? [lead] : [];
  for (const mention of leads.slice(1)) {
    if (!add(mention)) continue;
    otherLeads++;
    explicitLeads.push(asMatch(mention));
  }
  for (const mention of coordinators) add(mention);
  let guessedCoordinators = 0;
  for (const mention of others) if (add(mention)) guessedCoordinators++;

  if (evidence === "explicit" && otherLeads > 0) warnings.push({ code: "several_leads" });
  if (lead && (evidence === "first_named" || (evidence === "subject" && otherLeads > 0))) {
    warnings.push({ code: "lead_guessed" });
  }
  if (guessedCoordinators > 0 || (evidence !== "explicit" && otherLeads > 0)) {
    warnings.push({ code: "coordinators_guessed" });
  }
  return {
    lead,
    coordinators: result,
    leads: evidence === "explicit" ? explicitLeads : [],
    evidence,
    leadStart: first ? first.start : null,
  };
}

/** Mentions in one clause separated only by ",", "&", "/" or "và" form a run: "Sở A, Sở B và Sở C". */
function mentionRuns(text: string, tokens: Token[], mentions: Mention[]): Mention[][] {
  const runs: Mention[][] = [];
  for (const mention of mentions) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (
      run &&
      previous &&
      tokens[previous.lastToken]?.clause === tokens[mention.firstToken]?.clause &&
      /^(?:[\s,&/]|và)*$/iu.test(text.slice(previous.end, mention.start))
    ) {
      run.push(mention);
    } else {
      runs.push([mention]);
    }
  }
  return runs;
}

interface ClauseContext {
  /** Index of the first token of the clause each token is in. */
  clauseStart: Int32Array;
  /** 1 when a coordination word came earlier in the clause (and no "giao"/"đề nghị" after it). */
  coordinating: Uint8Array;
}

/** One pass over the tokens, so that finding roles stays linear in the length of the text. */
function clauseContext(tokens: Token[]): ClauseContext {
  const clauseStart = new Int32Array(tokens.length);
  const coordinating = new Uint8Array(tokens.length);
  let start = 0;
  let state = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (!token) break;
    if (k > 0 && tokens[k - 1]?.clause !== token.clause) {
      start = k;
      state = 0;
    }
    clauseStart[k] = start;
    coordinating[k] = state;
    const word = token.text;
    const next = tokens[k + 1]?.text ?? "";
    const previous = k > start ? (tokens[k - 1]?.text ?? "") : "";
    if (word === "cung" && (next === "cap" || next === "ung")) continue; // "cung cấp", "cung ứng"
    if (word === "voi" && previous === "doi") continue; // "đối với" introduces a subject
    if (COORDINATION_WORDS.has(word) && (word !== "phoi" || next === "hop")) state = 1;
    if (word === "giao" || (word === "de" && next === "nghi") || (word === "yeu" && next === "cau")) state = 0;
  }
  return { clauseStart, coordinating };
}

function roleOfRun(tokens: Token[], clauses: ClauseContext, run: Mention[]): Role {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return "plain";
  const clause = tokens[first.firstToken]?.clause;
  const before = (words: readonly string[]) =>
    words.every((word, k) => {
      const token = tokens[first.firstToken - words.length + k];
      return token?.text === word && token.clause === clause;
    });
  // "(có sự) phối hợp của Sở X", "phối hợp với Sở X": coordinators, whatever came before.
  if (COORDINATION_BEFORE.some(before)) return "coordinator";
  if (NOT_ASSIGNED_BEFORE.some(before)) return "ignored";

  // "[run] (là/làm) (cơ quan/đơn vị) chủ trì", "giao [run]"
  let after = last.lastToken + 1;
  for (let skipped = 0; skipped < 3 && ROLE_FILLERS.has(tokens[after]?.text ?? ""); skipped++) after++;
  const afterIs = (words: readonly string[]) =>
    words.every((word, k) => tokens[after + k]?.text === word && tokens[after + k]?.clause === clause);
  if (LEAD_ROLES.some(afterIs) || LEAD_VERBS.some(before)) return "lead";
  // "…; Sở Tài chính phối hợp." names a coordinator as the subject of its own clause.
  if (afterIs(["phoi", "hop"]) && clauseEndsAfter(tokens, after + 2, clause)) return "coordinator";

  if (clauses.coordinating[first.firstToken] === 1) return "coordinator";
  const opener = first.firstToken - (clauses.clauseStart[first.firstToken] ?? 0);
  if (opener === 0 || SUBJECT_OPENERS.some((words) => words.length === opener && before(words))) return "subject";
  return "plain";
}

/**
 * Group phrases, and the group each stands for (docs/domain-rules.md §11):
 * - "UBND các quận, huyện, thị xã" → the built-in group of districts;
 * - "các sở, ban, ngành (Thành phố)" → the built-in group of departments;
 * - "UBND các xã, phường, thị trấn", "các thành viên Ban Chỉ đạo" → a custom group of
 *   that name (the administrator's), if there is one;
 * - "các (cơ quan,) đơn vị (có) liên quan" cannot be resolved: the secretariat chooses
 *   (`group_to_choose`).
 * A custom group whose name is the phrase ("UBND" and "các" aside) wins over a built-in one.
 */
type GroupPhraseKind = DepartmentKind | "communes" | "members" | "related";
const GROUP_PHRASES: readonly { kind: GroupPhraseKind; pattern: string }[] = [
  {
    kind: "district",
    pattern: "(?:(?:ubnd|uy ban nhan dan)\\s+)?(?:cac\\s+)?quan\\s*,?\\s*huyen(?:\\s*,?\\s*thi xa)?",
  },
  {
    kind: "communes",
    pattern: "(?:(?:ubnd|uy ban nhan dan)\\s+)?(?:cac\\s+)?xa\\s*,?\\s*phuong(?:\\s*,?\\s*thi tran)?",
  },
  { kind: "district", pattern: "(?:ubnd|uy ban nhan dan)\\s+cac\\s+(?:quan|huyen|thi xa)" },
  { kind: "communes", pattern: "(?:ubnd|uy ban nhan dan)\\s+cac\\s+(?:xa|phuong)" },
  { kind: "department", pattern: "cac\\s+so\\s*,?\\s*(?:ban\\s*,?\\s*)?nganh(?:\\s+thanh pho)?" },
  { kind: "related", pattern: "cac\\s+(?:co quan\\s*,?\\s*)?don vi\\s+(?:co\\s+)?lien quan" },
  { kind: "related", pattern: "cac\\s+co quan\\s+(?:co\\s+)?lien quan" },
  { kind: "members", pattern: "cac\\s+thanh vien\\s+ban chi dao" },
];
const GROUP_REFERENCE = new RegExp(
  `(?<![a-z0-9])(?:${GROUP_PHRASES.map((phrase) => `(${phrase.pattern})`).join("|")})(?![a-z0-9])`,
  "g",
);

/** A phrase or a group name without the words that do not tell groups apart. */
function groupKey(text: string): string {
  return ` ${normalizeForMatch(text)} `
    .replace(/ (?:ubnd|uy ban nhan dan|cac|thanh pho|tp) /g, " ")
    .replace(/ (?:ubnd|uy ban nhan dan|cac|thanh pho|tp) /g, " ")
    .trim();
}

function groupFor(kind: GroupPhraseKind, phrase: string, groups: readonly SplitGroup[]): SplitGroup | null {
  const key = groupKey(phrase);
  const named = groups.find((group) => group.builtinKind === null && groupKey(group.name) === key);
  if (named) return named;
  switch (kind) {
    case "communes":
      return (
        groups.find(
          (g) => g.builtinKind === null && /\bxa\b/.test(groupKey(g.name)) && /\bphuong\b/.test(groupKey(g.name)),
        ) ?? null
      );
    case "members":
      return groups.find((g) => g.builtinKind === null && groupKey(g.name).includes("thanh vien ban chi dao")) ?? null;
    case "related":
      return null;
    default:
      return groups.find((g) => g.builtinKind === kind) ?? null;
  }
}

/**
 * Finds the group phrases of an item. The first one in the lead's place (not after
 * "phối hợp", "cùng", "với", nor after "báo cáo", "của"…) that names an existing group is
 * returned as the item's proposed fan-out; the others are reported: `group_to_choose`
 * ("các đơn vị liên quan"), `group_not_found` (no such group), `group_reference` (a
 * group named as coordinators or addressee, which the secretariat adds itself).
 */
function groupReferences(
  text: string,
  folded: string,
  tokens: Token[],
  clauses: ClauseContext,
  groups: readonly SplitGroup[],
  warnings: SplitWarning[],
): { fanOut: Extract<DraftFanOut, { kind: "group" }>; start: number } | null {
  if (!folded.includes("cac ") && !folded.includes("ubnd") && !folded.includes("uy ban")) return null;
  const seen = new Set<string>();
  let proposed: { fanOut: Extract<DraftFanOut, { kind: "group" }>; start: number } | null = null;
  /** The end of the previous group phrase and whether it was in the lead's place (-1: none yet). */
  const previous = { end: -1, leadPlace: false };
  for (const match of folded.matchAll(GROUP_REFERENCE)) {
    const start = match.index ?? 0;
    // "của các sở, ban, ngành, UBND quận, huyện, thị xã": a list of groups shares its place.
    const continuesList = previous.end >= 0 && /^(?:[\s,]|va)*$/.test(folded.slice(previous.end, start));
    const inLeadPlace = continuesList ? previous.leadPlace : leadPlace(tokens, clauses, start);
    previous.end = start + match[0].length;
    previous.leadPlace = inLeadPlace;
    const key = match[0].replace(/[\s,]+/g, " ");
    if (seen.has(key)) continue;
    seen.add(key);
    const matchedText = text.slice(start, start + match[0].length);
    const kind = GROUP_PHRASES[match.slice(1).findIndex((part) => part !== undefined)]?.kind ?? "related";
    if (kind === "related") {
      warnings.push({ code: "group_to_choose", matchedText });
      continue;
    }
    const group = groupFor(kind, match[0], groups);
    if (inLeadPlace && group && proposed === null) {
      proposed = { fanOut: { kind: "group", groupId: group.id, groupName: group.name, matchedText }, start };
    } else if (inLeadPlace && group === null && groups.length > 0) {
      warnings.push({ code: "group_not_found", matchedText });
    } else {
      warnings.push({ code: "group_reference", matchedText });
    }
  }
  return proposed;
}

/** True when a name starting at `start` would be the lead there: not a coordinator, not only addressed. */
function leadPlace(tokens: Token[], clauses: ClauseContext, start: number): boolean {
  const index = tokens.findIndex((token) => token.start >= start);
  if (index < 0) return false;
  if (clauses.coordinating[index] === 1) return false;
  const clause = tokens[index]?.clause;
  const before = (words: readonly string[]) =>
    words.every((word, k) => {
      const token = tokens[index - words.length + k];
      return token?.text === word && token.clause === clause;
    });
  return !NOT_ASSIGNED_BEFORE.some(before) && !COORDINATION_BEFORE.some(before);
}

// ---------------------------------------------------------------------------------
// 7b. Recurring duties
// ---------------------------------------------------------------------------------

/**
 * A duty that comes back (docs/domain-rules.md §12), in the rule shape of recurrence.ts:
 * - "hằng tuần vào thứ Sáu" → weekly, due on that weekday (Friday when none is written);
 * - "(trước) ngày 05 hằng tháng" → monthly, due on the 5th; "ngày làm việc thứ 5 hằng
 *   tháng" → the month's 5th working day;
 * - "(định kỳ) hằng quý", "(định kỳ / báo cáo) 6 tháng", "hằng năm" → quarterly,
 *   half-yearly, yearly, due on the day written ("trước ngày 15 …");
 * - "hằng tháng" alone is read as a duty only with "báo cáo" or "định kỳ" in the item
 *   ("tổ chức giao ban hằng tháng" may be a duty, but a plain "hằng năm" in a plan is not).
 * When no due day is written, the month's last day (monthly) or the 5th of the month
 * after the period is assumed (`recurrence_day_assumed`). Weekdays: 1 = Monday … 7 = Sunday.
 */
const RECURRENCE_PHRASES: readonly { frequency: RecurrenceRule["frequency"]; pattern: RegExp }[] = [
  {
    frequency: "weekly",
    pattern:
      /(?<![a-z0-9])(?:hang|moi)\s+tuan(?:\s+(?:vao|truoc|trong)\s+(?:ngay\s+)?(thu\s+(?:hai|ba|tu|nam|sau|bay)|chu nhat))?(?![a-z0-9])/,
  },
  {
    frequency: "quarterly",
    pattern: /(?<![a-z0-9])(?:dinh ky\s+)?(?:hang|moi)\s+quy(?![a-z0-9])|(?<![a-z0-9])dinh ky\s+quy(?![a-z0-9])/,
  },
  {
    frequency: "half_yearly",
    pattern: /(?<![a-z0-9])(?:(?:dinh ky|bao cao|hang|moi)\s+)(?:6|sau)\s+thang(?!\s+(?:dau|cuoi|\d))(?![a-z0-9])/,
  },
  {
    frequency: "yearly",
    pattern: /(?<![a-z0-9])(?:dinh ky\s+)?(?:hang|moi)\s+nam(?![a-z0-9])|(?<![a-z0-9])dinh ky\s+nam(?![a-z0-9])/,
  },
  { frequency: "monthly", pattern: /(?<![a-z0-9])(?:dinh ky\s+)?(?:hang|moi)\s+thang(?![a-z0-9])/ },
];
const WEEKDAYS: Record<string, number> = {
  "thu hai": 1,
  "thu ba": 2,
  "thu tu": 3,
  "thu nam": 4,
  "thu sau": 5,
  "thu bay": 6,
  "chu nhat": 7,
};
const DUE_DAY = /(?<![a-z0-9])(?:truoc|vao|cham nhat|den)\s+(?:ngay\s+)?(?:lam viec\s+thu\s+)?(\d{1,2})(?![\d])/;
const WORKING_DUE_DAY = /(?<![a-z0-9])ngay\s+lam viec\s+thu\s+(\d{1,2})(?!\d)/;
const DUTY_WORDS = /(?<![a-z0-9])(?:bao cao|dinh ky)(?![a-z0-9])/;

function findRecurrence(text: string, folded: string): (DraftRecurrence & { dayAssumed: boolean }) | null {
  if (!/hang|moi|dinh ky/.test(folded)) return null;
  let best: { frequency: RecurrenceRule["frequency"]; match: RegExpExecArray } | null = null;
  for (const phrase of RECURRENCE_PHRASES) {
    const match = phrase.pattern.exec(folded);
    if (match && (best === null || match.index < best.match.index)) best = { frequency: phrase.frequency, match };
  }
  if (best === null) return null;
  const { frequency, match } = best;
  let matchedText = text.slice(match.index, match.index + match[0].length);
  if (frequency === "weekly") {
    const weekday = WEEKDAYS[(match[1] ?? "").replace(/\s+/g, " ")];
    return { frequency, day: weekday ?? 5, workingDays: false, matchedText, dayAssumed: weekday === undefined };
  }
  const working = WORKING_DUE_DAY.exec(folded);
  const due = working ?? DUE_DAY.exec(folded);
  const day = due ? Number(due[1]) : null;
  // "trước ngày 05 hằng tháng" is quoted whole when the due day comes right before the phrase.
  if (due && due.index < match.index && /^\s*$/.test(folded.slice(due.index + due[0].length, match.index))) {
    matchedText = text.slice(due.index, match.index + match[0].length);
  }
  if (day === null && !DUTY_WORDS.test(folded)) return null;
  if (day !== null && day >= 1 && day <= 31) {
    return { frequency, day, workingDays: working !== null, matchedText, dayAssumed: false };
  }
  return { frequency, day: frequency === "monthly" ? 31 : 5, workingDays: false, matchedText, dayAssumed: true };
}

// ---------------------------------------------------------------------------------
// 8. Deadlines
// ---------------------------------------------------------------------------------

/**
 * How much a date phrase says "this is the deadline" (lower is stronger):
 * 1. inside a "Thời hạn: …" / "Thời gian hoàn thành: …" / "Tiến độ: …" field;
 * 2. after a deadline word: "trước (ngày)", "chậm nhất", "đến (hết) (ngày)", "hết",
 *    "trong", "hoàn thành (trong/trước/vào)", "xong (trước)", "hạn (chót)", "cuối",
 *    "kết thúc", "phấn đấu đến";
 * 3. an ongoing word: "thường xuyên", "liên tục", "hằng/hàng năm, quý, tháng, tuần, ngày",
 *    "định kỳ";
 * 4. any other date or period in the text that is not a reference to a document
 *    ("Thông báo số 320/TB-VPCP ngày 09/9/2019") and not before the issue date.
 * The strongest tier present decides; within it the earliest date wins (a dated
 * deadline beats "thường xuyên" in the same tier). Several different dates in that tier
 * → `several_deadlines`.
 */
type Tier = 1 | 2 | 3 | 4;

interface DateCandidate {
  tier: Tier;
  start: number;
  end: number;
  matchedStart: number;
  value: { kind: "dated"; date: LocalDate; workingDays?: number } | { kind: "ongoing" } | { kind: "invalid" };
  rolledOver: boolean;
}

interface DateShape {
  pattern: RegExp;
  /** True when the shape needs a deadline word or field to count (yearless "15/10", "tháng 10"). */
  needsContext: (match: RegExpMatchArray) => boolean;
  /** The date for a year, "invalid" for an impossible one, null when it is not a date after all. */
  resolve: (match: RegExpMatchArray, year: number) => LocalDate | "invalid" | null;
  /** The year written in the text, or null when it must be inferred. */
  year: (match: RegExpMatchArray) => number | null;
}

const B = "(?<![a-z0-9])";

function ymd(year: number, month: number, day: number): LocalDate | "invalid" {
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // A day outside the accepted range is as impossible as 31/02: nothing could be saved with it.
  return month >= 1 && month <= 12 && day >= 1 && parseLocalDate(date) !== null ? date : "invalid";
}

function endOfMonth(year: number, month: number): LocalDate | "invalid" {
  if (month < 1 || month > 12) return "invalid";
  return ymd(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const MONTH_WORDS: Record<string, number> = { ba: 3, sau: 6, chin: 9 };

function yearOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const year = Number(value);
  return year >= 1900 && year <= 2199 ? year : Number.NaN;
}

/** In order of precedence: a longer shape claims its text before a shorter one sees it. */
const DATE_SHAPES: readonly DateShape[] = [
  {
    // ngày 15 tháng 10 năm 2019 / ngày 15 tháng 10
    pattern: new RegExp(`${B}ngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?:\\s*(?:nam|/)\\s*(\\d{4}))?(?!\\d)`, "g"),
    needsContext: () => false,
    resolve: (m, year) => ymd(year, Number(m[2]), Number(m[1])),
    year: (m) => yearOf(m[3]),
  },
  {
    // 6 tháng đầu năm 2020 / 9 tháng đầu năm / 6 tháng cuối năm 2020
    pattern: new RegExp(`${B}(\\d{1,2}|ba|sau|chin)\\s+thang\\s+(dau|cuoi)\\s+nam(?:\\s+(\\d{4}))?(?!\\d)`, "g"),
    needsContext: () => false,
    resolve: (m, year) => {
      const months = MONTH_WORDS[m[1] ?? ""] ?? Number(m[1]);
      if (!(months >= 1 && months <= 12)) return null;
      return m[2] === "dau" ? endOfMonth(year, months) : endOfMonth(year, 12);
    },
    year: (m) => yearOf(m[3]),
  },
  {
    // 31/12/2019, 31-12-2019, 31.12.2019 (optionally after "ngày")
    pattern: /(?<![a-z0-9/.])(?:ngay\s+)?(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d/])/g,
    needsContext: () => false,
    resolve: (m, year) => ymd(year, Number(m[3]), Number(m[1])),
    year: (m) => yearOf(m[4]),
  },
  {
    // quý IV/2019, quý 4/2019, quý IV năm 2019, quý IV
    pattern: new RegExp(`${B}quy\\s+(iv|i{1,3}|[1-4])(?![a-z0-9])(?:\\s*(?:/|-|nam)\\s*(\\d{4})(?!\\d))?`, "g"),
    needsContext: () => false,
    resolve: (m, year) => endOfMonth(year, (QUARTERS[m[1] ?? ""] ?? 0) * 3),
    year: (m) => yearOf(m[2]),
  },
  {
    // tháng 10/2019, tháng 10 năm 2019, tháng 10
    pattern: new RegExp(`${B}thang\\s+(\\d{1,2})(?:\\s*(?:/|-|nam)\\s*(\\d{4}))?(?![\\d/])`, "g"),
    needsContext: (m) => m[2] === undefined,
    resolve: (m, year) => endOfMonth(year, Number(m[1])),
    year: (m) => yearOf(m[2]),
  },
  {
    // 15/10 (optionally after "ngày"): a date only after "ngày" or a deadline word —
    // "28/41 bệnh viện" is a fraction.
    pattern: /(?<![a-z0-9/.])(?:ngay\s+)?(\d{1,2})\s?\/\s?(\d{1,2})(?![\d/])/g,
    needsContext: (m) => !m[0].startsWith("ngay"),
    resolve: (m, year) => ymd(year, Number(m[2]), Number(m[1])),
    year: () => null,
  },
  {
    // năm 2020 ("năm 2019-2020", a school or plan period, is not a deadline)
    pattern: new RegExp(`${B}nam\\s+(\\d{4})(?!\\s*[-–]\\s*\\d)(?![\\d/])`, "g"),
    needsContext: () => false,
    resolve: (_m, year) => endOfMonth(year, 12),
    year: (m) => yearOf(m[1]),
  },
  {
    // trong năm / cuối năm / hết năm (nay): the issue year
    pattern: new RegExp(`${B}(?:trong|cuoi|het)\\s+nam(?:\\s+nay)?(?=\\s*(?:[,;.)\\n]|$))`, "g"),
    needsContext: () => false,
    resolve: (_m, year) => endOfMonth(year, 12),
    year: () => null,
  },
];

const ONGOING = new RegExp(
  `${B}(?:thuong xuyen|lien tuc|hang\\s+(?:nam|quy|thang|tuan|ngay)|dinh ky)(?![a-z0-9])`,
  "g",
);
const DEADLINE_WORDS = new RegExp(
  `${B}(?:truoc|cham nhat(?:\\s+(?:la|vao|truoc|trong))?|den(?:\\s+het)?|het|trong|` +
    `hoan thanh(?:\\s+xong)?(?:\\s+(?:truoc|trong|vao|cham nhat|den))?|xong(?:\\s+truoc)?|han(?:\\s+chot)?|` +
    `cuoi|ket thuc(?:\\s+(?:truoc|trong|vao))?|phan dau(?:\\s+den)?)\\s*$`,
);
/** A date that dates a document or an event, not a deadline: "số 320/TB-VPCP ngày …", "họp ngày …". */
const REFERENCE_BEFORE = new RegExp(
  `(?:\\d+\\/[a-z0-9./-]*[a-z][a-z0-9./-]*|${B}(?:hop|ky|ban hanh|tinh den|tinh toi|tu|ke tu|bat dau))\\s*$`,
);

/**
 * "(trong) 05 ngày làm việc (kể từ ngày giao / nhận)": due on the 5th working day after
 * the day of assignment over the working calendar (docs/domain-rules.md §10), a deadline
 * word's strength (tier 2). Without a day of assignment: `working_days_no_start`.
 */
const WORKING_DAYS_DEADLINE =
  /(?<![a-z0-9])(\d{1,3})\s+ngay\s+lam\s+viec(?:\s+(?:ke tu|tinh tu|sau)\s+(?:ngay\s+)?(?:giao|nhan|ky|ban hanh)(?:\s+(?:thong bao|van ban|ket luan))?)?(?![a-z0-9])/g;

function findDeadline(
  text: string,
  folded: string,
  labels: LabelScope[],
  dates: DateContext,
): { deadline: DraftDeadline | null; tried: boolean; warnings: SplitWarning[] } {
  const { issuedOn } = dates;
  const warnings: SplitWarning[] = [];
  // Every date shape has a digit or one of these words; most short items have neither.
  if (!/[0-9]|nam|quy|thang|xuyen|lien tuc|dinh ky/.test(folded)) return { deadline: null, tried: false, warnings };
  const claimed = new Uint8Array(folded.length);
  const candidates: DateCandidate[] = [];
  const deadlineFields = labels.filter((label) => label.kind === "deadline");
  const fieldAt = (at: number) =>
    deadlineFields.find((field) => at >= field.start && at < Math.max(field.end, field.start + 1));
  const issueYear = issuedOn === null ? null : Number(issuedOn.slice(0, 4));

  const context = (start: number): { tier: Tier; matchedStart: number } | "reference" => {
    const field = fieldAt(start);
    if (field) return { tier: 1, matchedStart: field.labelStart };
    const window = folded.slice(Math.max(0, start - 48), start);
    if (REFERENCE_BEFORE.test(window)) return "reference";
    const deadlineWord = DEADLINE_WORDS.exec(window);
    if (deadlineWord) return { tier: 2, matchedStart: start - (window.length - deadlineWord.index) };
    return { tier: 4, matchedStart: start };
  };

  for (const match of folded.matchAll(WORKING_DAYS_DEADLINE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const n = Number(match[1]);
    if (!(n >= 1 && n <= DEADLINE_WORKING_DAYS_MAX)) continue;
    claimed.fill(1, start, end);
    const field = fieldAt(start);
    const window = folded.slice(Math.max(0, start - 48), start);
    const word = field ? null : DEADLINE_WORDS.exec(window);
    const matchedStart = field ? field.labelStart : word ? start - (window.length - word.index) : start;
    const matchedText = text.slice(matchedStart, end);
    if (dates.assignedOn === null) {
      warnings.push({ code: "working_days_no_start", matchedText });
      continue;
    }
    const date = addWorkingDays(dates.assignedOn, n, dates.calendar);
    warnings.push({ code: "working_days_deadline", matchedText });
    candidates.push({
      tier: field ? 1 : 2,
      start,
      end,
      matchedStart,
      value: { kind: "dated", date, workingDays: n },
      rolledOver: false,
    });
  }
  for (const shape of DATE_SHAPES) {
    for (const match of folded.matchAll(shape.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (claimed.subarray(start, end).some((flag) => flag === 1)) continue;
      const where = context(start);
      if (where === "reference") {
        claimed.fill(1, start, end);
        continue;
      }
      if (shape.needsContext(match) && where.tier === 4) continue;
      const writtenYear = shape.year(match);
      if (Number.isNaN(writtenYear)) continue;
      claimed.fill(1, start, end);

      const matchedText = text.slice(where.matchedStart, end);
      let rolledOver = false;
      let date: LocalDate | "invalid" | null;
      if (writtenYear !== null) {
        date = shape.resolve(match, writtenYear);
      } else if (issueYear === null || issuedOn === null) {
        if (where.tier < 4) warnings.push({ code: "year_unknown", matchedText });
        continue;
      } else {
        date = shape.resolve(match, issueYear);
        if (date !== null && date !== "invalid" && date < issuedOn) {
          date = shape.resolve(match, issueYear + 1);
          rolledOver = true;
        }
      }
      if (date === null) continue;
      if (date === "invalid") {
        warnings.push({ code: "invalid_date", matchedText });
        candidates.push({
          tier: where.tier,
          start,
          end,
          matchedStart: where.matchedStart,
          value: { kind: "invalid" },
          rolledOver,
        });
        continue;
      }
      // A plain date before the issue date is a date of the past (a meeting, a document).
      if (where.tier === 4 && issuedOn !== null && date < issuedOn) continue;
      candidates.push({
        tier: where.tier,
        start,
        end,
        matchedStart: where.matchedStart,
        value: { kind: "dated", date },
        rolledOver,
      });
    }
  }
  for (const match of folded.matchAll(ONGOING)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const field = fieldAt(start);
    candidates.push({
      tier: field ? 1 : 3,
      start,
      end,
      matchedStart: field ? field.labelStart : start,
      value: { kind: "ongoing" },
      rolledOver: false,
    });
  }

  // A phrase that gave no usable date (impossible, or no year to complete it) still counts
  // as found: no parent's deadline is inherited over it.
  if (candidates.length === 0) return { deadline: null, tried: warnings.length > 0, warnings };
  const tier = Math.min(...candidates.map((candidate) => candidate.tier));
  const inTier = candidates.filter((candidate) => candidate.tier === tier);
  const dated = inTier
    .filter((candidate) => candidate.value.kind === "dated")
    .sort((a, b) => dateOf(a).localeCompare(dateOf(b)) || a.start - b.start);
  if (dated.length > 0) {
    const onOrAfterIssue = issuedOn === null ? dated : dated.filter((candidate) => dateOf(candidate) >= issuedOn);
    const chosen = onOrAfterIssue[0] ?? dated[0];
    if (!chosen) return { deadline: null, tried: true, warnings };
    const matchedText = text.slice(chosen.matchedStart, chosen.end);
    if (new Set(dated.map(dateOf)).size > 1) warnings.push({ code: "several_deadlines" });
    if (issuedOn !== null && dateOf(chosen) < issuedOn) warnings.push({ code: "date_before_issue", matchedText });
    if (chosen.rolledOver) warnings.push({ code: "year_assumed_next", matchedText });
    const workingDays = chosen.value.kind === "dated" ? chosen.value.workingDays : undefined;
    const deadline: DraftDeadline = { kind: "dated", date: dateOf(chosen), matchedText };
    if (workingDays !== undefined) deadline.workingDays = workingDays;
    return { deadline, tried: true, warnings };
  }
  const ongoing = inTier.find((candidate) => candidate.value.kind === "ongoing");
  if (ongoing) {
    return {
      deadline: { kind: "ongoing", matchedText: text.slice(ongoing.matchedStart, ongoing.end) },
      tried: true,
      warnings,
    };
  }
  // Only impossible dates in the strongest tier: no deadline, and no weaker guess instead.
  return { deadline: null, tried: true, warnings };
}

function dateOf(candidate: DateCandidate): LocalDate {
  return candidate.value.kind === "dated" ? candidate.value.date : "";
}
