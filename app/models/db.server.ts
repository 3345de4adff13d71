// The one database connection of the process (embedded SQLite via better-sqlite3).
//
// Settings (see docs/decisions/002-sqlite-settings.md):
// - WAL: readers never block the writer and the writer never blocks readers.
// - busy_timeout 5 s: a second writer (another process, the backup job) waits
//   instead of failing with SQLITE_BUSY.
// - foreign_keys ON: SQLite leaves them off unless asked, per connection.
// - synchronous FULL (default; SQLITE_SYNCHRONOUS=NORMAL to relax): a write the
//   app has acknowledged survives a power cut, not only a process crash.
// - mmap_size 4 GiB: reads of a large file without a system call per page.
// - Write transactions BEGIN IMMEDIATE (`writeTransaction`): they take the write
//   lock up front, so two writers queue on busy_timeout instead of one failing
//   mid-transaction when it upgrades a read lock.
// - SQLITE_WAL_AUTOCHECKPOINT (unset: SQLite's 1000 pages) for when Litestream
//   takes over checkpointing (docs/decisions/015-outgrowing-one-machine.md).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";
import { refreshTaskStatusFacts } from "./status-facts.server";

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type WriteTransaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_URL = "file:./data/app.db";
const SYNCHRONOUS_MODES = ["FULL", "NORMAL", "EXTRA"] as const;
/** Address space for the memory map (not memory used: the OS pages the file in as it is read). */
const MMAP_BYTES = 4 * 1024 ** 3;

/** `file:./data/app.db`, `file:/abs/path.db` or a plain path → a file path. */
export function databasePath(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): string {
  const withoutScheme = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (withoutScheme === "" || withoutScheme.includes("?")) {
    throw new Error(`DATABASE_URL must name a SQLite file, e.g. ${DEFAULT_DATABASE_URL}; got ${url}`);
  }
  return path.resolve(withoutScheme);
}

export function migrationsFolder(): string {
  return path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");
}

export function openDatabase(file: string = databasePath(), options: { migrate?: boolean } = {}): AppDatabase {
  const synchronous = (process.env.SQLITE_SYNCHRONOUS ?? "FULL").toUpperCase();
  if (!SYNCHRONOUS_MODES.includes(synchronous as (typeof SYNCHRONOUS_MODES)[number])) {
    throw new Error(`SQLITE_SYNCHRONOUS must be one of ${SYNCHRONOUS_MODES.join(", ")}; got ${synchronous}`);
  }
  const autocheckpoint = process.env.SQLITE_WAL_AUTOCHECKPOINT || null;
  if (autocheckpoint !== null && !/^\d+$/.test(autocheckpoint)) {
    throw new Error(`SQLITE_WAL_AUTOCHECKPOINT must be a number of pages (0: never); got ${autocheckpoint}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("busy_timeout = 5000");
  client.pragma("foreign_keys = ON");
  client.pragma(`synchronous = ${synchronous}`);
  if (autocheckpoint !== null) client.pragma(`wal_autocheckpoint = ${Number(autocheckpoint)}`);
  // Pages read through a memory map rather than one read() each: at a million tasks
  // the file is ~3 GB and the dashboards' lookups touch pages all over it.
  client.pragma(`mmap_size = ${MMAP_BYTES}`);
  const database = drizzle({ client, schema }) as AppDatabase;
  if (options.migrate ?? true) migrate(database, { migrationsFolder: migrationsFolder() });
  return database;
}

/**
 * Runs `work` in a transaction that takes the write lock at BEGIN (IMMEDIATE).
 * Before it commits, the derived status facts of the tasks the work changed are
 * brought up to date in the same transaction (app/models/status-facts.server.ts).
 */
export function writeTransaction<T>(database: AppDatabase, work: (tx: WriteTransaction) => T): T {
  const outermost = committed === null;
  if (outermost) committed = [];
  let ready: ((database: AppDatabase) => void)[] = [];
  try {
    const result = database.transaction(
      (tx) => {
        const result = work(tx);
        refreshTaskStatusFacts(database.$client);
        return result;
      },
      { behavior: "immediate" },
    );
    if (outermost) ready = committed ?? [];
    return result;
  } finally {
    if (outermost) {
      committed = null;
      for (const run of ready) run(database);
    }
  }
}

/** What the write transaction under way asked to run once it has committed (discarded if it rolls back). */
let committed: ((database: AppDatabase) => void)[] | null = null;

/**
 * Runs `run` once the write transaction under way (`writeTransaction`, outermost) has
 * committed, with its database; never if it rolls back. The one hook for what must
 * wait for the commit, such as sending the e-mails the transaction queued.
 */
export function afterCommit(run: (database: AppDatabase) => void): void {
  if (committed === null) throw new Error("afterCommit outside a write transaction");
  committed.push(run);
}

// One connection per process, kept across dev-server module reloads.
const globalForDb = globalThis as unknown as { __appDb?: AppDatabase };

/** The process's connection, opened (and migrated, unless `migrate: false`) on first use. */
export function getDb(options: { migrate?: boolean } = {}): AppDatabase {
  globalForDb.__appDb ??= openDatabase(databasePath(), options);
  return globalForDb.__appDb;
}

/** Closes the process's connection, after the writes still waiting for it (`deferWrite`). */
export function closeDb(): void {
  if (globalForDb.__appDb) runDeferredWrites(globalForDb.__appDb);
  globalForDb.__appDb?.$client.close();
  globalForDb.__appDb = undefined;
}

// ---------------------------------------------------------------- writes after the answer

/**
 * How long a deferred write may wait: short, since a crash (SIGKILL) loses what is
 * still waiting; long enough that a burst of them shares one commit.
 */
const DEFERRED_WRITE_MS = 200;
const pendingWrites = new Map<AppDatabase, ((tx: WriteTransaction) => void)[]>();
let deferredTimer: NodeJS.Timeout | null = null;

/**
 * A small write the answer need not wait for: run shortly after, together with the
 * others waiting (one IMMEDIATE transaction, one commit), and at the latest when the
 * connection closes. For writes whose cost must not show in the answer's timing:
 * the refusal of a hidden record is audited without its commit making the answer
 * slower than for a record that does not exist (app/server/auth.server.ts).
 */
export function deferWrite(database: AppDatabase, work: (tx: WriteTransaction) => void): void {
  const queue = pendingWrites.get(database);
  if (queue) queue.push(work);
  else pendingWrites.set(database, [work]);
  deferredTimer ??= setTimeout(() => runDeferredWrites(), DEFERRED_WRITE_MS);
}

/**
 * Runs the deferred writes now (of one connection, or all). A failure is logged with
 * what was lost: it runs after the answer, so there is no request to fail.
 */
export function runDeferredWrites(database?: AppDatabase): void {
  for (const [db, queue] of [...pendingWrites]) {
    if (database !== undefined && db !== database) continue;
    pendingWrites.delete(db);
    try {
      writeTransaction(db, (tx) => {
        for (const work of queue) work(tx);
      });
    } catch (error) {
      console.error(`${queue.length} deferred write(s) were lost:`, error);
    }
  }
  if (pendingWrites.size === 0 && deferredTimer !== null) {
    clearTimeout(deferredTimer);
    deferredTimer = null;
  }
}
