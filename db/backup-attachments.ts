// The attachment files that go with a database backup (db/backup.ts) or come back
// with a restore (db/restore.ts). Attachments are never changed or deleted by the
// app, so one `attachments/` folder beside the backups serves every backup in that
// folder: each run copies only the files it does not have yet, checking each
// against the SHA-256 recorded in the database, written under a temporary name and
// renamed. The list of files comes from the backup's own `attachments` table, so
// the folder holds at least what the database backup refers to.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { storedFilePath } from "../app/models/attachments.server";

export interface AttachmentCopy {
  /** Attachments the database refers to. */
  total: number;
  copied: number;
  bytesCopied: number;
  /** Already in the target folder with the recorded size. */
  present: number;
  /** Files missing from the source folder or not matching their SHA-256: not copied. */
  problems: string[];
}

/**
 * Copies the files of the attachments recorded in `databaseFile` from the folder
 * `from` to the folder `to`, skipping those already there. Never throws for a
 * missing or altered source file: it is listed in `problems`.
 */
export function copyAttachments(databaseFile: string, from: string, to: string): AttachmentCopy {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  let rows: { id: number; storageKey: string; sha256: string; sizeBytes: number }[];
  try {
    rows = db
      .prepare(`SELECT id, storage_key AS storageKey, sha256, size_bytes AS sizeBytes FROM attachments ORDER BY id`)
      .all() as typeof rows;
  } finally {
    db.close();
  }
  const result: AttachmentCopy = { total: rows.length, copied: 0, bytesCopied: 0, present: 0, problems: [] };
  for (const row of rows) {
    if (!/^[0-9a-f]{32}$/.test(row.storageKey)) {
      result.problems.push(`attachment ${row.id}: not a storage key: ${row.storageKey}`);
      continue;
    }
    const target = storedFilePath(row.storageKey, to);
    if (fs.existsSync(target) && fs.statSync(target).size === row.sizeBytes) {
      result.present += 1;
      continue;
    }
    const source = storedFilePath(row.storageKey, from);
    if (!fs.existsSync(source)) {
      result.problems.push(`attachment ${row.id}: ${source} is missing`);
      continue;
    }
    const bytes = fs.readFileSync(source);
    if (crypto.createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
      result.problems.push(`attachment ${row.id}: ${source} does not match its recorded SHA-256`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    const fd = fs.openSync(partial, "w", 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    result.copied += 1;
    result.bytesCopied += bytes.length;
  }
  return result;
}

/** One line for the command's output. */
export function describeCopy(copy: AttachmentCopy, to: string): string {
  if (copy.total === 0) return "No attachments to copy.";
  const megabytes = (copy.bytesCopied / 1e6).toFixed(1);
  return `Attachments: ${copy.total} in the database; ${copy.copied} copied (${megabytes} MB), ${copy.present} already in ${to}.`;
}
