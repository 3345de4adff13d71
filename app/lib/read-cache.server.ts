// Answers computed from the database, kept until the data they are computed from
// changes (docs/decisions/017-read-cache.md).
//
// A key names everything an answer depends on besides the data (who looks, the
// filters, the as-of day, the language); `databaseVersion` names the data: the
// `data_version` row, which triggers bump on every write to a table pages read,
// whoever writes (this process, another worker, `npm run reminders` from cron, the
// sqlite3 shell), and not on bookkeeping — a sign-in, a session's last-seen time, an
// audit event, a notification — so real use (people signing in and reading) does not
// throw the answers away. So an answer is never stale: a write to the data makes the
// next read compute afresh. The clock is not data: the day (Asia/Ho_Chi_Minh) is
// added to every key, so the figures of "today" move at midnight.
//
// Values handed out are shared by every request with the same key: never mutate
// them. The rendered document of a page whose data came from here is kept too
// (`cachedDocument` / `keepDocument`, used by app/entry.server.tsx): same data,
// same URL, same root data (user, unread badge, language) ⇒ the same HTML but for
// the CSP nonce, which is put back per response.
import { LRUCache } from "lru-cache";
import { today } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { AppDatabase } from "./db.server";
import { timedRead } from "./server-timing.server";

interface VersionStatement {
  get(): { version: number } | undefined;
}
/** Per connection: a number told apart from every other connection's, and the statement reading the version. */
const connections = new WeakMap<object, { id: number; statement: VersionStatement }>();
let nextConnectionId = 1;

/**
 * The version of the data pages read (migration 0017's `data_version`), and which
 * connection read it: equal strings ⇒ no page's data changed in between. Cheap: one
 * prepared statement reading one row.
 */
export function databaseVersion(db: AppDatabase): string {
  const client = db.$client;
  let connection = connections.get(client);
  if (connection === undefined) {
    const statement = client.prepare("SELECT version FROM data_version WHERE id = 1") as unknown as VersionStatement;
    connections.set(client, (connection = { id: nextConnectionId++, statement }));
  }
  return `${connection.id}.${connection.statement.get()?.version ?? 0}`;
}

/** Cached answers by key (the data version is added here), and which key each value was cached under. */
const answers = new LRUCache<string, object>({ max: 200 });
const keyOfValue = new WeakMap<object, string>();

/**
 * `compute()`'s answer for `key` and the current data, computed once per data
 * version. `compute` must depend only on the data and on what `key` names; an
 * error it throws (a 404, a 400) is not kept.
 */
export function cachedRead<T extends object>(db: AppDatabase, key: string, compute: () => T): T {
  // Inside a transaction the rows read may yet be rolled back (and the version would not show it): never keep.
  if (db.$client.inTransaction) return compute();
  // The day is part of every key: "today" moves the figures (and the years a menu offers) without a write.
  const fullKey = `${databaseVersion(db)}\u0000${today()}\u0000${key}`;
  const found = answers.get(fullKey);
  if (found !== undefined) return found as T;
  const value = timedRead(compute);
  answers.set(fullKey, value);
  keyOfValue.set(value, fullKey);
  return value;
}

/**
 * A page's answer shared by every user who sees the same tasks: what visibility
 * depends on (app/models/visibility.server.ts) — the role and the department — is
 * part of the key, and `compute` gets a viewer with just those and no user id (0:
 * no one), so a rule that looked at the id would see nobody's tasks rather than
 * the first requester's. `parts` name everything else the answer depends on.
 */
export function sharedRead<T extends object>(
  db: AppDatabase,
  user: Actor,
  parts: readonly unknown[],
  compute: (viewer: Actor) => T,
): T {
  const viewer: Actor = { id: 0, role: user.role, departmentId: user.departmentId };
  return cachedRead(db, JSON.stringify([viewer.role, viewer.departmentId, ...parts]), () => compute(viewer));
}

/** The key a value was cached under by `cachedRead`, or undefined when it was not. */
export function cachedReadKey(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? keyOfValue.get(value) : undefined;
}

// ---------------------------------------------------------------- rendered documents

/**
 * The document as UTF-8 bytes, cut where the nonce was. A hit is those bytes and the
 * response's nonce copied into one buffer: no string to join and encode again (for the
 * 300-department scorecard, about a megabyte, that was 9 ms a hit).
 */
export type DocumentParts = readonly Buffer[];

const DOCUMENT_BYTES = 64 * 1024 * 1024;
// A document larger than the whole budget is not kept (lru-cache's maxEntrySize defaults to maxSize).
const documents = new LRUCache<string, DocumentParts>({
  maxSize: DOCUMENT_BYTES,
  sizeCalculation: (parts) =>
    Math.max(
      1,
      parts.reduce((sum, part) => sum + part.length, 0),
    ),
});

/**
 * The key of a rendered document, or null when it may not be kept: kept only for
 * a 200 whose route data includes an answer of `cachedRead` (the page opted in),
 * the others' data small enough to name in the key (the root's user, badge and
 * language). `routeData` is in the order of the matched routes.
 */
export function documentKey(url: URL, status: number, routeData: readonly unknown[]): string | null {
  if (status !== 200 || !routeData.some((data) => cachedReadKey(data) !== undefined)) return null;
  const parts = routeData.map((data) => cachedReadKey(data) ?? JSON.stringify(data) ?? "");
  // The path and query only: the host a client names must not make (or evict) other entries.
  return `${url.pathname}${url.search}\u0000${parts.join("\u0000")}`;
}

export function cachedDocument(key: string): DocumentParts | undefined {
  return documents.get(key);
}

/** Keeps a rendered document, split at its nonce (never empty: without a nonce nothing is kept). */
export function keepDocument(key: string, html: string, nonce: string): void {
  if (nonce === "") return;
  documents.set(
    key,
    html.split(nonce).map((part) => Buffer.from(part, "utf8")),
  );
}

/** A kept document's bytes with this response's nonce where the rendering's was. */
export function documentBytes(parts: DocumentParts, nonce: string): Uint8Array<ArrayBuffer> {
  const nonceBytes = Buffer.from(nonce, "utf8");
  const bytes = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** Forgets every cached answer and document (tests). */
export function clearReadCache(): void {
  answers.clear();
  documents.clear();
}
