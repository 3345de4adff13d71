// Downloads an attachment of a task: only for users who may see the task (a hidden
// task answers 404 exactly like a missing one; an attachment of another task, or
// none, is 404 too, and every refusal is audited). The bytes are checked against
// the SHA-256 recorded at upload before anything is sent. The media type sent is
// the one sniffed from the content at upload, never the uploader's claim; the
// browser is told not to sniff it again by the server's security headers (helmet's
// `X-Content-Type-Options: nosniff` on every answer — set here as well, it went out twice).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/domain/attachments";
import { denyAccess, requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { requireVisibleTask } from "~/server/desk.server";
import { getTranslator } from "~/lib/locale.server";
import { idParam } from "~/lib/params.server";
import { readAttachment } from "~/models/attachments.server";
import { originOf, recordAudit } from "~/models/audit.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "task.read");
  const taskId = idParam(params.id);
  const attachmentId = idParam(params.attachmentId);
  await requireVisibleTask(request, context, user, taskId, "task.read");
  const db = getDb();
  const stored = readAttachment(db, taskId, attachmentId);
  if (!stored.ok && stored.error === "not_found") {
    return denyAccess(request, context, user, "task.read", 404, { type: "task", id: taskId });
  }
  if (!stored.ok) {
    recordAudit(db, {
      actorId: user.id,
      action: "attachment.damaged",
      entityType: "task",
      entityId: taskId,
      after: { attachmentId, storageKey: stored.storageKey, reason: stored.reason },
      origin: originOf(request, context),
    });
    const { t } = await getTranslator(request);
    throw data({ message: t("attachments.error.damaged") }, { status: 500 });
  }
  return new Response(new Uint8Array(stored.bytes), {
    headers: {
      "Content-Type": stored.mediaType,
      "Content-Length": String(stored.bytes.length),
      "Content-Disposition": contentDisposition(stored.fileName),
      // Documents of a government task: not kept in shared caches, nor in the browser's after use.
      "Cache-Control": "private, no-store",
    },
  });
}
