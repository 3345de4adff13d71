// Runs once per `vitest run`: migrates a template database with the real
// migrations. Each test file then works on its own copy (tests/setup/database.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../app/models/db.server";

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-test-"));
  const template = path.join(dir, "template.db");
  const db = openDatabase(template);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_TMP_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
