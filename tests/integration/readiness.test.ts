// `/readyz`'s checks (app/server/readiness.server.ts) on real database files: ready when
// the file is writable, migrated and the disk has room; each failing check says why.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { readiness } from "../../app/server/readiness.server";
import { freshDatabase, freshDatabaseFile } from "../setup/database";

const savedMigrationsDir = process.env.MIGRATIONS_DIR;
afterEach(() => {
  if (savedMigrationsDir === undefined) delete process.env.MIGRATIONS_DIR;
  else process.env.MIGRATIONS_DIR = savedMigrationsDir;
});

describe("readiness", () => {
  it("is ready on a migrated, writable database with room on its disk, and leaves no probe file behind", () => {
    const db = freshDatabase();
    const dir = path.dirname(db.$client.name);
    const before = fs.readdirSync(dir).length;
    const report = readiness(db, {});
    expect(report.ready).toBe(true);
    expect(report.checks.database).toEqual({ ok: true });
    expect(report.checks.migrations.ok).toBe(true);
    expect(report.checks.disk.ok).toBe(true);
    expect(fs.readdirSync(dir).length).toBe(before);
    db.$client.close();
  });

  it("is not ready on a connection that cannot write", () => {
    const readOnly = drizzle({ client: new Database(freshDatabaseFile(), { readonly: true }) }) as AppDatabase;
    const report = readiness(readOnly, {});
    expect(report.ready).toBe(false);
    expect(report.checks.database).toEqual({ ok: false, problem: "opened read-only" });
    readOnly.$client.close();
  });

  it("is not ready when the disk has less room than READYZ_MIN_FREE_MB", () => {
    const db = freshDatabase();
    const report = readiness(db, { READYZ_MIN_FREE_MB: String(1024 ** 3) });
    expect(report.ready).toBe(false);
    expect(report.checks.disk).toMatchObject({ ok: false });
    expect(() => readiness(db, { READYZ_MIN_FREE_MB: "lots" })).toThrow(/READYZ_MIN_FREE_MB/);
    db.$client.close();
  });

  it("is not ready while a newer migration than the database's waits (an upgrade not yet started)", () => {
    const db = freshDatabase();
    const dir = fs.mkdtempSync(path.join(path.dirname(db.$client.name), "migrations-"));
    const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as {
      entries: { idx: number; when: number; tag: string }[];
    };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: "9999_next_release" });
    fs.mkdirSync(path.join(dir, "meta"));
    fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
    process.env.MIGRATIONS_DIR = dir;
    const report = readiness(db, {});
    expect(report.ready).toBe(false);
    expect(report.checks.migrations).toEqual({ ok: false, problem: "9999_next_release not applied" });
    db.$client.close();
  });
});
