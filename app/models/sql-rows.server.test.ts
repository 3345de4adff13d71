import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { allRows, checkedRow, firstRow, RowCheckError } from "./sql-rows.server";

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
