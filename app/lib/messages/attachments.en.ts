// English strings of attachments on reports, completion reports and extension requests (merged into en.ts).
import type { attachmentsVi } from "./attachments.vi";

export const attachmentsEn: Record<keyof typeof attachmentsVi, string> = {
  "attachments.field.report": "Attachments (optional)",
  "attachments.field.completion": "Evidence of the result (optional)",
  "attachments.field.extension": "Supporting documents (optional)",
  "attachments.field.hint":
    "Accepted: {types}; up to {count, plural, one {# file} other {# files}} of at most {size} MB each.",
  "attachments.list.label": "Attachments",
  "attachments.list.details": "{size}, {type}",

  "attachments.error.too_large": "“{name}” is larger than {size} MB.",
  "attachments.error.empty": "“{name}” is empty.",
  "attachments.error.type_not_allowed": "“{name}” is not a type we accept (only {types}).",
  "attachments.error.content_not_allowed":
    "The content of “{name}” is not a PDF, an Office document or a PNG/JPEG/WebP image, so it was not accepted.",
  "attachments.error.content_mismatch":
    "The content of “{name}” does not match the extension of its name, so it was not accepted.",
  "attachments.error.encrypted":
    "“{name}” is password-protected, so its content cannot be checked; send a copy without a password.",
  "attachments.error.too_many": "At most {count, plural, one {# file} other {# files}} per submission.",
  "attachments.error.nothingSaved": "Nothing was saved. Choose the files again and resend.",
  "attachments.error.requestTooLarge":
    "The upload is too large (at most {count, plural, one {# file} other {# files}} of {size} MB each). Nothing was saved; go back and choose smaller files.",
  "attachments.error.unreadable":
    "The upload could not be read. If a file name contains “;” or “=”, rename the file and send again. Nothing was saved.",
  "attachments.error.damaged":
    "The stored attachment is missing or has been altered on the server, so it cannot be downloaded. Please tell the system administrator.",
};
