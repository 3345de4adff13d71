import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateParts, gzipJoined } from "./gzip-parts.server";

const joined = (parts: string[], between: string) => parts.join(between);
const gunzip = (body: Buffer) => zlib.gunzipSync(body).toString("utf8");

describe("gzipJoined", () => {
  it("is a gzip body any gunzip reads back as the parts joined by the bytes in between", () => {
    const parts = [`<html><p>Sở Thông tin và Truyền thông</p><script nonce="`, `">a()</script><link nonce="`, `">`];
    const kept = deflateParts(parts.map((part) => Buffer.from(part)));
    for (const nonce of ["n0nce-A", "другой-B", "", "x".repeat(70_000)]) {
      expect(gunzip(gzipJoined(kept, Buffer.from(nonce)))).toBe(joined(parts, nonce));
    }
  });

  it("holds for empty parts, one part, and large random text (the CRC and size in the trailer checked by gunzip)", () => {
    expect(gunzip(gzipJoined(deflateParts([Buffer.from("")]), Buffer.from("n")))).toBe("");
    expect(gunzip(gzipJoined(deflateParts([Buffer.from("một")]), Buffer.from("n")))).toBe("một");
    expect(gunzip(gzipJoined(deflateParts(["", "", ""].map((p) => Buffer.from(p))), Buffer.from("ab")))).toBe("abab");
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const text = (n: number) => Array.from({ length: n }, () => "abcđêôơư <>\"'\n"[random() % 14]).join("");
    const parts = [text(300_000), text(10), text(120_000)];
    const body = gzipJoined(deflateParts(parts.map((part) => Buffer.from(part))), Buffer.from("nonce+/="));
    expect(gunzip(body)).toBe(joined(parts, "nonce+/="));
    // Compressed: far smaller than the text.
    expect(body.length).toBeLessThan(Buffer.byteLength(joined(parts, "nonce+/=")) / 2);
  });

  it("is refused by gunzip when a byte of the trailer is wrong (the check above can fail)", () => {
    const body = gzipJoined(deflateParts([Buffer.from("abc"), Buffer.from("def")]), Buffer.from("-"));
    body[body.length - 8]! ^= 1;
    expect(() => gunzip(body)).toThrow();
  });
});
