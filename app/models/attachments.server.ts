// Files attached to progress reports, completion reports and extension requests
// (docs/domain-rules.md §3). See docs/decisions/010-attachments.md.
//
// Storage: `<ATTACHMENTS_DIR>` (default: `attachments/` next to the database file)
// holds each file under a random storage key, `ab/abcdef…` — never the user's file
// name, which lives only in the `attachments` row with the sniffed media type,
// the size and the SHA-256. Files are never changed or deleted by the app, but for
// those no row names, which a crash left (`sweepAttachmentLeftovers`, at start-up).
//
// Life of an upload: the multipart parser streams each file into
// `<dir>/.incoming/<random>.part` (hashing and counting as it goes, refusing past
// the size limit), `checkUpload` sniffs its content, and `withAttachments` runs the
// report's model function and inserts the rows (with an audit event each) in one
// IMMEDIATE transaction, renaming the files into place inside it. A refusal, a
// duplicate (the form's idempotency key was seen) or any error leaves no row and
// no file: the temporary files are always removed, and files already renamed are
// removed again when the transaction does not commit.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { fileTypeFromFile } from "file-type";
import { attachments } from "../../db/schema";
import {
  ATTACHMENT_LIMITS,
  classifyAttachment,
  cleanFileName,
  type AttachmentRefusal,
  type LegacyOfficeKind,
} from "../domain/attachments";
import { legacyOfficeKind } from "../domain/ole-directory";
import type { Actor } from "../domain/permissions";
import { databasePath, writeTransaction, type AppDatabase, type WriteTransaction } from "./db.server";
import { recordAudit, type RequestOrigin } from "./audit.server";
import type { AttachmentView } from "../domain/views";

export type { AttachmentView };

/** Where attachments are kept: `ATTACHMENTS_DIR`, else `attachments/` beside the database file. */
export function attachmentsDir(): string {
  const configured = process.env.ATTACHMENTS_DIR;
  return configured ? path.resolve(configured) : path.join(path.dirname(databasePath()), "attachments");
}

const INCOMING = ".incoming";
/** An upload left behind by a crash is removed by a later upload after this long. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

const STORAGE_KEY = /^[0-9a-f]{32}$/;

/** The file of a storage key: two hex digits of fan-out keep directories small. */
export function storedFilePath(storageKey: string, dir: string = attachmentsDir()): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error(`not a storage key: ${storageKey}`);
  return path.join(dir, storageKey.slice(0, 2), storageKey);
}

// ---------------------------------------------------------------- receiving

/** A file received into the incoming directory, not yet checked. */
export interface ReceivedFile {
  fileName: string;
  tempPath: string;
  sizeBytes: number;
  sha256: string;
}

/** A file refused on arrival or by its content; nothing of it is kept. */
export interface RefusedFile {
  fileName: string;
  refusal: AttachmentRefusal;
}

/** A checked file, ready to be stored with its record. */
export interface AcceptedFile extends ReceivedFile {
  mediaType: string;
}

/**
 * Streams one uploaded file into the incoming directory, hashing it, and stops
 * writing once it passes the size limit (the rest is read and discarded so the
 * form's other fields still arrive). Returns the received file or why not.
 */
export async function receiveFile(
  rawName: string,
  data: AsyncIterable<Uint8Array>,
  dir: string = attachmentsDir(),
): Promise<ReceivedFile | RefusedFile> {
  const fileName = cleanFileName(rawName);
  const incoming = path.join(dir, INCOMING);
  await fs.promises.mkdir(incoming, { recursive: true });
  sweepIncoming(incoming);
  // The receiving process's id in the name: at start-up, the files of processes that are gone are leftovers.
  const tempPath = path.join(incoming, `${process.pid}-${crypto.randomBytes(16).toString("hex")}.part`);
  const handle = await fs.promises.open(tempPath, "wx", 0o600);
  const hash = crypto.createHash("sha256");
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (tooLarge) continue;
      if (size > ATTACHMENT_LIMITS.maxFileBytes) {
        tooLarge = true;
        continue;
      }
      hash.update(chunk);
      await handle.write(chunk);
    }
    if (!tooLarge && size > 0) await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
  await handle.close();
  if (tooLarge || size === 0) {
    await fs.promises.rm(tempPath, { force: true });
    return { fileName, refusal: tooLarge ? "too_large" : "empty" };
  }
  return { fileName, tempPath, sizeBytes: size, sha256: hash.digest("hex") };
}

/** Removes incoming files a crashed request left behind (best effort, never fails an upload). */
function sweepIncoming(incoming: string): void {
  try {
    const cutoff = Date.now() - STALE_INCOMING_MS;
    for (const name of fs.readdirSync(incoming)) {
      const full = path.join(incoming, name);
      if (fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { force: true });
    }
  } catch {
    // Another request may have removed a file meanwhile; the next upload tries again.
  }
}

// ---------------------------------------------------------------- leftovers of a crash

const INCOMING_NAME = /^(\d+)-[0-9a-f]{32}\.part$/;

/** Whether a process with this id is running (on this machine, where the files are). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * An upload still being received by a running process is left alone (two servers
 * may share the folder); one whose process has died is a leftover at once. A name
 * without a process id, from an older version, is one after a day.
 */
function isLeftoverUpload(name: string, full: string, now: number): boolean {
  const match = INCOMING_NAME.exec(name);
  if (match) return Number(match[1]) !== process.pid && !processAlive(Number(match[1]));
  return fs.statSync(full).mtimeMs < now - STALE_INCOMING_MS;
}

function removeLeftoverUploads(dir: string, now: number): string[] {
  const incoming = path.join(dir, INCOMING);
  if (!fs.existsSync(incoming)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(incoming)) {
    const full = path.join(incoming, name);
    if (!isLeftoverUpload(name, full, now)) continue;
    fs.rmSync(full, { force: true });
    removed.push(full);
  }
  return removed;
}

/**
 * Stored files no row names. A file is renamed into place inside the transaction that
 * inserts its row; a crash before the commit leaves the file without the row. The
 * folder is read while this holds the write lock, so no other process is between
 * such a rename and its commit: what has no row then never will.
 */
function removeOrphanedFiles(db: AppDatabase, dir: string): string[] {
  return writeTransaction(db, (tx) => {
    const known = new Set(
      tx
        .select({ key: attachments.storageKey })
        .from(attachments)
        .all()
        .map((row) => row.key),
    );
    const removed: string[] = [];
    for (const fanOut of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!fanOut.isDirectory() || !/^[0-9a-f]{2}$/.test(fanOut.name)) continue;
      for (const name of fs.readdirSync(path.join(dir, fanOut.name))) {
        if (!STORAGE_KEY.test(name) || name.slice(0, 2) !== fanOut.name || known.has(name)) continue;
        const full = path.join(dir, fanOut.name, name);
        fs.rmSync(full, { force: true });
        removed.push(full);
      }
    }
    return removed;
  });
}

/**
 * At start-up: removes what a killed process left in the attachments folder — uploads
 * half received (`.incoming/*.part`) and stored files whose row never committed — and
 * logs each. Neither was ever acknowledged to anyone: the answer comes after the commit.
 */
export function sweepAttachmentLeftovers(
  db: AppDatabase,
  options: { dir?: string; log?: (line: string) => void; now?: number } = {},
): { uploads: string[]; orphans: string[] } {
  const dir = options.dir ?? attachmentsDir();
  const log = options.log ?? console.log;
  if (!fs.existsSync(dir)) return { uploads: [], orphans: [] };
  const uploads = removeLeftoverUploads(dir, options.now ?? Date.now());
  const orphans = removeOrphanedFiles(db, dir);
  for (const file of uploads) log(`Removed an upload left half received by a stopped process: ${file}`);
  for (const file of orphans) log(`Removed an attachment file no record names (its write never committed): ${file}`);
  return { uploads, orphans };
}

/**
 * Decides a received file's type by its content (never its name or the browser's
 * claim) and checks that the name's extension agrees. A refused file is removed.
 */
export async function checkUpload(file: ReceivedFile): Promise<AcceptedFile | RefusedFile> {
  const sniffed = await fileTypeFromFile(file.tempPath);
  let legacy: LegacyOfficeKind | null = null;
  // Legacy Office files are all "cfb" to file-type; their directory says which (≤ the size limit, read once).
  if (sniffed?.ext === "cfb") legacy = legacyOfficeKind(await fs.promises.readFile(file.tempPath));
  const verdict = classifyAttachment(file.fileName, sniffed?.ext, legacy);
  if (!verdict.ok) {
    await fs.promises.rm(file.tempPath, { force: true });
    return { fileName: file.fileName, refusal: verdict.refusal };
  }
  return { ...file, mediaType: verdict.mediaType };
}

/** Removes the temporary files of a submission that will not be stored. */
export function discardReceived(files: readonly { tempPath: string }[]): void {
  for (const file of files) fs.rmSync(file.tempPath, { force: true });
}

// ---------------------------------------------------------------- storing

/** The record a submission's files belong to. */
export interface AttachmentLink {
  taskId: number;
  progressReportId?: number | null;
  extensionRequestId?: number | null;
  taskTransitionId?: number | null;
}

/** fsync a directory so a rename into it survives a power cut (no-op where directories cannot be opened). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; its renames are durable through NTFS's journal.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Runs `write` (a model function: its own write transaction nests in this one as a
 * savepoint) and, when it stored something new, records `files` against the
 * record `linkOf` names in its result — rows, one `attachment.upload` audit event per file and
 * the files renamed into place, all in one IMMEDIATE transaction. A refusal or a
 * duplicate submission (`linkOf` gives null) stores no file. Whatever happens,
 * no temporary file is left, and a file is in place only if its row committed.
 */
export function withAttachments<R>(
  db: AppDatabase,
  actor: Actor,
  files: readonly AcceptedFile[],
  origin: RequestOrigin,
  write: () => R,
  linkOf: (result: R) => AttachmentLink | null,
  now: number = Date.now(),
): R {
  const dir = attachmentsDir();
  const placed: string[] = [];
  try {
    return writeTransaction(db, (tx) => {
      const result = write();
      const link = files.length === 0 ? null : linkOf(result);
      if (link === null) return result;
      for (const file of files) placed.push(storeFile(tx, actor, file, link, origin, now, dir));
      for (const parent of new Set(placed.map((p) => path.dirname(p)))) syncDirectory(parent);
      return result;
    });
  } catch (error) {
    for (const file of placed) fs.rmSync(file, { force: true });
    throw error;
  } finally {
    discardReceived(files);
  }
}

function storeFile(
  tx: WriteTransaction,
  actor: Actor,
  file: AcceptedFile,
  link: AttachmentLink,
  origin: RequestOrigin,
  now: number,
  dir: string,
): string {
  const storageKey = crypto.randomBytes(16).toString("hex");
  const row = {
    taskId: link.taskId,
    progressReportId: link.progressReportId ?? null,
    extensionRequestId: link.extensionRequestId ?? null,
    taskTransitionId: link.taskTransitionId ?? null,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    storageKey,
    uploadedBy: actor.id,
    createdAt: now,
  };
  const { id } = tx.insert(attachments).values(row).returning({ id: attachments.id }).get();
  recordAudit(tx, {
    actorId: actor.id,
    action: "attachment.upload",
    entityType: "task",
    entityId: link.taskId,
    after: {
      attachmentId: id,
      fileName: row.fileName,
      mediaType: row.mediaType,
      sizeBytes: row.sizeBytes,
      sha256: row.sha256,
      progressReportId: row.progressReportId,
      extensionRequestId: row.extensionRequestId,
      taskTransitionId: row.taskTransitionId,
    },
    origin,
    at: now,
  });
  const target = storedFilePath(storageKey, dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(file.tempPath, target);
  return target;
}

// ---------------------------------------------------------------- reading

/** A task's attachments, oldest first (the caller has checked the reader may see the task). */
export function taskAttachments(db: AppDatabase, taskId: number): AttachmentView[] {
  return db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      mediaType: attachments.mediaType,
      sizeBytes: attachments.sizeBytes,
      progressReportId: attachments.progressReportId,
      extensionRequestId: attachments.extensionRequestId,
      taskTransitionId: attachments.taskTransitionId,
    })
    .from(attachments)
    .where(eq(attachments.taskId, taskId))
    .orderBy(asc(attachments.id))
    .all();
}

export type StoredAttachment =
  | { ok: true; fileName: string; mediaType: string; bytes: Buffer }
  /** No attachment of that id on that task. */
  | { ok: false; error: "not_found" }
  /** The file is missing on disk or no longer has its recorded SHA-256. */
  | { ok: false; error: "damaged"; storageKey: string; reason: "missing" | "checksum" };

/**
 * An attachment of a task with its bytes, verified against the recorded SHA-256
 * (the caller has checked the reader may see the task). The file is at most the
 * upload limit, so it is read whole.
 */
export function readAttachment(db: AppDatabase, taskId: number, attachmentId: number): StoredAttachment {
  const row = db
    .select({
      fileName: attachments.fileName,
      mediaType: attachments.mediaType,
      sizeBytes: attachments.sizeBytes,
      sha256: attachments.sha256,
      storageKey: attachments.storageKey,
    })
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.taskId, taskId)))
    .get();
  if (!row) return { ok: false, error: "not_found" };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(storedFilePath(row.storageKey));
  } catch {
    return { ok: false, error: "damaged", storageKey: row.storageKey, reason: "missing" };
  }
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (bytes.length !== row.sizeBytes || sha256 !== row.sha256) {
    return { ok: false, error: "damaged", storageKey: row.storageKey, reason: "checksum" };
  }
  return { ok: true, fileName: row.fileName, mediaType: row.mediaType, bytes };
}
