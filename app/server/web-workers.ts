// How many web workers `npm start` runs (docs/decisions/004): one per core by default.
import os from "node:os";

/** `WEB_WORKERS` (a whole number ≥ 1), else one per core the machine offers. */
export function webWorkerCount(
  env: Record<string, string | undefined> = process.env,
  cores: number = os.availableParallelism(),
): number {
  const raw = (env.WEB_WORKERS ?? "").trim();
  if (raw === "") return Math.max(1, cores);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 1 || value > 64) {
    throw new Error(`WEB_WORKERS must be a whole number from 1 to 64; got ${raw}`);
  }
  return value;
}
