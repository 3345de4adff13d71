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
// them. The rendered page of a route whose data came from here is kept too
// (`keepPage`, by app/entry.server.tsx), named by what it was rendered from: the
// URL, the root loader's data (who, the unread badge, the language), the data
// version and the day. Same names ⇒ the same HTML but for the CSP nonce, which is
// put back per response. The page cache in front of Remix
// (app/server/page-cache.server.ts) finds it by those names before any loader runs.
import { LRUCache } from "lru-cache";
import { today } from "../domain/dates";
import type { Actor } from "../domain/permissions";
import type { AppDatabase } from "../models/db.server";
import { deflateParts, gzipJoined, type DeflatedParts } from "../lib/gzip-parts.server";
import { timedRead } from "../lib/server-timing.server";

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

/** Cached answers by key (the data version is added here), and the data version and day each was computed for. */
const answers = new LRUCache<string, object>({ max: 200 });
const stampOfValue = new WeakMap<object, string>();

/**
 * `compute()`'s answer for `key` and the current data, computed once per data
 * version. `compute` must depend only on the data and on what `key` names; an
 * error it throws (a 404, a 400) is not kept.
 */
export function cachedRead<T extends object>(db: AppDatabase, key: string, compute: () => T): T {
  // Inside a transaction the rows read may yet be rolled back (and the version would not show it): never keep.
  if (db.$client.inTransaction) return compute();
  // The day is part of every key: "today" moves the figures (and the years a menu offers) without a write.
  const stamp = `${databaseVersion(db)}\u0000${today()}`;
  const fullKey = `${stamp}\u0000${key}`;
  const found = answers.get(fullKey);
  if (found !== undefined) return found as T;
  const value = timedRead(compute);
  answers.set(fullKey, value);
  stampOfValue.set(value, stamp);
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

/** The data version and day an answer of `cachedRead` was computed for, or undefined for any other value. */
export function answerStamp(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? stampOfValue.get(value) : undefined;
}

// ---------------------------------------------------------------- rendered pages

/**
 * A kept page: its headers, and its bytes (UTF-8) cut where the nonce was. A hit is
 * those bytes and the response's nonce copied into one buffer: no string to join and
 * encode again (for the 300-department scorecard, about a megabyte, that was 9 ms a hit)
 * — and, for a client that takes gzip, the parts compressed once, at the first hit, so
 * that no hit runs the compressor (app/lib/gzip-parts.server.ts).
 */
export interface KeptPage {
  readonly headers: readonly (readonly [string, string])[];
  readonly parts: readonly Buffer[];
  deflated?: DeflatedParts;
}

const PAGE_BYTES = 64 * 1024 * 1024;
// A page larger than the whole budget is not kept (lru-cache's maxEntrySize defaults to maxSize).
const pages = new LRUCache<string, KeptPage>({
  maxSize: PAGE_BYTES,
  sizeCalculation: (page) =>
    Math.max(
      1,
      page.parts.reduce((sum, part) => sum + part.length, 0),
    ),
});
/** The paths that have had a page kept: the page cache looks up nothing else, so other pages cost it nothing. */
const keptPaths = new Set<string>();

/** A page's name: everything its HTML was rendered from but the nonce. */
function pageKey(url: URL, root: unknown, stamp: string): string {
  // The path and query only: the host a client names must not make (or evict) other entries.
  return `${url.pathname}${url.search}\u0000${JSON.stringify(root) ?? ""}\u0000${stamp}`;
}

/**
 * The name to keep a rendered page under, or null when it may not be kept: only a 200
 * whose every route below the root answered from `cachedRead` (the page opted in), all
 * for the same data version and day, so that the URL, the root's data and that stamp
 * determine it. `routeData` is in the order of the matched routes, the root first.
 */
export function renderedPageKey(url: URL, status: number, routeData: readonly unknown[]): string | null {
  const [root, ...routes] = routeData;
  if (status !== 200 || routes.length === 0) return null;
  const stamp = answerStamp(routes[0]);
  if (stamp === undefined || routes.some((data) => answerStamp(data) !== stamp)) return null;
  return pageKey(url, root, stamp);
}

/** The name of the page a request asks for as of now: its URL and root data, the data version and the day. */
export function requestedPageKey(db: AppDatabase, url: URL, root: unknown): string {
  return pageKey(url, root, `${databaseVersion(db)}\u0000${today()}`);
}

/** Whether a page at this path has ever been kept (cheap: the page cache asks it of every GET). */
export function mayHaveKeptPage(url: URL): boolean {
  return keptPaths.has(url.pathname);
}

export function keptPage(key: string): KeptPage | undefined {
  return pages.get(key);
}

/** Keeps a rendered page with its headers, split at its nonce (never empty: without a nonce nothing is kept). */
export function keepPage(key: string, url: URL, headers: Headers, html: string, nonce: string): void {
  if (nonce === "") return;
  const kept = [...headers].filter(([name]) => name !== "set-cookie");
  pages.set(key, { headers: kept, parts: html.split(nonce).map((part) => Buffer.from(part, "utf8")) });
  keptPaths.add(url.pathname);
}

/** A kept page's bytes with this response's nonce where the rendering's was. */
export function pageBytes(page: KeptPage, nonce: string): Buffer {
  const nonceBytes = Buffer.from(nonce, "utf8");
  return Buffer.concat(page.parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
}

/** The same, gzipped (`Content-Encoding: gzip`): the parts compressed at the first hit, the nonce stored between them. */
export function gzippedPageBytes(page: KeptPage, nonce: string): Buffer {
  page.deflated ??= deflateParts(page.parts);
  return gzipJoined(page.deflated, Buffer.from(nonce, "utf8"));
}

/** Forgets every cached answer and page (tests). */
export function clearReadCache(): void {
  answers.clear();
  pages.clear();
  keptPaths.clear();
}
