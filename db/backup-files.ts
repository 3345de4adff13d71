// Shared by db/backup.ts and db/restore.ts (and their tests): take an online
// backup, check one, and prune old ones.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../app/models/db.server";

/** better-sqlite3's largest page count per backup step: "everything that is left". */
const ALL_PAGES = 0x7fffffff;

export interface BackupCheck {
  ok: boolean;
  problems: string[];
}

/**
 * Opens a backup read-only and checks it: `PRAGMA integrity_check` must say "ok"
 * and `PRAGMA foreign_key_check` must find nothing. A file that is not a SQLite
 * database at all is reported, not thrown.
 */
export function verifyBackup(file: string): BackupCheck {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist`] };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((message) => message !== "ok");
    const foreignKeys = db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    for (const row of foreignKeys.slice(0, 20)) {
      problems.push(`foreign key: ${row.table} row ${row.rowid} points to a missing ${row.parent}`);
    }
    if (foreignKeys.length > 20) problems.push(`… and ${foreignKeys.length - 20} more foreign key problems`);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  } finally {
    db?.close();
  }
}

/**
 * A consistent copy of a live database through SQLite's online backup API. All
 * pages are copied in one step, under one read snapshot (WAL: the server keeps
 * writing meanwhile; its commits after the snapshot are simply not in the copy).
 * In small steps, every write by another connection would restart the copy and a
 * busy server could starve it. Written to a temporary name and renamed, so a
 * failed backup never leaves a half file.
 */
export async function backupDatabase(source: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  // A backup is one self-contained file: rollback journal, no -wal/-shm beside it.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  fs.renameSync(partial, target);
}

/**
 * The backups that share `file`'s name pattern in its directory: the same stem
 * and extension around a timestamp, e.g. `app-2026-03-16T0800.db` for
 * `app-{stamp}.db`, or `app.db.1`… Files are matched as `<stem>*<ext>`.
 */
export function siblingBackups(file: string): string[] {
  const dir = path.dirname(file);
  const { stem, ext } = namePattern(file);
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(stem) && name.endsWith(ext) && !name.endsWith(".partial"))
    .map((name) => path.join(dir, name))
    .filter((full) => fs.statSync(full).isFile());
}

/** The part of a backup name before its first digit, and its extension: `app-2026….db` → `app-`, `.db`. */
export function namePattern(file: string): { stem: string; ext: string } {
  const base = path.basename(file);
  const ext = path.extname(base);
  const name = base.slice(0, base.length - ext.length);
  const firstDigit = name.search(/\d/);
  return { stem: firstDigit === -1 ? name : name.slice(0, firstDigit), ext };
}

/** Deletes all but the newest `keep` backups of the pattern (newest by modification time, then name). */
export function pruneBackups(file: string, keep: number): string[] {
  const backups = siblingBackups(file)
    .map((full) => ({ full, mtime: fs.statSync(full).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.full.localeCompare(a.full));
  const removed = backups.slice(keep).map((b) => b.full);
  for (const full of removed) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(full + suffix, { force: true });
  }
  return removed;
}

/** `2026-03-16T08-00-00` (UTC), safe in file names on every system. */
export function fileTimestamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19).replaceAll(":", "-");
}

export interface RestoreResult {
  /** The database as it was before the restore (its -wal and -shm beside it, if there were any). */
  safetyCopy: string | null;
}

/**
 * Puts a verified backup in place of `target` (the server must be stopped): the
 * current file, with its -wal and -shm, is first copied aside as
 * `<target>.before-restore-<stamp>`; then the backup is copied in (through a
 * temporary name and a rename) and migrated to the current schema.
 * Throws, changing nothing, when the backup fails its check.
 */
export function restoreDatabase(backup: string, target: string, now: Date = new Date()): RestoreResult {
  const check = verifyBackup(backup);
  if (!check.ok) throw new Error(`${backup} is not a sound backup:\n  ${check.problems.join("\n  ")}`);
  let safetyCopy: string | null = null;
  if (fs.existsSync(target)) {
    safetyCopy = `${target}.before-restore-${fileTimestamp(now)}`;
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(target + suffix)) fs.copyFileSync(target + suffix, safetyCopy + suffix);
    }
  }
  const partial = `${target}.restoring`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(backup, partial);
  // A WAL left from the old file must not be replayed onto the restored one.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(partial, target);
  openDatabase(target).$client.close(); // migrates
  return { safetyCopy };
}
