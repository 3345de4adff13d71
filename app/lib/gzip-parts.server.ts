// A gzip body for text that is the same on every response but for a few bytes put
// in at known places (a kept page and its CSP nonce, app/server/read-cache.server.ts):
// the fixed parts are compressed once, and each response is those compressed bytes
// with its own bytes in between, stored uncompressed — no compressor runs per response.
//
// This is plain DEFLATE (RFC 1951): each part is compressed on its own and ended with a
// sync flush (an empty stored block), so it ends on a byte boundary, is not final and
// refers to nothing before it; what goes in between is a stored block; an empty final
// stored block ends the stream. The gzip trailer (RFC 1952) needs the CRC-32 of the
// whole text, which zlib.crc32 continues part by part.
import zlib from "node:zlib";

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]); // deflate, no name, no time, unknown OS
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
const MAX_STORED = 0xffff;

/** The fixed parts, compressed once. */
export interface DeflatedParts {
  readonly parts: readonly Buffer[];
  readonly deflated: readonly Buffer[];
}

export function deflateParts(parts: readonly Buffer[]): DeflatedParts {
  return {
    parts,
    deflated: parts.map((part) => zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH })),
  };
}

/** `bytes` as non-final stored blocks (at most 65,535 bytes each). */
function storedBlocks(bytes: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_STORED) {
    const chunk = bytes.subarray(at, at + MAX_STORED);
    const header = Buffer.alloc(5);
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
  }
  return blocks;
}

/** The gzip body of the parts joined by `between`: the same bytes any gunzip reads back as that text. */
export function gzipJoined({ parts, deflated }: DeflatedParts, between: Buffer): Buffer {
  const pieces: Buffer[] = [GZIP_HEADER];
  const gap = storedBlocks(between);
  let crc = 0;
  let size = 0;
  // Empty bytes leave the CRC as it is; they are skipped because Node 20's zlib.crc32 answers 0
  // for an empty Buffer once that Buffer has been through deflateRawSync.
  const add = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
  };
  parts.forEach((part, i) => {
    if (i > 0) {
      pieces.push(...gap);
      add(between);
    }
    pieces.push(deflated[i]!);
    add(part);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  pieces.push(FINAL_EMPTY_BLOCK, trailer);
  return Buffer.concat(pieces);
}
