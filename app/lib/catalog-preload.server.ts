// Where the browser finds a language's catalogue chunk, so a page can ask for it
// alongside the page's own scripts (`<link rel="modulepreload">` in root.tsx)
// instead of after the entry script has run: the entry waits for it before React
// hydrates (app/entry.client.tsx), so this shortens the time until the page answers
// clicks. Written by the client build (vite.config.ts `browserCatalogs`); absent
// in the dev server, where nothing is preloaded.
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "./i18n";

type CatalogChunks = Partial<Record<Locale, string>>;

/** The chunk of each language the client build wrote down; none when there is no such file. */
export function readCatalogChunks(file: string): CatalogChunks {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string" && /^\/assets\/[\w.-]+\.js$/.test(entry[1]),
      ),
    );
  } catch {
    return {};
  }
}

let chunks: CatalogChunks | undefined;

/** The URL of the locale's catalogue chunk in the client build, or null without one. */
export function catalogChunkHref(locale: Locale): string | null {
  chunks ??= readCatalogChunks(path.join(process.cwd(), "build/client/catalog-chunks.json"));
  return chunks[locale] ?? null;
}
