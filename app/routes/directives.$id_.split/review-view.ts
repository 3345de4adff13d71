// What the review step shows beside each row of the form (not posted back): the row's
// place in the outline, its text with what the splitter recognised marked, and its
// warnings. Client-safe.
import type { SplitWarningCode } from "~/domain/directive-split";
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
}

export interface ReviewView {
  /** The pasted text, posted again with the review so that a refused save can show it all again. */
  text: string;
  preamble: string;
  closing: string;
  rows: ReviewRowView[];
}
