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

  it("reads the chunk of each namespace in each language the client build wrote down", () => {
    const chunks = {
      vi: { core: "/assets/core.vi-B3aYvxfV.js", desk: "/assets/desk.vi-C1aYvxfV.js" },
      en: { core: "/assets/core.en-DOxDVw67.js" },
    };
    expect(readCatalogChunks(write(JSON.stringify({ chunks, declaredBy: {} })))).toEqual(chunks);
  });

  it("offers nothing without a build, or for what is not a script of the build's assets", () => {
    expect(readCatalogChunks("/nonexistent/catalog-chunks.json")).toEqual({});
    expect(readCatalogChunks(write("not json"))).toEqual({});
    expect(
      readCatalogChunks(
        write(
          JSON.stringify({
            chunks: {
              vi: { core: "https://evil.example/x.js", nonsense: "/assets/x.js" },
              en: { core: "/assets/../../etc/passwd" },
              de: { core: "/assets/core.de-x.js" },
            },
          }),
        ),
      ),
    ).toEqual({ vi: {}, en: {} });
  });
});
