// Where the browser finds each namespace's messages, so a page can ask for the ones
// it declares alongside its own scripts (`<link rel="modulepreload">` in root.tsx)
// instead of once the root and route modules run: they await their namespaces
// before React hydrates (app/lib/messages/catalogs.browser.ts), so this shortens the
// time until the page answers clicks. Written by the client build (vite.config.ts
// `browserCatalogs`); absent in the dev server, where nothing is preloaded.
import fs from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "./i18n";
import { NAMESPACES, type Namespace } from "./messages/namespaces";

export type NamespaceChunks = Partial<Record<Namespace, string>>;
type CatalogChunks = Partial<Record<Locale, NamespaceChunks>>;

const isNamespace = (value: string): value is Namespace => (NAMESPACES as readonly string[]).includes(value);

/** The chunk of each namespace in each language the client build wrote down; none when there is no such file. */
export function readCatalogChunks(file: string): CatalogChunks {
  let parsed: unknown;
  try {
    parsed = (JSON.parse(fs.readFileSync(file, "utf8")) as { chunks?: unknown }).chunks;
  } catch {
    return {};
  }
  const chunks: CatalogChunks = {};
  for (const locale of LOCALES) {
    const byNamespace =
      typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[locale] : null;
    if (typeof byNamespace !== "object" || byNamespace === null) continue;
    chunks[locale] = Object.fromEntries(
      Object.entries(byNamespace).filter(
        (entry): entry is [Namespace, string] =>
          isNamespace(entry[0]) && typeof entry[1] === "string" && /^\/assets\/[\w.-]+\.js$/.test(entry[1]),
      ),
    );
  }
  return chunks;
}

let chunks: CatalogChunks | undefined;

/** The URLs of the locale's namespace chunks in the client build; none without a build. */
export function namespaceChunkHrefs(locale: Locale): NamespaceChunks {
  chunks ??= readCatalogChunks(path.join(process.cwd(), "build/client/catalog-chunks.json"));
  return chunks[locale] ?? {};
}
