// `npm run replicate`: Litestream beside the server, copying every change of the database
// of DATABASE_URL to the replica of LITESTREAM_REPLICA within about a second
// (app/server/litestream.ts; docs/decisions/022). Runs until stopped (SIGTERM/SIGINT go to
// Litestream, which finishes its sync); its own unit under systemd
// (docs/deploy/systemd/directive-tracker-litestream.service).
//
//   npm run replicate                   write the configuration, then replicate
//   npm run replicate -- --print-config print the configuration and stop
import { spawn } from "node:child_process";
import fs from "node:fs";
import { databasePath } from "../models/db.server";
import {
  describeReplica,
  litestreamBinary,
  litestreamConfig,
  litestreamConfigPath,
  replicaFromEnvironment,
} from "./litestream";

function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--print-config");
  if (unknown.length > 0) {
    console.error(`Unknown arguments: ${unknown.join(" ")}\nUsage: npm run replicate [-- --print-config]`);
    process.exit(2);
  }
  const database = databasePath();
  const config = litestreamConfig(database);
  if (args.includes("--print-config")) {
    process.stdout.write(config);
    return;
  }
  const file = litestreamConfigPath(database);
  fs.writeFileSync(file, config, { mode: 0o600 });
  const replica = replicaFromEnvironment(database);
  if (replica.type === "file") fs.mkdirSync(replica.path, { recursive: true });
  console.log(`Replicating ${database} to ${describeReplica(replica)} (configuration: ${file}).`);

  const litestream = spawn(litestreamBinary(), ["replicate", "-config", file], { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => litestream.kill(signal));
  }
  litestream.on("error", (error) => {
    console.error(`Litestream did not start: ${error.message}`);
    process.exit(1);
  });
  litestream.on("exit", (code, signal) => {
    process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1));
  });
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
