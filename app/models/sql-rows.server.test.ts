import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { allRows, checkedRow, firstRow, forgetStatements, RowCheckError } from "./sql-rows.server";

const client = new Database(":memory:");
const db = drizzle(client);

beforeAll(() => {
  client.exec(`
    CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, weight REAL, done INTEGER NOT NULL,
      state TEXT NOT NULL);
    INSERT INTO things VALUES (1, 'một', NULL, 2.5, 1, 'open'), (2, 'hai', 'ghi chú', 3, 0, 'closed');
  `);
});

const THING = {
  id: "integer",
  name: "text",
  note: "text?",
  weight: "real?",
  done: "boolean",
  state: ["open", "closed"],
} as const;

describe("allRows and firstRow", () => {
  it("return the rows that match the spec, booleans read from 0/1", () => {
    expect(allRows(db, THING, sql`SELECT * FROM things ORDER BY id`)).toEqual([
      { id: 1, name: "một", note: null, weight: 2.5, done: true, state: "open" },
      { id: 2, name: "hai", note: "ghi chú", weight: 3, done: false, state: "closed" },
    ]);
    expect(firstRow(db, { n: "integer" }, sql`SELECT count(*) AS n FROM things`)).toEqual({ n: 2 });
    expect(firstRow(db, { id: "integer" }, sql`SELECT id FROM things WHERE id = ${99}`)).toBeUndefined();
    expect(allRows(db, { id: "integer" }, sql`SELECT id FROM things WHERE id = ${99}`)).toEqual([]);
  });

  it("refuse a misspelt alias, naming the column and the query", () => {
    const query = sql`SELECT id, name AS nmae FROM things`;
    expect(() => allRows(db, { id: "integer", name: "text" }, query)).toThrow(RowCheckError);
    expect(() => allRows(db, { id: "integer", name: "text" }, query)).toThrow(
      'Column "name" should be text, got no such column, in: SELECT id, name AS nmae FROM things',
    );
  });

  it("refuse a value of another type", () => {
    expect(() => firstRow(db, { weight: "integer" }, sql`SELECT weight FROM things WHERE id = 1`)).toThrow(
      'Column "weight" should be integer, got number 2.5',
    );
    expect(() => firstRow(db, { id: "text" }, sql`SELECT id FROM things WHERE id = 1`)).toThrow(
      'Column "id" should be text, got number 1',
    );
    expect(() => firstRow(db, { name: "real" }, sql`SELECT name FROM things WHERE id = 1`)).toThrow(
      'Column "name" should be real, got string "một"',
    );
    expect(() => firstRow(db, { state: ["open"] }, sql`SELECT state FROM things WHERE id = 2`)).toThrow(
      'Column "state" should be one of open, got string "closed"',
    );
  });

  it("refuse NULL unless the column may be NULL", () => {
    expect(() => allRows(db, { note: "text" }, sql`SELECT note FROM things ORDER BY id`)).toThrow(
      'Column "note" should be text, got NULL',
    );
    expect(firstRow(db, { note: ["x", null] }, sql`SELECT note FROM things WHERE id = 1`)).toEqual({ note: null });
    expect(firstRow(db, { done: "boolean?" }, sql`SELECT NULL AS done`)).toEqual({ done: null });
  });

  it("read a boolean only from 0 or 1", () => {
    expect(() => firstRow(db, { done: "boolean" }, sql`SELECT 2 AS done`)).toThrow(
      'Column "done" should be boolean, got number 2',
    );
    expect(() => firstRow(db, { done: "boolean" }, sql`SELECT 'yes' AS done`)).toThrow(RowCheckError);
  });

  it("check a prepared statement's row the same way", () => {
    const query = "SELECT max(id) AS hi FROM things WHERE id > 5";
    expect(checkedRow({ hi: "integer?" }, client.prepare(query).get(), query)).toEqual({ hi: null });
    expect(() => checkedRow({ hi: "integer" }, client.prepare(query).get(), query)).toThrow(
      `Column "hi" should be integer, got NULL, in: ${query}`,
    );
  });
});

describe("the statements a connection keeps prepared", () => {
  /** How many statements `work` prepares on the client. */
  function preparedDuring(work: () => void): string[] {
    const original = client.prepare;
    const prepared: string[] = [];
    client.prepare = function (this: typeof client, source: string) {
      prepared.push(source);
      return original.call(this, source);
    } as typeof client.prepare;
    try {
      work();
    } finally {
      client.prepare = original;
    }
    return prepared;
  }

  it("prepares a text once and runs it again with other values", () => {
    forgetStatements(client);
    const name = (id: number) => firstRow(db, { name: "text" }, sql`SELECT name FROM things WHERE id = ${id}`)?.name;
    const prepared = preparedDuring(() => {
      expect(name(1)).toBe("một");
      expect(name(2)).toBe("hai");
      expect(allRows(db, { id: "integer" }, sql`SELECT id FROM things WHERE id = ${2}`)).toEqual([{ id: 2 }]);
      expect(allRows(db, { id: "integer" }, sql`SELECT id FROM things WHERE id = ${1}`)).toEqual([{ id: 1 }]);
    });
    expect(prepared).toEqual(["SELECT name FROM things WHERE id = ?", "SELECT id FROM things WHERE id = ?"]);
  });

  it("keeps a bounded number, forgetting the least recently used", () => {
    forgetStatements(client);
    const count = (n: number) => firstRow(db, { n: "integer" }, `SELECT count(*) + ${n} AS n FROM things`)!.n;
    const prepared = preparedDuring(() => {
      for (let n = 0; n <= 400; n++) expect(count(n)).toBe(2 + n); // one more than are kept
      expect(count(400)).toBe(402); // the newest: still kept
      expect(count(0)).toBe(2); // the oldest: prepared again
    });
    expect(prepared.length).toBe(402);
  });

  it("still reads right after the schema changed under a kept statement", () => {
    forgetStatements(client);
    const query = sql`SELECT * FROM scratch ORDER BY id`;
    client.exec(`CREATE TABLE scratch (id INTEGER PRIMARY KEY)`);
    client.exec(`INSERT INTO scratch VALUES (1)`);
    expect(allRows(db, { id: "integer" }, query)).toEqual([{ id: 1 }]);
    client.exec(`ALTER TABLE scratch ADD COLUMN label TEXT NOT NULL DEFAULT 'x'`);
    expect(allRows(db, { id: "integer", label: "text" }, query)).toEqual([{ id: 1, label: "x" }]);
    client.exec(`DROP TABLE scratch`);
  });
});
