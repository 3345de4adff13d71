import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogChunks } from "./catalog-preload.server";

describe("readCatalogChunks", () => {
  const write = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "catalog-chunks-")), "catalog-chunks.json");
    fs.writeFileSync(file, text);
    return file;
  };

  it("reads the chunk of each language the client build wrote down", () => {
    expect(readCatalogChunks(write('{"vi":"/assets/vi-B3aYvxfV.js","en":"/assets/en-DOxDVw67.js"}'))).toEqual({
      vi: "/assets/vi-B3aYvxfV.js",
      en: "/assets/en-DOxDVw67.js",
    });
  });

  it("offers nothing without a build, or for what is not a script of the build's assets", () => {
    expect(readCatalogChunks("/nonexistent/catalog-chunks.json")).toEqual({});
    expect(readCatalogChunks(write("not json"))).toEqual({});
    expect(
      readCatalogChunks(write('{"vi":"https://evil.example/x.js","en":"/assets/../../etc/passwd","de":42}')),
    ).toEqual({});
  });
});
