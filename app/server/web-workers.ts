// How many web workers `npm start` runs (docs/decisions/004): one per core by default.
import fs from "node:fs";
import os from "node:os";

/**
 * The cores this process may use: the CPUs it may run on, and no more than a
 * container's CPU quota (cgroup v2 `cpu.max`, or v1 `cpu.cfs_quota_us`), which
 * Node 20 does not count: a `--cpus=2` container on a 32-core host has 2.
 */
export function usableCores(
  read: (file: string) => string | null = readOptional,
  cpus: number = os.availableParallelism(),
): number {
  let quota: number | null = null;
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/);
  if (v2 && v2[0] !== "max" && Number(v2[0]) > 0 && Number(v2[1]) > 0) quota = Number(v2[0]) / Number(v2[1]);
  const v1Quota = Number(read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")?.trim() ?? Number.NaN);
  const v1Period = Number(read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")?.trim() ?? Number.NaN);
  if (quota === null && v1Quota > 0 && v1Period > 0) quota = v1Quota / v1Period;
  return Math.max(1, Math.min(cpus, quota === null ? cpus : Math.ceil(quota)));
}

function readOptional(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** `WEB_WORKERS` (a whole number from 1 to 64), else one per usable core. */
export function webWorkerCount(
  env: Record<string, string | undefined> = process.env,
  cores: number = usableCores(),
): number {
  const raw = (env.WEB_WORKERS ?? "").trim();
  if (raw === "") return Math.max(1, cores);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 1 || value > 64) {
    throw new Error(`WEB_WORKERS must be a whole number from 1 to 64; got ${raw}`);
  }
  return value;
}
