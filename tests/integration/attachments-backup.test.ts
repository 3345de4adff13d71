// `npm run backup` copies the attachment files a backup refers to into
// `attachments/` beside it (only new ones, each checked against its SHA-256), and
// `npm run restore` puts back the ones missing from the attachments folder. Real
// database files, real attachment files, the real commands.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments } from "../../db/schema";
import { openDatabase, type AppDatabase } from "../../app/models/db.server";
import { storedFilePath } from "../../app/models/attachments.server";
import { loadDemoData } from "../../db/seed/demo";
import { copyAttachments } from "../../db/backup-attachments";
import { pdfFile, pngFile } from "../setup/attachment-files";
import { freshDatabaseFile } from "../setup/database";

let db: AppDatabase;
let file: string;
let live: string;
let backups: string;
const keys: string[] = [];

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** An attachment row and its file in the live folder, as an upload leaves them. */
function addAttachment(bytes: Buffer, fileName: string, mediaType: string): string {
  const taskId = db.get<{ id: number }>(sql`SELECT min(id) AS id FROM tasks`)!.id;
  const storageKey = crypto.randomBytes(16).toString("hex");
  const target = storedFilePath(storageKey, live);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  db.insert(attachments)
    .values({ taskId, fileName, mediaType, sizeBytes: bytes.length, sha256: sha256(bytes), storageKey, createdAt: 0 })
    .run();
  keys.push(storageKey);
  return storageKey;
}

function run(script: "backup" | "restore", args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  return spawnSync(process.execPath, ["--import", "tsx", `db/${script}.ts`, ...args], {
    env: { ...env, NODE_ENV: "test", DATABASE_URL: `file:${file}`, ATTACHMENTS_DIR: live },
    encoding: "utf8",
  });
}

beforeAll(async () => {
  file = freshDatabaseFile();
  db = openDatabase(file);
  await loadDemoData(db);
  const root = fs.mkdtempSync(path.join(path.dirname(file), "attachments-backup-"));
  live = path.join(root, "live-attachments");
  backups = path.join(root, "backups");
  addAttachment(pdfFile("Mot"), "Báo cáo.pdf", "application/pdf");
  addAttachment(pngFile(), "Ảnh.png", "image/png");
});

afterAll(() => {
  db.$client.close();
});

describe("attachments in backups", () => {
  it("copies the files a backup refers to, then only the new ones", () => {
    const first = run("backup", [path.join(backups, "app-{stamp}.db")]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Attachments: 2 in the database; 2 copied");
    for (const key of keys) {
      expect(fs.readFileSync(storedFilePath(key, path.join(backups, "attachments")))).toEqual(
        fs.readFileSync(storedFilePath(key, live)),
      );
    }

    const third = addAttachment(pdfFile("Ba"), "Lần ba.pdf", "application/pdf");
    const second = run("backup", [path.join(backups, "app-{stamp}.db")]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("Attachments: 3 in the database; 1 copied");
    expect(second.stdout).toContain("2 already in");
    expect(fs.existsSync(storedFilePath(third, path.join(backups, "attachments")))).toBe(true);
    // No temporary file is left in the backup's folder.
    const left = fs.readdirSync(path.join(backups, "attachments"), { recursive: true }).map(String);
    expect(left.filter((name) => name.endsWith(".partial"))).toEqual([]);
  }, 60_000);

  it("reports an altered or missing file and exits non-zero, keeping the database backup", () => {
    const altered = addAttachment(pdfFile("Bon"), "Bốn.pdf", "application/pdf");
    fs.appendFileSync(storedFilePath(altered, live), "x");
    const lost = addAttachment(pdfFile("Nam"), "Năm.pdf", "application/pdf");
    fs.rmSync(storedFilePath(lost, live));
    const target = path.join(backups, "with-problems.db");
    const outcome = run("backup", [target]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain("2 attachment file(s) could not be backed up");
    expect(outcome.stderr).toContain("does not match its recorded SHA-256");
    expect(outcome.stderr).toContain("is missing");
    expect(fs.existsSync(target)).toBe(true);
    expect(fs.existsSync(storedFilePath(altered, path.join(backups, "attachments")))).toBe(false);
    // Put things right for the next test.
    db.run(sql`DELETE FROM attachments WHERE storage_key IN (${altered}, ${lost})`);
    keys.splice(keys.indexOf(altered), 1);
    keys.splice(keys.indexOf(lost), 1);
  }, 60_000);

  it("a restore brings back the files missing from the attachments folder", () => {
    const target = path.join(backups, "before-restore.db");
    expect(run("backup", [target]).status).toBe(0);
    db.$client.close();
    const gone = keys[0]!;
    const original = fs.readFileSync(storedFilePath(gone, path.join(backups, "attachments")));
    fs.rmSync(storedFilePath(gone, live));

    const outcome = run("restore", [target, "--yes"]);
    expect(outcome.stderr).toBe("");
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain(`Attachments: ${keys.length} in the database; 1 copied`);
    expect(fs.readFileSync(storedFilePath(gone, live))).toEqual(original);
    db = openDatabase(file);
  }, 60_000);

  it("copyAttachments lists what it cannot copy and never throws for it", () => {
    const empty = fs.mkdtempSync(path.join(path.dirname(file), "empty-"));
    const copy = copyAttachments(file, empty, path.join(empty, "to"));
    expect(copy).toMatchObject({ total: keys.length, copied: 0, present: 0 });
    expect(copy.problems).toHaveLength(keys.length);
  });
});
