// `npm run restore -- <backup-file> --yes`: replaces the app's database
// (DATABASE_URL) with a verified backup, after copying the current file aside as
// `<db>.before-restore-<stamp>`, and migrates it. The server must be stopped
// first: a running server keeps the old file open and would write to it.
// Attachment files of the restored database missing from the attachments folder
// are copied back from `attachments/` beside the backup (db/backup-attachments.ts).
import path from "node:path";
import { databasePath } from "../app/lib/db.server";
import { attachmentsDir } from "../app/models/attachments.server";
import { copyAttachments, describeCopy } from "./backup-attachments";
import { restoreDatabase, verifyBackup } from "./backup-files";

const USAGE = "Usage: npm run restore -- <backup-file> --yes";

function main(): number {
  const argv = process.argv.slice(2);
  const files = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = argv.filter((arg) => arg.startsWith("--") && arg !== "--yes");
  if (files.length !== 1 || unknown.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const backup = path.resolve(files[0]!);
  const target = databasePath();
  const check = verifyBackup(backup);
  if (!check.ok) {
    console.error(`Refusing to restore: ${backup} failed its check (nothing was changed):`);
    for (const problem of check.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(`${backup}: integrity_check ok, foreign_key_check empty.`);
  if (!argv.includes("--yes")) {
    console.error(
      `\nThis replaces ${target} with that backup.\n` +
        `STOP THE SERVER FIRST (a running server keeps writing to the old file), then run again with --yes.`,
    );
    return 1;
  }
  const { safetyCopy } = restoreDatabase(backup, target);
  console.log(safetyCopy ? `Copied the current database aside: ${safetyCopy}` : `No database at ${target} before.`);
  console.log(`Restored ${backup} → ${target} and applied migrations.`);
  const copy = copyAttachments(target, path.join(path.dirname(backup), "attachments"), attachmentsDir());
  console.log(describeCopy(copy, attachmentsDir()));
  if (copy.problems.length > 0) {
    console.error(`${copy.problems.length} attachment file(s) of the restored database are not available:`);
    for (const problem of copy.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log("Start the server again.");
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
