// `npm run db:generate-large -- --tasks 100000 [--seed 1] [--out data/large.db] [--today yyyy-mm-dd] [--force]`:
// a large, reproducible database for performance work (db/seed/large-data.ts).
import { generateLargeDatabase, parseLargeDataArgs } from "./large-data";

const BAR_WIDTH = 30;

function drawProgress(done: number, total: number, phase: string, startedAt: number): void {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * BAR_WIDTH);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${phase.padEnd(8)} ${done}/${total} tasks, ${seconds} s`,
  );
}

let options;
try {
  options = parseLargeDataArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const startedAt = Date.now();
try {
  const summary = await generateLargeDatabase({
    ...options,
    onProgress: (done, total, phase) => drawProgress(done, total, phase, startedAt),
  });
  process.stderr.write("\n");
  console.log(
    `Wrote ${summary.file} in ${(summary.milliseconds / 1000).toFixed(1)} s (seed ${options.seed}, today ${options.today}).`,
  );
  console.log(
    Object.entries(summary.counts)
      .map(([table, n]) => `  ${table}: ${n}`)
      .join("\n"),
  );
  console.log(`Every user's password is ${summary.password} (e.g. vanphong1, lanhdao1, stttt.truong).`);
} catch (error) {
  process.stderr.write("\n");
  console.error((error as Error).message);
  process.exit(1);
}
