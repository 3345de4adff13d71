import { describe, expect, it } from "vitest";
import { hashPassword, scryptCostLog2, verifyPassword } from "./password.server";

describe("the scrypt cost", () => {
  it("is 2^15 unless SCRYPT_COST_LOG2 says otherwise, within 10–20", () => {
    expect(scryptCostLog2({})).toBe(15);
    expect(scryptCostLog2({ SCRYPT_COST_LOG2: "10" })).toBe(10);
    expect(scryptCostLog2({ SCRYPT_COST_LOG2: "17" })).toBe(17);
    for (const wrong of ["9", "21", "12.5", "cheap", ""])
      expect(scryptCostLog2({ SCRYPT_COST_LOG2: wrong }), wrong).toBe(15);
  });

  it("is never lowered in production, only raised", () => {
    expect(scryptCostLog2({ NODE_ENV: "production", SCRYPT_COST_LOG2: "10" })).toBe(15);
    expect(scryptCostLog2({ NODE_ENV: "production", SCRYPT_COST_LOG2: "16" })).toBe(16);
  });

  it("is stored with each hash, and the stored cost is the one a password is checked at", async () => {
    const hash = await hashPassword("Mật-khẩu-đủ-dài-2026");
    expect(hash.split("$")[1]).toBe(String(2 ** scryptCostLog2()));
    const atFifteen = hash.replace(/^scrypt\$\d+\$/, "scrypt$32768$");
    expect(await verifyPassword("Mật-khẩu-đủ-dài-2026", hash)).toBe(true);
    expect(await verifyPassword("Mật-khẩu-đủ-dài-2026", atFifteen)).toBe(false);
    expect(await verifyPassword("sai", hash)).toBe(false);
  });
});
