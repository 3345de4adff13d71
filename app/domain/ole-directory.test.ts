import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exeFile, officeOpenXmlFile, oleFile, pdfFile } from "../../tests/setup/attachment-files";
import { legacyOfficeKind, oleDirectoryNames } from "./ole-directory";

describe("legacy Office files by the streams in their OLE directory", () => {
  it("reads the names of the storages and streams (not the root)", () => {
    expect(oleDirectoryNames(oleFile(["WordDocument", "1Table"]))).toEqual(["WordDocument", "1Table"]);
  });

  it.each([
    [["WordDocument", "1Table"], "doc"],
    [["Workbook"], "xls"],
    [["Book"], "xls"],
    [["PowerPoint Document", "Current User"], "ppt"],
    [["EncryptionInfo", "EncryptedPackage"], "encrypted"],
    [["SummaryInformation"], null],
  ] as const)("%j is %s", (names, kind) => {
    expect(legacyOfficeKind(oleFile([...names]))).toBe(kind);
  });

  it("is null for what is not a compound file", () => {
    for (const bytes of [pdfFile(), exeFile(), officeOpenXmlFile("docx"), new Uint8Array(0)]) {
      expect(legacyOfficeKind(bytes)).toBeNull();
    }
  });

  it("is null for a directory chain that loops or leaves the file", () => {
    const looping = oleFile(["WordDocument"]);
    looping.writeUInt32LE(1, 512 + 4); // the directory sector's FAT entry points to itself
    expect(oleDirectoryNames(looping)).toBeNull();
    const outside = oleFile(["WordDocument"]);
    outside.writeUInt32LE(4000, 48); // first directory sector past the end
    expect(oleDirectoryNames(outside)).toBeNull();
    expect(oleDirectoryNames(oleFile(["WordDocument"]).subarray(0, 700))).toBeNull();
  });

  it("never throws on arbitrary bytes after a compound file's signature", () => {
    const signature = oleFile([]).subarray(0, 8);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 3000 }), (tail) => {
        const bytes = new Uint8Array([...signature, ...tail]);
        const names = oleDirectoryNames(bytes);
        expect(names === null || Array.isArray(names)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws when a real compound file is corrupted byte by byte", () => {
    const original = oleFile(["WordDocument"]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        (edits) => {
          const bytes = Buffer.from(original);
          for (const [at, value] of edits) bytes[at] = value;
          expect(() => legacyOfficeKind(bytes)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
