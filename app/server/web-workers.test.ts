import { describe, expect, it } from "vitest";
import { usableCores, webWorkerCount } from "./web-workers";

describe("webWorkerCount", () => {
  it("is one per core unless WEB_WORKERS says otherwise", () => {
    expect(webWorkerCount({}, 2)).toBe(2);
    expect(webWorkerCount({ WEB_WORKERS: "" }, 8)).toBe(8);
    expect(webWorkerCount({}, 0)).toBe(1);
    expect(webWorkerCount({ WEB_WORKERS: "1" }, 8)).toBe(1);
    expect(webWorkerCount({ WEB_WORKERS: " 3 " }, 2)).toBe(3);
  });

  it("refuses what is not a whole number from 1 to 64", () => {
    for (const raw of ["0", "-1", "1.5", "two", "1e2", "65"]) {
      expect(() => webWorkerCount({ WEB_WORKERS: raw }, 2), raw).toThrow(/WEB_WORKERS/);
    }
  });
});

describe("usableCores", () => {
  const files = (entries: Record<string, string>) => (file: string) => entries[file] ?? null;

  it("is the CPUs the process may use when no quota is set", () => {
    expect(usableCores(files({}), 8)).toBe(8);
    expect(usableCores(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }), 8)).toBe(8);
    expect(usableCores(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n" }), 4)).toBe(4);
  });

  it("is capped by a container's CPU quota, rounded up", () => {
    expect(usableCores(files({ "/sys/fs/cgroup/cpu.max": "200000 100000\n" }), 32)).toBe(2);
    expect(usableCores(files({ "/sys/fs/cgroup/cpu.max": "150000 100000" }), 32)).toBe(2);
    expect(usableCores(files({ "/sys/fs/cgroup/cpu.max": "50000 100000" }), 32)).toBe(1);
    expect(
      usableCores(
        files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "300000", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000" }),
        32,
      ),
    ).toBe(3);
    // A quota above the CPUs there are does not add any.
    expect(usableCores(files({ "/sys/fs/cgroup/cpu.max": "800000 100000" }), 2)).toBe(2);
  });
});
