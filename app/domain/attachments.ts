// Attachments of progress reports, completion reports and extension requests
// (docs/domain-rules.md §3): which files are accepted, how big, how many, and how their names
// are kept and sent back. The type of a file is decided by its content (sniffed
// on the server with `file-type`, legacy Office files by their OLE directory,
// app/domain/ole-directory.ts), never by its name or the browser's claim; the
// name's extension must then agree with the content.
//
// Pure, no I/O; client-safe (the forms show the limits and the accepted types).

/** Limits of one submission. Change them here; docs/user-guide.en.md and docs/user-guide.vi.md list them. */
export const ATTACHMENT_LIMITS = {
  /** Bytes per file: 20 MiB. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Files per report, completion report or extension request. */
  maxFiles: 5,
  /** Characters of a stored file name (the extension is kept when it is cut). */
  maxFileNameLength: 180,
} as const;

/**
 * The whole body of a multipart post: every file at its limit plus the form's text
 * fields. A larger body is refused without being read.
 */
export const MAX_UPLOAD_REQUEST_BYTES = ATTACHMENT_LIMITS.maxFiles * ATTACHMENT_LIMITS.maxFileBytes + 2 * 1024 * 1024;

/** The accepted kinds: the media type served back and the extensions a file of that kind may carry. */
export const ATTACHMENT_KINDS = {
  pdf: { mediaType: "application/pdf", extensions: ["pdf"] },
  docx: {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  pptx: {
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
  },
  doc: { mediaType: "application/msword", extensions: ["doc"] },
  xls: { mediaType: "application/vnd.ms-excel", extensions: ["xls"] },
  ppt: { mediaType: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
  png: { mediaType: "image/png", extensions: ["png"] },
  jpg: { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  webp: { mediaType: "image/webp", extensions: ["webp"] },
} as const satisfies Record<string, { mediaType: string; extensions: readonly string[] }>;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

const KIND_OF_EXTENSION = new Map<string, AttachmentKind>(
  (Object.entries(ATTACHMENT_KINDS) as [AttachmentKind, { extensions: readonly string[] }][]).flatMap(
    ([kind, { extensions }]) => extensions.map((ext) => [ext, kind] as const),
  ),
);

/** "PDF", "DOCX", "JPG" … for a stored media type (its own text when it is not one of ours). */
export function mediaTypeLabel(mediaType: string): string {
  const kind = Object.values(ATTACHMENT_KINDS).find((k) => k.mediaType === mediaType);
  return kind ? kind.extensions[0].toUpperCase() : mediaType;
}

/** For the file input's `accept`: the extensions and media types above. */
export const ACCEPT_ATTRIBUTE = [
  ...[...KIND_OF_EXTENSION.keys()].map((ext) => `.${ext}`),
  ...new Set(Object.values(ATTACHMENT_KINDS).map((k) => k.mediaType)),
].join(",");

/** "PDF, DOC, DOCX, …" for hints and messages. */
export const ACCEPTED_EXTENSIONS_LABEL = [...KIND_OF_EXTENSION.keys()]
  .filter((ext) => ext !== "jpeg")
  .map((ext) => ext.toUpperCase())
  .join(", ");

/** `file-type`'s names for the content it recognises that we accept (`apng` is a PNG). */
const KIND_OF_SNIFFED: Record<string, AttachmentKind> = {
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  png: "png",
  apng: "png",
  jpg: "jpg",
  webp: "webp",
};

/** What the OLE directory of a legacy (`cfb`) file says it is. */
export type LegacyOfficeKind = "doc" | "xls" | "ppt" | "encrypted";

/** Why a file is refused. */
export type AttachmentRefusal =
  /** The name has no extension, or one we do not accept. */
  | "type_not_allowed"
  /** The content is not a type we accept (an executable, HTML, a ZIP …). */
  | "content_not_allowed"
  /** The content is an accepted type, but not the one the extension says. */
  | "content_mismatch"
  /** A password-protected Office document: its content cannot be checked. */
  | "encrypted"
  | "empty"
  | "too_large";

export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 || dot === fileName.length - 1 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The kind of an uploaded file from its name and what its content was sniffed as
 * (`file-type`'s extension, or undefined when it recognised nothing) and, for an
 * OLE compound file (`cfb`), what its directory says.
 */
export function classifyAttachment(
  fileName: string,
  sniffed: string | undefined,
  legacy: LegacyOfficeKind | null,
): { ok: true; kind: AttachmentKind; mediaType: string } | { ok: false; refusal: AttachmentRefusal } {
  const claimed = KIND_OF_EXTENSION.get(fileExtension(fileName));
  if (claimed === undefined) return { ok: false, refusal: "type_not_allowed" };
  let actual: AttachmentKind | undefined;
  if (sniffed === "cfb") {
    if (legacy === "encrypted") return { ok: false, refusal: "encrypted" };
    actual = legacy ?? undefined;
  } else if (sniffed !== undefined) {
    actual = KIND_OF_SNIFFED[sniffed];
  }
  if (actual === undefined) return { ok: false, refusal: "content_not_allowed" };
  if (actual !== claimed) return { ok: false, refusal: "content_mismatch" };
  return { ok: true, kind: actual, mediaType: ATTACHMENT_KINDS[actual].mediaType };
}

// ---------------------------------------------------------------- names

const CONTROL_OR_SEPARATOR = /[\u0000-\u001f\u007f-\u009f/\\]/g;
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is shown and sent back under: NFC (Vietnamese typed on macOS
 * arrives decomposed), no control or bidirectional-override characters, no path,
 * spaces collapsed, at most `maxFileNameLength` characters with the extension
 * kept. It is never used to name anything on disk.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(CONTROL_OR_SEPARATOR, "")
    .replace(BIDI_CONTROLS, "")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...cleaned];
  if (chars.length <= ATTACHMENT_LIMITS.maxFileNameLength) return cleaned;
  const ext = fileExtension(cleaned);
  const tail = ext === "" ? "" : `.${ext}`;
  return chars.slice(0, ATTACHMENT_LIMITS.maxFileNameLength - tail.length).join("") + tail;
}

/** ASCII stand-in for old clients: Vietnamese marks dropped, đ → d, anything else unsafe → "_". */
export function asciiFileName(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._() -]+/g, "_")
    .replace(/_+/g, "_")
    .trim();
  return ascii === "" || ascii.startsWith(".") ? `attachment${ascii}` : ascii;
}

/** RFC 5987 `ext-value` percent-encoding of UTF-8 (attr-char left as is). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/**
 * `Content-Disposition` for a download (RFC 6266): `attachment`, an ASCII
 * `filename` for old clients and the real name as `filename*=UTF-8''…`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = asciiFileName(fileName).replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * A size as people read it, in the binary units file managers use (the limit is
 * "20 MB" = 20 × 1024 × 1024 bytes): "850 B", "12,4 KB", "3,1 MB", with the locale's separator.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  if (bytes < 1024) return format(bytes, "B");
  if (bytes < 1024 * 1024) return format(bytes / 1024, "KB");
  return format(bytes / (1024 * 1024), "MB");
}

/** The limit as said in hints and messages: 20 (MB). */
export const MAX_FILE_MEGABYTES = ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024;
