// `npm run db:seed`: a fresh database file with the demo data (the old file, if
// any, is moved aside as <file>.bak-<timestamp>, never silently deleted).
import fs from "node:fs";
import { databasePath, openDatabase } from "../../app/models/db.server";
import { loadDemoData } from "./demo";
import { printDemoLogins } from "./setup";
import { rebuildSearchIndex } from "../../app/models/search.server";

const file = databasePath();
if (fs.existsSync(file)) {
  const backup = `${file}.bak-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  fs.renameSync(file, backup);
  for (const suffix of ["-wal", "-shm"])
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, backup + suffix);
  console.log(`Moved the previous database to ${backup}`);
}
const db = openDatabase(file);
await loadDemoData(db);
rebuildSearchIndex(db);
console.log(`Loaded the demo data into ${file}`);
await printDemoLogins(db);
db.$client.close();
