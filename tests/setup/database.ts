// A fresh, migrated SQLite file for one test (a copy of the template that
// global-setup migrated with the real migrations). Nothing is mocked.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";

export function freshDatabaseFile(): string {
  const template = process.env.TEST_TEMPLATE_DB;
  const dir = process.env.TEST_TMP_DIR;
  if (!template || !dir) throw new Error("tests/setup/global-setup.ts did not run");
  const file = path.join(dir, `${crypto.randomUUID()}.db`);
  fs.copyFileSync(template, file);
  return file;
}

/** Opens a fresh copy; migrations run again and must find nothing to do. */
export function freshDatabase(): AppDatabase {
  return openDatabase(freshDatabaseFile());
}
