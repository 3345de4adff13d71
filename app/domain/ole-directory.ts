// What a legacy Office file is. Word 97–2003 (.doc), Excel 97–2003 (.xls) and
// PowerPoint 97–2003 (.ppt) files are all OLE compound files ([MS-CFB]);
// `file-type` stops at "cfb" (its README says why). The directory of the
// compound file names its streams, and each application writes one of its own:
// `WordDocument`, `Workbook` (or `Book` for Excel 5/95), `PowerPoint Document`.
// A password-protected Office Open XML file is a compound file too, with
// `EncryptionInfo` and `EncryptedPackage` — its content cannot be checked.
//
// This reads only the header, the FAT and the directory chain, bounds-checked and
// cycle-guarded: arbitrary bytes give `null`, never an exception or a loop.
// Pure, no I/O. Why not the `cfb` library: docs/decisions/031.
import type { LegacyOfficeKind } from "./attachments";

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_DIFAT_ENTRIES = 109;
/** Sector numbers at and above this are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const DIRECTORY_ENTRY_BYTES = 128;
const OBJECT_STORAGE = 1;
const OBJECT_STREAM = 2;

/** The names of the storages and streams in a compound file, or null when the bytes are not one. */
export function oleDirectoryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number) => view.getUint32(offset, true);
  const sectorShift = view.getUint16(30, true);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.max(0, Math.floor(bytes.length / sectorSize) - 1);
  const sectorOffset = (sector: number): number | null => {
    if (sector > MAX_REGULAR_SECTOR) return null;
    const offset = (sector + 1) * sectorSize;
    return offset + sectorSize <= bytes.length ? offset : null;
  };

  // The FAT's own sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    const sector = u32(76 + i * 4);
    if (sector <= MAX_REGULAR_SECTOR) fatSectors.push(sector);
  }
  let difat = u32(68);
  const perDifatSector = sectorSize / 4 - 1;
  for (let hops = 0; difat <= MAX_REGULAR_SECTOR; hops++) {
    if (hops > sectorCount) return null;
    const offset = sectorOffset(difat);
    if (offset === null) return null;
    for (let i = 0; i < perDifatSector; i++) {
      const sector = u32(offset + i * 4);
      if (sector <= MAX_REGULAR_SECTOR) fatSectors.push(sector);
    }
    difat = u32(offset + perDifatSector * 4);
  }
  if (fatSectors.length === 0 || fatSectors.length > sectorCount) return null;
  const perFatSector = sectorSize / 4;
  const next = (sector: number): number | null => {
    const fatSector = fatSectors[Math.floor(sector / perFatSector)];
    if (fatSector === undefined) return null;
    const offset = sectorOffset(fatSector);
    return offset === null ? null : u32(offset + (sector % perFatSector) * 4);
  };

  const names: string[] = [];
  const seen = new Set<number>();
  let sector = u32(48);
  while (sector !== END_OF_CHAIN) {
    if (seen.has(sector)) return null;
    seen.add(sector);
    const offset = sectorOffset(sector);
    if (offset === null) return null;
    for (let entry = offset; entry < offset + sectorSize; entry += DIRECTORY_ENTRY_BYTES) {
      const type = bytes[entry + 66];
      if (type !== OBJECT_STORAGE && type !== OBJECT_STREAM) continue;
      const nameBytes = view.getUint16(entry + 64, true);
      if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
      let name = "";
      for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(entry + i * 2, true));
      names.push(name);
    }
    const following = next(sector);
    if (following === null) return null;
    sector = following;
  }
  return names;
}

/** Which legacy Office application wrote a compound file, from its stream names; null if none. */
export function legacyOfficeKind(bytes: Uint8Array): LegacyOfficeKind | null {
  const names = oleDirectoryNames(bytes);
  if (names === null) return null;
  const has = (name: string) => names.includes(name);
  if (has("EncryptionInfo") || has("EncryptedPackage")) return "encrypted";
  if (has("WordDocument")) return "doc";
  if (has("Workbook") || has("Book")) return "xls";
  if (has("PowerPoint Document")) return "ppt";
  return null;
}
