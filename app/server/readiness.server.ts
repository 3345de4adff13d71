// `/readyz` (docs/deployment.md#health-checks): may this process take traffic? Three
// checks, each cheap enough to run every few seconds and none holding a database lock:
//
// - database: SQLite answers a read, the connection was not opened read-only, the
//   database file (and its WAL) may be written by this process, and a file can be
//   created, written, flushed to disk and removed beside it — what fails when the
//   file system is remounted read-only or the directory loses its permissions. (A
//   real commit would tell more but would make every worker's read cache start over
//   at each probe: docs/decisions/017.)
// - migrations: the newest migration in MIGRATIONS_DIR has been applied (after an
//   upgrade, a server still running the old code is not ready).
// - disk: the database's file system has at least READYZ_MIN_FREE_MB free (default 500).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type AppDatabase } from "../models/db.server";
import { firstRow } from "../models/sql-rows.server";

export type CheckResult = { ok: true; detail?: string } | { ok: false; problem: string };

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: CheckResult; disk: CheckResult };
}

export const DEFAULT_MIN_FREE_MB = 500;

export function minimumFreeMegabytes(env: Record<string, string | undefined> = process.env): number {
  const raw = (env.READYZ_MIN_FREE_MB ?? "").trim();
  if (raw === "") return DEFAULT_MIN_FREE_MB;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`READYZ_MIN_FREE_MB must be a number of megabytes; got ${env.READYZ_MIN_FREE_MB}`);
  }
  return value;
}

function message(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function checkDatabase(db: AppDatabase, file: string): CheckResult {
  try {
    db.get(sql`SELECT 1`);
    if (db.$client.readonly) return { ok: false, problem: "opened read-only" };
    for (const each of [file, `${file}-wal`]) {
      if (fs.existsSync(each)) fs.accessSync(each, fs.constants.W_OK);
    }
    const probe = path.join(path.dirname(file), `.readyz-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
    const fd = fs.openSync(probe, "wx");
    try {
      fs.writeSync(fd, "ready?\n");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: `not writable (${message(error)})` };
  }
}

function checkMigrations(db: AppDatabase): CheckResult {
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
      entries: { when: number; tag: string }[];
    };
    const newest = journal.entries.reduce((a, b) => (b.when > a.when ? b : a));
    const applied = firstRow(db, { at: "integer?" }, sql`SELECT max(created_at) AS at FROM __drizzle_migrations`);
    if (applied?.at !== null && applied?.at !== undefined && Number(applied.at) >= newest.when) {
      return { ok: true, detail: newest.tag };
    }
    return { ok: false, problem: `${newest.tag} not applied` };
  } catch (error) {
    return { ok: false, problem: message(error) };
  }
}

function checkDisk(file: string, minimumMb: number): CheckResult {
  try {
    const stats = fs.statfsSync(path.dirname(file));
    const freeMb = Math.floor((stats.bavail * stats.bsize) / 1024 / 1024);
    if (freeMb >= minimumMb) return { ok: true, detail: `${freeMb} MB free` };
    return { ok: false, problem: `${freeMb} MB free, below ${minimumMb} MB` };
  } catch (error) {
    return { ok: false, problem: message(error) };
  }
}

export function readiness(db: AppDatabase, env: Record<string, string | undefined> = process.env): Readiness {
  const file = db.$client.name;
  const checks = {
    database: checkDatabase(db, file),
    migrations: checkMigrations(db),
    disk: checkDisk(file, minimumFreeMegabytes(env)),
  };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
