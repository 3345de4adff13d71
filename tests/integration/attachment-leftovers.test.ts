// What a killed server leaves in the attachments folder, swept at start-up
// (`sweepAttachmentLeftovers`, app/models/attachments.server.ts): an upload half
// received (`.incoming/<pid>-<random>.part`) whose process is gone, and a stored
// file whose row never committed (renamed into place inside the transaction, killed
// before the commit). Each is removed and logged; what is still in use is not: a
// file with its row, an upload another running server is receiving.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDatabase } from "../../app/models/db.server";
import { storedFilePath, sweepAttachmentLeftovers, withAttachments } from "../../app/models/attachments.server";
import { pdfFile } from "../setup/attachment-files";
import { demoActors, useFreshDemoDatabase } from "../setup/remix-harness";

const DAY = 24 * 60 * 60 * 1000;

let db: AppDatabase;
let dir: string;
let running: ReturnType<typeof spawn>;

beforeAll(async () => {
  db = await useFreshDemoDatabase();
  dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, "leftovers-"));
  // Another server, still running (its uploads in flight are its own).
  running = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
});

afterAll(() => {
  running.kill();
});

const key = () => crypto.randomBytes(16).toString("hex");

/** A file of an upload in progress, named as `receiveFile` names it. */
function incoming(pid: number | null, ageMs = 0): string {
  const folder = path.join(dir, ".incoming");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, pid === null ? `${key()}.part` : `${pid}-${key()}.part`);
  fs.writeFileSync(file, "half a file");
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(file, at, at);
  return file;
}

/** A stored file as a committed upload leaves it: the file in place and its row. */
function storedWithRow(): string {
  const temp = path.join(dir, `temp-${key()}`);
  fs.writeFileSync(temp, pdfFile());
  const taskId = db.get<{ id: number }>(sql`SELECT id FROM tasks ORDER BY id LIMIT 1`)!.id;
  const author = demoActors(db).find(({ login }) => login === "vanphong")!.actor;
  const previous = process.env.ATTACHMENTS_DIR;
  process.env.ATTACHMENTS_DIR = dir;
  try {
    withAttachments(
      db,
      author,
      [{ fileName: "bao-cao.pdf", tempPath: temp, sizeBytes: 1, sha256: "0".repeat(64), mediaType: "application/pdf" }],
      { ipAddress: null, userAgent: null, requestId: null },
      () => null,
      () => ({ taskId }),
    );
  } finally {
    if (previous === undefined) delete process.env.ATTACHMENTS_DIR;
    else process.env.ATTACHMENTS_DIR = previous;
  }
  const storageKey = db.get<{ key: string }>(sql`SELECT storage_key AS key FROM attachments ORDER BY id DESC`)!.key;
  return storedFilePath(storageKey, dir);
}

/** A file renamed into place whose transaction was killed before it committed: no row names it. */
function orphan(): string {
  const file = storedFilePath(key(), dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pdfFile());
  return file;
}

describe("the start-up sweep of the attachments folder", () => {
  it("removes and logs what a killed process left, and nothing in use", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const leftovers = [incoming(gone), incoming(null, 2 * DAY), orphan()];
    const inUse = [storedWithRow(), incoming(running.pid!), incoming(process.pid), incoming(null)];
    const logged: string[] = [];

    const swept = sweepAttachmentLeftovers(db, { dir, log: (line) => logged.push(line) });

    expect([...swept.uploads, ...swept.orphans].sort()).toEqual([...leftovers].sort());
    for (const file of leftovers) expect(fs.existsSync(file), file).toBe(false);
    for (const file of inUse) expect(fs.existsSync(file), file).toBe(true);
    expect(logged).toHaveLength(3);
    for (const file of leftovers) expect(logged.some((line) => line.includes(file))).toBe(true);
    // A second start finds nothing more to do.
    expect(sweepAttachmentLeftovers(db, { dir, log: () => {} })).toEqual({ uploads: [], orphans: [] });
  });

  it("is quiet when there is no attachments folder yet", () => {
    const none = path.join(dir, "not-yet");
    expect(sweepAttachmentLeftovers(db, { dir: none, log: () => {} })).toEqual({ uploads: [], orphans: [] });
  });
});
