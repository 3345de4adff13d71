// The task page's side of attachments: reading its form (multipart when the form
// carries files, url-encoded otherwise), turning refused files into the form's
// messages, and saying which stored record the files of a successful move belong to.
import { readForm, refuseAbsurdIndices } from "../lib/form-data.server";
import { data } from "@remix-run/node";
import { ACCEPTED_EXTENSIONS_LABEL, ATTACHMENT_LIMITS, MAX_FILE_MEGABYTES } from "~/domain/attachments";
import type { Translate } from "~/lib/i18n";
import { isMultipart, readUploadForm, type UploadedForm } from "~/server/uploads.server";
import type { AttachmentLink } from "~/models/attachments.server";

/** The intents whose forms carry attachments: progress report, completion report (evidence), extension request. */
export const ATTACHMENT_INTENTS = new Set(["report", "report_completion", "request_extension"]);

export type TaskPageForm = Extract<UploadedForm, { ok: true }>;

/**
 * The posted form. A multipart body that is too large or cannot be parsed is
 * answered at once (413 / 400) with a translated message: its fields are not known.
 */
export async function readTaskPageForm(request: Request, t: Translate): Promise<TaskPageForm> {
  if (!isMultipart(request)) {
    return { ok: true, formData: await readForm(request), accepted: [], refused: [], tooMany: false };
  }
  const upload = await readUploadForm(request);
  if (upload.ok) {
    refuseAbsurdIndices(upload.formData, t);
    return upload;
  }
  const limits = { count: ATTACHMENT_LIMITS.maxFiles, size: MAX_FILE_MEGABYTES };
  throw upload.error === "too_large"
    ? data({ message: t("attachments.error.requestTooLarge", limits) }, { status: 413 })
    : data({ message: t("attachments.error.unreadable") }, { status: 400 });
}

/** One message per refused file (and for too many files), then what to do; empty when all is well. */
export function attachmentProblems(t: Translate, form: Pick<TaskPageForm, "refused" | "tooMany">): string[] {
  const messages = form.refused.map((file) =>
    t(`attachments.error.${file.refusal}`, {
      name: file.fileName,
      size: MAX_FILE_MEGABYTES,
      types: ACCEPTED_EXTENSIONS_LABEL,
    }),
  );
  if (form.tooMany) messages.push(t("attachments.error.too_many", { count: ATTACHMENT_LIMITS.maxFiles }));
  if (messages.length > 0) messages.push(t("attachments.error.nothingSaved"));
  return messages;
}

/** What the model functions of the desk answer when they store something (see task-progress.server.ts). */
export interface StoredMove {
  ok: true;
  duplicate?: boolean;
  id?: number;
  progressReportId?: number;
  transitionId?: number | null;
}

/**
 * The record the files of a move belong to: the progress report, the extension
 * request, or the completion's report and workflow step. None for a duplicate
 * submission (its files were stored the first time) or a move that takes no files.
 */
export function attachmentLink(
  taskId: number,
  intent: string,
  result: StoredMove | { ok: false },
): AttachmentLink | null {
  if (!result.ok || result.duplicate) return null;
  switch (intent) {
    case "report":
      return result.id === undefined ? null : { taskId, progressReportId: result.id };
    case "request_extension":
      return result.id === undefined ? null : { taskId, extensionRequestId: result.id };
    case "report_completion":
      return result.progressReportId === undefined
        ? null
        : { taskId, progressReportId: result.progressReportId, taskTransitionId: result.transitionId ?? null };
    default:
      return null;
  }
}
