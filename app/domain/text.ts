// Vietnamese text folding for accent-insensitive search and matching (docs/domain-rules.md §7).
//
// Folding = lower-case, diacritics removed, đ/Đ → d. Unicode decomposition (NFD) splits
// "ệ" into "e" + two combining marks, which we strip; but đ (U+0111) and Đ (U+0110) are
// letters of their own, not d plus a mark, so NFD leaves them alone and they are folded
// explicitly. Ð/ð (U+00D0/U+00F0, the Icelandic eth) are folded too: they look the same
// as Đ/đ and turn up in text converted from the old TCVN3/VNI fonts.
//
// Pure, no I/O; cheap enough to run over every row of a search index.

const COMBINING_MARKS = /\p{M}/gu;
const D_WITH_STROKE = /[đð]/g;
const WHITESPACE_RUNS = /\s+/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * Lower-case, without diacritics, đ/Đ → d, whitespace collapsed to single spaces and
 * trimmed. Precomposed (NFC) and decomposed (NFD) input fold alike, and so do both tone
 * placements ("hoá" / "hóa"). `foldVietnamese("Sở Giáo dục và Đào tạo")` is
 * `"so giao duc va dao tao"`. Idempotent.
 */
export function foldVietnamese(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(D_WITH_STROKE, "d")
    .replace(WHITESPACE_RUNS, " ")
    .trim();
}

/**
 * `foldVietnamese`, then every run of characters that is not a letter or a digit
 * ("&", "-", ",", ".", "/", …) becomes one space: `"Sở TT&TT"` → `"so tt tt"`,
 * `"VP. UBND TP"` → `"vp ubnd tp"`. The form used to compare names, not to display them.
 */
export function normalizeForMatch(text: string): string {
  return foldVietnamese(text).replace(NOT_LETTER_OR_DIGIT, " ").trim();
}

const foldedUnits = new Map<string, string>();

function foldUnit(unit: string): string {
  const known = foldedUnits.get(unit);
  if (known !== undefined) return known;
  const lower = unit.toLowerCase();
  const stripped = lower.normalize("NFD").replace(COMBINING_MARKS, "").replace(D_WITH_STROKE, "d");
  // Keep the length: a unit that folds to nothing (a lone combining mark) or to several
  // characters ("ǅ" → "dž" → "dz") stays as it is, lower-cased when that is one unit.
  const folded = stripped.length === 1 ? stripped : lower.length === 1 ? lower : unit;
  foldedUnits.set(unit, folded);
  return folded;
}

const NEEDS_FOLDING = /[^\x00-\x40\x5b-\x7f]/g;

/**
 * The same folding as `foldVietnamese`, character for character: the result has the
 * input's length and index i of the result comes from index i of the input, so a match
 * found in the folded text can be cut out of (or highlighted in) the original. Whitespace
 * is left as it is. Works on UTF-16 code units; on NFC Vietnamese text every letter folds
 * to exactly one ASCII letter (a combining mark left over in NFD input is kept, not folded).
 */
export function foldKeepingLength(text: string): string {
  return text.replace(NEEDS_FOLDING, foldUnit);
}
