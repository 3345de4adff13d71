// `npm run backup -- <file> [--keep N]`: a consistent online backup of the app's
// database (DATABASE_URL) while the app runs, verified, keeping the newest N
// backups (default 7) that share the file's name pattern in its directory.
// `{stamp}` in the file name becomes the current UTC time, e.g.
// `npm run backup -- backups/app-{stamp}.db --keep 48`.
// The attachment files the backup refers to are copied into `attachments/` beside
// it (only those not there yet; db/backup-attachments.ts).
// Exits non-zero when the backup or its check fails (the failed copy is removed),
// or when an attachment file is missing or altered (the database backup is kept).
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "../app/models/db.server";
import { attachmentsDir } from "../app/models/attachments.server";
import { copyAttachments, describeCopy } from "./backup-attachments";
import { backupDatabase, fileTimestamp, pruneBackups, verifyBackup } from "./backup-files";

const USAGE = "Usage: npm run backup -- <file> [--keep N]   (use {stamp} in <file> for a timestamp)";

function parseArgs(argv: readonly string[]): { target: string; keep: number } {
  let target: string | undefined;
  let keep = 7;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--keep") {
      keep = Number(argv[++i]);
      if (!Number.isInteger(keep) || keep < 1) throw new Error("--keep must be a positive integer");
    } else if (arg.startsWith("--")) {
      throw new Error(`Unknown option ${arg}. ${USAGE}`);
    } else if (target === undefined) {
      target = arg;
    } else {
      throw new Error(USAGE);
    }
  }
  if (target === undefined) throw new Error(USAGE);
  return { target: path.resolve(target.replaceAll("{stamp}", fileTimestamp())), keep };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const source = databasePath();
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source} (DATABASE_URL).`);
    return 1;
  }
  if (path.resolve(source) === args.target) {
    console.error("The backup file must not be the database itself.");
    return 1;
  }
  fs.mkdirSync(path.dirname(args.target), { recursive: true });
  const started = Date.now();
  await backupDatabase(source, args.target);
  const check = verifyBackup(args.target);
  if (!check.ok) {
    fs.rmSync(args.target, { force: true });
    console.error(`Backup of ${source} failed its check; removed ${args.target}:`);
    for (const problem of check.problems) console.error(`  ${problem}`);
    return 1;
  }
  const size = fs.statSync(args.target).size;
  console.log(
    `Backed up ${source} → ${args.target} (${(size / 1e6).toFixed(1)} MB, ${Date.now() - started} ms); ` +
      `integrity_check ok, foreign_key_check empty.`,
  );
  const removed = pruneBackups(args.target, args.keep);
  console.log(
    removed.length === 0
      ? `Kept every backup (at most ${args.keep}).`
      : `Kept the newest ${args.keep}; removed ${removed.length}: ${removed.map((f) => path.basename(f)).join(", ")}`,
  );
  const attachmentsTarget = path.join(path.dirname(args.target), "attachments");
  const copy = copyAttachments(args.target, attachmentsDir(), attachmentsTarget);
  console.log(describeCopy(copy, attachmentsTarget));
  if (copy.problems.length > 0) {
    console.error(`${copy.problems.length} attachment file(s) could not be backed up:`);
    for (const problem of copy.problems) console.error(`  ${problem}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
