// The load test of `npm run load` (tests/bench/load.ts), short: 50 connections of
// signed-in users for 10 s (LOAD_SECONDS to change it) against a production server
// of its own on a fresh demo database, reads and progress reports mixed. It must
// end with no errors and no lost writes.
import { describe, expect, it } from "vitest";
import { DEFAULT_LOAD, formatLoadResult, runLoad } from "../bench/load";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);

describe("npm run load, short", () => {
  it(`${DEFAULT_LOAD.connections} connections for ${SECONDS} s: no errors, no lost writes`, async () => {
    const result = await runLoad({ ...DEFAULT_LOAD, duration: SECONDS, log: () => {} });
    console.info(formatLoadResult(result));
    expect(result.errors, "socket errors").toBe(0);
    expect(result.timeouts, "timeouts").toBe(0);
    expect(result.unexpected, "answers other than 200 for a read and the redirect for a write").toEqual([]);
    expect(result.reads.count).toBeGreaterThan(0);
    expect(result.writes.acknowledged).toBeGreaterThan(0);
    expect(result.writes.lost, "acknowledged writes missing from the database").toBe(0);
    expect(result.integrity).toBe("ok");
    expect(result.passed).toBe(true);
  }, 180_000);
});
