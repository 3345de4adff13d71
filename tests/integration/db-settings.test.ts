// The connection settings the durability and two-writer guarantees rest on
// (docs/decisions/002 and 015; tests/e2e/durability.e2e.ts, two-writers.e2e.ts).
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/models/db.server";
import { freshDatabaseFile } from "../setup/database";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function pragmas(file: string) {
  const db = openDatabase(file, { migrate: false });
  try {
    const get = (name: string) => db.$client.pragma(name, { simple: true });
    return {
      journalMode: get("journal_mode"),
      busyTimeout: get("busy_timeout"),
      foreignKeys: get("foreign_keys"),
      synchronous: get("synchronous"),
      autocheckpoint: get("wal_autocheckpoint"),
    };
  } finally {
    db.$client.close();
  }
}

describe("the database connection", () => {
  it("uses WAL, waits 5 s for a lock, checks foreign keys and fsyncs every commit (FULL)", () => {
    delete process.env.SQLITE_SYNCHRONOUS;
    delete process.env.SQLITE_WAL_AUTOCHECKPOINT;
    expect(pragmas(freshDatabaseFile())).toEqual({
      journalMode: "wal",
      busyTimeout: 5000,
      foreignKeys: 1,
      synchronous: 2,
      autocheckpoint: 1000,
    });
  });

  it("takes SQLITE_SYNCHRONOUS and SQLITE_WAL_AUTOCHECKPOINT (Litestream), and refuses nonsense", () => {
    process.env.SQLITE_SYNCHRONOUS = "normal";
    process.env.SQLITE_WAL_AUTOCHECKPOINT = "0";
    expect(pragmas(freshDatabaseFile())).toMatchObject({ synchronous: 1, autocheckpoint: 0 });
    process.env.SQLITE_WAL_AUTOCHECKPOINT = "-1";
    expect(() => pragmas(freshDatabaseFile())).toThrow(/SQLITE_WAL_AUTOCHECKPOINT/);
    process.env.SQLITE_WAL_AUTOCHECKPOINT = "";
    process.env.SQLITE_SYNCHRONOUS = "OFF";
    expect(() => pragmas(freshDatabaseFile())).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});
