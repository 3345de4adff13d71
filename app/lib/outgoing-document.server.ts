import { Transform } from "node:stream";

/**
 * The document on its way out, kept once complete when `keep` is given. NUL bytes are
 * dropped: React 18.3's Node renderer writes its whole 2 kB buffer when a multi-byte
 * character does not fit at its end, unfilled bytes included (react-dom-server.node
 * `writeStringChunk`; React 19 writes only what was filled), so wherever a Vietnamese
 * letter falls on a buffer boundary the page carried a NUL, which browsers show as
 * "�" ("Thông báo: 2 chưa �đọc" in an accessible name). No NUL belongs in the HTML,
 * and 0x00 is never part of a multi-byte UTF-8 character.
 */
export function outgoingDocument(keep: ((html: string) => void) | null): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const clean = chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk;
      if (keep !== null) chunks.push(clean);
      callback(null, clean);
    },
    flush(callback) {
      keep?.(Buffer.concat(chunks).toString("utf8"));
      callback();
    },
  });
}
