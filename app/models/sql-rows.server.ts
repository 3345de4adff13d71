// Rows of raw SQL, checked against the columns the code expects instead of
// asserted with `db.all<T>()`: a column alias spelt wrong in the SQL, or a
// column that can be NULL where the code says it cannot, fails at the query with
// the column's name, not three calls later as `undefined`.
//
// The columns are a plain spec, SQLite's own storage classes, rather than a Zod
// schema: the dashboard, task list and scorecard read thousands of rows per
// request, and a loop over a precompiled list of columns costs a fraction of
// what a schema parse does (the numbers: docs/decisions/034-rows-checked-not-asserted.md).
//
// Only the columns a spec names are checked: a shared column list (the status
// columns of `spanStatusColumns`) may select more than one reader needs.
import type Database from "better-sqlite3";
import { fillPlaceholders, type SQLWrapper } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";

/**
 * What a column holds: `integer`, `real` (any number, since SQLite hands back
 * 2.0 as 2), `text`, `boolean` (stored 0/1, returned as false/true), each with a
 * `?` suffix when it may be NULL; or a list of the texts it may hold (a status,
 * a state), typed as their union, with `null` in the list when it may be NULL.
 */
export type ColumnType =
  "integer" | "integer?" | "real" | "real?" | "text" | "text?" | "boolean" | "boolean?" | readonly (string | null)[];

export type Columns = Readonly<Record<string, ColumnType>>;

type BaseValue<T> = T extends "integer" | "real"
  ? number
  : T extends "text"
    ? string
    : T extends "boolean"
      ? boolean
      : never;

type ValueOf<T extends ColumnType> = T extends readonly (infer U)[]
  ? U
  : T extends `${infer Base}?`
    ? BaseValue<Base> | null
    : BaseValue<T>;

/** The row type a spec describes. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: ValueOf<C[K]> };

/** What `db.all`/`db.get` are on a connection and on a transaction alike; a connection has its client. */
interface Reader {
  all(query: SQLWrapper | string): unknown[];
  get(query: SQLWrapper | string): unknown;
  $client?: Database.Database;
}

export class RowCheckError extends Error {
  override name = "RowCheckError";
}

// The kinds of column, as small integers for the switch of the hot loop.
const INTEGER = 0;
const REAL = 1;
const TEXT = 2;
const BOOLEAN = 3;
const ONE_OF = 4;
type Kind = typeof INTEGER | typeof REAL | typeof TEXT | typeof BOOLEAN | typeof ONE_OF;

interface Column {
  name: string;
  kind: Kind;
  nullable: boolean;
  allowed: ReadonlySet<string | null> | null;
  type: ColumnType;
}

// Specs are module-level constants or literals at the call; either way compiling
// one is a few property reads, so there is nothing to gain from caching it.
function compile(columns: Columns): Column[] {
  return Object.entries(columns).map(([name, type]) => {
    if (typeof type !== "string") {
      return { name, kind: ONE_OF, nullable: type.includes(null), allowed: new Set(type), type };
    }
    const nullable = type.endsWith("?");
    const base = nullable ? type.slice(0, -1) : type;
    const kind = base === "integer" ? INTEGER : base === "real" ? REAL : base === "text" ? TEXT : BOOLEAN;
    return { name, kind, nullable, allowed: null, type };
  });
}

const dialect = new SQLiteSyncDialect();

function queryText(query: SQLWrapper | string): string {
  const text = typeof query === "string" ? query : dialect.sqlToQuery(query.getSQL()).sql;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "no such column";
  if (value === null) return "NULL";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function fail(column: Column, value: unknown, source: SQLWrapper | string): never {
  const expected =
    typeof column.type === "string" ? column.type : `one of ${column.type.map((v) => v ?? "NULL").join(", ")}`;
  throw new RowCheckError(
    `Column "${column.name}" should be ${expected}, got ${describeValue(value)}, in: ${queryText(source)}`,
  );
}

// The hot loop: a switch on a small integer per value, booleans rewritten in
// place (the row is a fresh object better-sqlite3 made for this call).
function checkValues(columns: Column[], row: Record<string, unknown>, source: SQLWrapper | string): void {
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const value = row[column.name];
    if (value === null) {
      if (!column.nullable) fail(column, value, source);
      continue;
    }
    switch (column.kind) {
      case INTEGER:
        if (!Number.isInteger(value)) fail(column, value, source);
        break;
      case REAL:
        if (typeof value !== "number") fail(column, value, source);
        break;
      case TEXT:
        if (typeof value !== "string") fail(column, value, source);
        break;
      case BOOLEAN:
        if (value === 1) row[column.name] = true;
        else if (value === 0) row[column.name] = false;
        else fail(column, value, source);
        break;
      case ONE_OF:
        if (!column.allowed!.has(value as string)) fail(column, value, source);
        break;
    }
  }
}

/** Checks rows read some other way (a prepared statement of the raw client) against a spec. */
export function checkedRows<const C extends Columns>(columns: C, raw: unknown[], source: string): RowOf<C>[] {
  const compiled = compile(columns);
  for (const row of raw) checkValues(compiled, row as Record<string, unknown>, source);
  return raw as RowOf<C>[];
}

/** The one row read some other way (a prepared statement of the raw client), checked, or undefined. */
export function checkedRow<const C extends Columns>(columns: C, raw: unknown, source: string): RowOf<C> | undefined {
  return raw === undefined ? undefined : checkedRows(columns, [raw], source)[0];
}

/**
 * Statements prepared on a connection, by their SQL text, most recently used last.
 * Preparing (parsing and planning) took ~2 ms of an uncached dashboard's ~44 (issue #16),
 * and a page runs the same few dozen texts again after every write. Bounded, because a
 * text may carry a value written into it (a list of ids, a day). A statement is run to
 * its end before it is used again (`all`/`get` are synchronous), and SQLite prepares a
 * statement again by itself after a migration changes the schema.
 */
const STATEMENTS_KEPT = 400;
const statementsOf = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function preparedOn(client: Database.Database, text: string): Database.Statement {
  let kept = statementsOf.get(client);
  if (kept === undefined) statementsOf.set(client, (kept = new Map()));
  let statement = kept.get(text);
  if (statement !== undefined) {
    kept.delete(text);
  } else {
    statement = client.prepare(text);
    if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(text, statement);
  return statement;
}

/** Forgets the statements kept on a connection (tests that watch what a connection prepares). */
export function forgetStatements(client: Database.Database): void {
  statementsOf.delete(client);
}

/** `db.all(query)`/`db.get(query)`, through a kept statement on a connection (a transaction reads through its own). */
function read(db: Reader, query: SQLWrapper | string, mode: "all" | "get"): unknown {
  if (db.$client === undefined) return mode === "all" ? db.all(query) : db.get(query);
  const { sql: text, params } =
    typeof query === "string" ? { sql: query, params: [] } : dialect.sqlToQuery(query.getSQL());
  const statement = preparedOn(db.$client, text);
  const values = fillPlaceholders(params, {});
  return mode === "all" ? statement.all(...values) : statement.get(...values);
}

/** Every row of `query`, each checked against `columns`. */
export function allRows<const C extends Columns>(db: Reader, columns: C, query: SQLWrapper | string): RowOf<C>[] {
  const raw = read(db, query, "all") as Record<string, unknown>[];
  const compiled = compile(columns);
  for (const row of raw) checkValues(compiled, row, query);
  return raw as RowOf<C>[];
}

/** The first row of `query`, checked against `columns`, or undefined when there is none. */
export function firstRow<const C extends Columns>(
  db: Reader,
  columns: C,
  query: SQLWrapper | string,
): RowOf<C> | undefined {
  const raw = read(db, query, "get") as Record<string, unknown> | undefined;
  if (raw === undefined) return undefined;
  const compiled = compile(columns);
  checkValues(compiled, raw, query);
  return raw as RowOf<C>;
}
