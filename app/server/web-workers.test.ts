import { describe, expect, it } from "vitest";
import { webWorkerCount } from "./web-workers";

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
