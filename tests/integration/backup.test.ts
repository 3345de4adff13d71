// Online backups and restores (db/backup-files.ts behind `npm run backup` and
// `npm run restore`) on real, migrated SQLite files.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { backupDatabase, pruneBackups, restoreDatabase, verifyBackup } from "../../db/backup-files";
import { freshDatabaseFile } from "../setup/database";

const opened: AppDatabase[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.$client.close();
});

function open(file: string): AppDatabase {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

let nextDepartment = 1000;
function addDepartments(db: AppDatabase, n: number): void {
  const insert = db.$client.prepare(
    `INSERT INTO departments (id, code, name, short_name, kind, parent_id, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'department', NULL, 1, 0, 0)`,
  );
  db.$client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = nextDepartment++;
      insert.run(id, `B${id}`, `Sở thử nghiệm số ${id} ${"x".repeat(200)}`, `S${id}`);
    }
  })();
}

function departmentIds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT id FROM departments ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("backupDatabase", () => {
  it("takes a consistent copy while another connection keeps writing", async () => {
    const file = freshDatabaseFile();
    const writer = open(file);
    addDepartments(writer, 3000);
    const committedAtStart = departmentIds(file);

    let writing = true;
    let writes = 0;
    const loop = new Promise<void>((resolve) => {
      const step = () => {
        if (!writing) return resolve();
        addDepartments(writer, 5);
        writes++;
        setImmediate(step);
      };
      setImmediate(step);
    });
    const target = path.join(path.dirname(file), `${crypto.randomUUID()}-backup.db`);
    await backupDatabase(file, target);
    const writesDuringBackup = writes;
    // Let the writer keep going a little after the copy, then stop it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await loop;

    expect(writesDuringBackup).toBeGreaterThan(0);
    expect(verifyBackup(target)).toEqual({ ok: true, problems: [] });
    const copied = departmentIds(target);
    expect(copied).toEqual(expect.arrayContaining(committedAtStart));
    // One committed state: the writer's transactions are all in or all out, in order.
    const added = copied.filter((id) => id >= 1000);
    expect(added.length % 5).toBe(0);
    expect(added).toEqual(added.map((_, i) => added[0]! + i));
    expect(departmentIds(file).length).toBeGreaterThan(copied.length);
  });
});

describe("pruneBackups", () => {
  it("keeps the newest N backups of the same name pattern and nothing else is touched", () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(freshDatabaseFile()), "retention-"));
    const names = Array.from({ length: 6 }, (_, i) => `app-2026-03-1${i}T08-00-00.db`);
    names.forEach((name, i) => {
      const full = path.join(dir, name);
      fs.writeFileSync(full, name);
      fs.utimesSync(full, 1_700_000_000 + i * 3600, 1_700_000_000 + i * 3600);
    });
    fs.writeFileSync(path.join(dir, "other-2026-03-10.db"), "another pattern");
    fs.writeFileSync(path.join(dir, "app-notes.txt"), "another extension");

    const removed = pruneBackups(path.join(dir, names[5]!), 3);

    expect(removed.map((f) => path.basename(f)).sort()).toEqual(names.slice(0, 3));
    expect(fs.readdirSync(dir).sort()).toEqual([...names.slice(3), "app-notes.txt", "other-2026-03-10.db"].sort());
  });

  it("npm run backup: backs up the database of DATABASE_URL, verifies it and keeps --keep N", () => {
    const file = freshDatabaseFile();
    addDepartments(open(file), 10);
    const dir = fs.mkdtempSync(path.join(path.dirname(file), "cli-"));
    for (const [i, stamp] of ["2026-01-01", "2026-01-02", "2026-01-03"].entries()) {
      const old = path.join(dir, `app-${stamp}.db`);
      fs.writeFileSync(old, "old");
      fs.utimesSync(old, 1_700_000_000 + i, 1_700_000_000 + i);
    }
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "db/backup.ts", path.join(dir, "app-{stamp}.db"), "--keep", "2"],
      { env: { ...env, NODE_ENV: "test", DATABASE_URL: `file:${file}` }, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("integrity_check ok");
    const left = fs.readdirSync(dir).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toBe("app-2026-01-03.db");
    expect(departmentIds(path.join(dir, left[1]!))).toEqual(departmentIds(file));
  }, 60_000);
});

describe("restoreDatabase", () => {
  it("replaces the data with the backup's and keeps a safety copy of the current file", async () => {
    const file = freshDatabaseFile();
    const db = open(file);
    addDepartments(db, 5);
    const backup = `${file}.backup`;
    await backupDatabase(file, backup);
    addDepartments(db, 7);
    const before = departmentIds(file);
    opened.pop()!.$client.close(); // the server is stopped

    const { safetyCopy } = restoreDatabase(backup, file, new Date("2026-03-16T08:00:00Z"));

    expect(safetyCopy).toBe(`${file}.before-restore-2026-03-16T08-00-00`);
    expect(departmentIds(file)).toEqual(departmentIds(backup));
    expect(departmentIds(file).length).toBe(before.length - 7);
    expect(departmentIds(safetyCopy!)).toEqual(before);
    expect(verifyBackup(file).ok).toBe(true);
  });

  it.each([
    ["not a database", (file: string) => fs.writeFileSync(file, "this is not a SQLite file ".repeat(200))],
    [
      "truncated",
      (file: string) => {
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      },
    ],
  ])("refuses a corrupt backup (%s) and changes nothing", async (_label, corrupt) => {
    const file = freshDatabaseFile();
    addDepartments(open(file), 300);
    const backup = `${file}.backup`;
    await backupDatabase(file, backup);
    corrupt(backup);
    opened.pop()!.$client.close();
    const hash = sha256(file);
    // Files of the live database (the backup's own -shm may appear when it is opened).
    const databaseFiles = () =>
      fs
        .readdirSync(path.dirname(file))
        .filter((name) => name.startsWith(path.basename(file)) && !name.includes(".backup"))
        .sort();
    const entries = databaseFiles();

    const check = verifyBackup(backup);
    expect(check.ok).toBe(false);
    expect(check.problems.length).toBeGreaterThan(0);
    expect(() => restoreDatabase(backup, file)).toThrow(/not a sound backup/);
    expect(sha256(file)).toBe(hash);
    expect(databaseFiles()).toEqual(entries);
  });
});
