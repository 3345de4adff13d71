// What the review step shows beside each row of the form (not posted back): the row's
// place in the outline, its text with what the splitter recognised marked, and its
// warnings. Client-safe.
import type { SplitWarningCode } from "~/domain/directive-split";
import type { RecurrenceRule } from "~/domain/recurrence";
import type { TextSegment } from "~/domain/split-review";

export interface ReviewWarningView {
  code: SplitWarningCode;
  /** The text the warning is about ("" when none). */
  text: string;
  /** For an ambiguous name: the departments it could be, by name. */
  departments: string;
}

export interface ReviewRowView {
  /** The item number the splitter gave the row: its name in labels, even if edited. */
  itemNumber: string;
  parentItemNumber: string | null;
  depth: number;
  segments: TextSegment[];
  warnings: ReviewWarningView[];
  /** What saving the row as proposed creates (as of the day of assignment the review was built for). */
  preview: ReviewPreview;
}

export interface ReviewPreview {
  /** An item for a group: its members on the day of assignment (the first of them by name). */
  group?: { name: string; day: string; count: number; names: string[] };
  /** An item for several leads: their names. */
  leads?: string[];
  /** A recurring duty: its lead, its rule and its first periods. */
  duty?: { lead: string; rule: RecurrenceRule; periods: { label: string; due: string }[] };
  /** A deadline in working days: the count, from which day, the date it gives. */
  workingDays?: { count: number; day: string; due: string };
}

export interface ReviewView {
  /** The pasted text, posted again with the review so that a refused save can show it all again. */
  text: string;
  preamble: string;
  closing: string;
  rows: ReviewRowView[];
  /** The unit groups a row may be given to. */
  groups: { id: number; name: string }[];
}
