// `npm run restore -- <backup-file> --yes`: replaces the app's database
// (DATABASE_URL) with a verified backup, after copying the current file aside as
// `<db>.before-restore-<stamp>`, and migrates it. The server must be stopped
// first: a running server keeps the old file open and would write to it.
// Attachment files of the restored database missing from the attachments folder
// are copied back from `attachments/` beside the backup (db/backup-attachments.ts).
//
// `npm run restore -- --from-replica [--timestamp <ISO time>] --yes`: the same, from
// the Litestream replica of LITESTREAM_REPLICA (app/server/litestream.ts): the newest
// state, or the state at that time (point-in-time). Litestream writes the file, which
// is then checked like a backup before it replaces anything. Stop Litestream too, and
// start it again after: it begins a new generation for the restored file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePath } from "../app/models/db.server";
import { attachmentsDir } from "../app/models/attachments.server";
import { describeReplica, litestreamBinary, litestreamConfig, replicaFromEnvironment } from "../app/server/litestream";
import { copyAttachments, describeCopy } from "./backup-attachments";
import { fileTimestamp, restoreDatabase, verifyBackup } from "./backup-files";

const USAGE = `Usage: npm run restore -- <backup-file> --yes
       npm run restore -- --from-replica [--timestamp <ISO time, e.g. 2026-03-16T08:00:00+07:00>] --yes`;

interface Options {
  backup: string | null;
  fromReplica: boolean;
  timestamp: string | null;
  yes: boolean;
}

function parseArguments(argv: string[]): Options | null {
  const options: Options = { backup: null, fromReplica: false, timestamp: null, yes: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--yes") options.yes = true;
    else if (arg === "--from-replica") options.fromReplica = true;
    else if (arg === "--timestamp") {
      const value = argv[++i] ?? "";
      const at = Date.parse(value);
      if (!Number.isFinite(at)) {
        console.error(`--timestamp needs an ISO date-time, e.g. 2026-03-16T08:00:00+07:00; got "${value}"`);
        return null;
      }
      options.timestamp = new Date(at).toISOString();
    } else if (arg.startsWith("--") || options.backup !== null) return null;
    else options.backup = arg;
  }
  if (options.fromReplica === (options.backup !== null)) return null;
  if (options.timestamp !== null && !options.fromReplica) return null;
  return options;
}

/** Litestream restores the replica (at `timestamp`, or its newest state) into a new file beside `target`. */
function restoreFromReplica(target: string, timestamp: string | null): string {
  const output = `${target}.from-replica-${fileTimestamp()}`;
  const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "directive-tracker-restore-")), "litestream.yml");
  fs.writeFileSync(config, litestreamConfig(target), { mode: 0o600 });
  try {
    console.log(
      `Restoring from ${describeReplica(replicaFromEnvironment(target))}${timestamp ? ` as of ${timestamp}` : ""}…`,
    );
    const result = spawnSync(
      litestreamBinary(),
      ["restore", "-config", config, "-o", output, ...(timestamp ? ["-timestamp", timestamp] : []), target],
      { stdio: "inherit" },
    );
    if (result.status !== 0 || !fs.existsSync(output)) {
      throw new Error(`Litestream could not restore (exit ${result.status ?? result.signal}); nothing was changed.`);
    }
  } finally {
    fs.rmSync(path.dirname(config), { recursive: true, force: true });
  }
  // A self-contained file, like a backup: no WAL beside it.
  const db = new Database(output);
  db.pragma("journal_mode = DELETE");
  db.close();
  return output;
}

function main(): number {
  const options = parseArguments(process.argv.slice(2));
  if (options === null) {
    console.error(USAGE);
    return 2;
  }
  const target = databasePath();
  if (options.fromReplica && !options.yes) {
    console.error(
      `This replaces ${target} with the Litestream replica's copy.\n` +
        "STOP THE SERVER AND LITESTREAM FIRST, then run again with --yes.",
    );
    return 1;
  }
  const backup = options.fromReplica ? restoreFromReplica(target, options.timestamp) : path.resolve(options.backup!);
  try {
    const check = verifyBackup(backup);
    if (!check.ok) {
      console.error(`Refusing to restore: ${backup} failed its check (nothing was changed):`);
      for (const problem of check.problems) console.error(`  ${problem}`);
      return 1;
    }
    console.log(`${backup}: integrity_check ok, foreign_key_check empty.`);
    if (!options.yes) {
      console.error(
        `\nThis replaces ${target} with that backup.\n` +
          `STOP THE SERVER FIRST (a running server keeps writing to the old file), then run again with --yes.`,
      );
      return 1;
    }
    const { safetyCopy } = restoreDatabase(backup, target);
    console.log(safetyCopy ? `Copied the current database aside: ${safetyCopy}` : `No database at ${target} before.`);
    console.log(`Restored ${options.fromReplica ? "the replica" : backup} → ${target} and applied migrations.`);
  } finally {
    if (options.fromReplica) fs.rmSync(backup, { force: true });
  }
  // Litestream replicates the database only: attachment files come back from the backups' folder.
  const source = options.fromReplica
    ? path.join(process.env.ATTACHMENTS_BACKUP_DIR ?? "/var/backups/directive-tracker", "attachments")
    : path.join(path.dirname(backup), "attachments");
  const copy = copyAttachments(target, source, attachmentsDir());
  console.log(describeCopy(copy, attachmentsDir()));
  if (copy.problems.length > 0) {
    console.error(`${copy.problems.length} attachment file(s) of the restored database are not available:`);
    for (const problem of copy.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(options.fromReplica ? "Start the server, then Litestream, again." : "Start the server again.");
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
