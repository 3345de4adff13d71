// Reading a form that carries attachments (multipart/form-data) with Remix's
// streaming parser: text fields are collected in memory (bounded), files are
// streamed to the attachments' incoming directory, hashed and size-limited as they
// arrive (app/models/attachments.server.ts), then checked by content. The whole
// body is bounded too: a larger one is refused without being read.
import { unstable_parseMultipartFormData, type UploadHandler, type UploadHandlerPart } from "@remix-run/node";
import { storableText } from "~/lib/form-data.server";
import { ATTACHMENT_LIMITS, MAX_UPLOAD_REQUEST_BYTES } from "~/domain/attachments";
import {
  checkUpload,
  discardReceived,
  receiveFile,
  type AcceptedFile,
  type ReceivedFile,
  type RefusedFile,
} from "~/models/attachments.server";

/** The name of the file input in every form that takes attachments. */
export const ATTACHMENT_FIELD = "attachments";
/** A text field's largest size in bytes: far above every field's own limit (10,000 characters). */
const MAX_TEXT_PART_BYTES = 256 * 1024;

export type UploadedForm =
  | {
      ok: true;
      formData: FormData;
      /** Files that passed every check, in their temporary place (`withAttachments` stores or removes them). */
      accepted: AcceptedFile[];
      /** Files refused, with why; nothing of them was kept. */
      refused: RefusedFile[];
      /** More files than a submission may carry were posted (the extra ones were not read into storage). */
      tooMany: boolean;
    }
  | { ok: false; error: "too_large" | "unreadable" };

class BodyTooLargeError extends Error {}
class TextPartTooLargeError extends Error {}

export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** Counts every byte of the body as parts are read; past the limit the parse stops. */
function counted(data: AsyncIterable<Uint8Array>, total: { bytes: number }): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of data) {
        total.bytes += chunk.byteLength;
        if (total.bytes > MAX_UPLOAD_REQUEST_BYTES) throw new BodyTooLargeError();
        yield chunk;
      }
    },
  };
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of data) {
    // Read and dropped: the parser needs every part consumed to reach the next one.
  }
}

async function readText(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_TEXT_PART_BYTES) throw new TextPartTooLargeError();
    chunks.push(chunk);
  }
  return storableText(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Parses a multipart form whose files are posted as `attachments`. Never throws for
 * bad input: a body over the limit or one that cannot be parsed is `ok: false`, with
 * any file already received removed.
 */
export async function readUploadForm(request: Request, field: string = ATTACHMENT_FIELD): Promise<UploadedForm> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_REQUEST_BYTES) return { ok: false, error: "too_large" };

  const received: ReceivedFile[] = [];
  const refused: RefusedFile[] = [];
  let fileParts = 0;
  let tooMany = false;
  const total = { bytes: 0 };
  const handler: UploadHandler = async (part: UploadHandlerPart) => {
    const data = counted(part.data, total);
    if (part.filename === undefined) return readText(data);
    // An empty file input posts a part with no file name and no bytes: no file.
    if (part.filename === "") {
      await drain(data);
      return undefined;
    }
    // A file where the form has a text field (no form of the app posts one) is not
    // stored, but it is not dropped either: the field keeps an empty file of that
    // name, which the form's schema refuses like any file in place of text — dropping
    // it would turn a malformed form into a valid one without the field.
    if (part.name !== field) {
      await drain(data);
      return new File([], part.filename, { type: part.contentType });
    }
    fileParts += 1;
    if (fileParts > ATTACHMENT_LIMITS.maxFiles) {
      tooMany = true;
      await drain(data);
      return undefined;
    }
    const file = await receiveFile(part.filename, data);
    if ("refusal" in file) refused.push(file);
    else received.push(file);
    return undefined;
  };

  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    discardReceived(received);
    const tooLarge = error instanceof BodyTooLargeError || error instanceof TextPartTooLargeError;
    return { ok: false, error: tooLarge ? "too_large" : "unreadable" };
  }

  const accepted: AcceptedFile[] = [];
  try {
    for (const file of received) {
      const checked = await checkUpload(file);
      if ("refusal" in checked) refused.push(checked);
      else accepted.push(checked);
    }
  } catch (error) {
    discardReceived(received);
    throw error;
  }
  // One refused file refuses the submission: keep nothing of it.
  if (refused.length > 0 || tooMany) discardReceived(accepted);
  return { ok: true, formData, accepted: refused.length > 0 || tooMany ? [] : accepted, refused, tooMany };
}
