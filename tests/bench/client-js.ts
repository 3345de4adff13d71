// The client JavaScript each route ships: the Remix manifest lists, per route,
// its module and the chunks it imports; a page load fetches the entry, the root
// and the route (each with its imports), and before hydrating, the message
// namespaces those chunks declare (chunks of their own, not in the manifest; the
// client build writes them down in catalog-chunks.json; per namespace the larger of
// the Vietnamese and English chunks is counted). Sizes are zlib.gzipSync at its
// default level, as the `compression` middleware sends them.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface RemixManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry & { id: string; path?: string; index?: boolean }>;
}

export interface RouteJs {
  routeId: string;
  files: number;
  gzipBytes: number;
}

/** Reads build/client/assets/manifest-*.js (`window.__remixManifest={…};`). */
export function readRemixManifest(clientDir: string): RemixManifest {
  const assets = path.join(clientDir, "assets");
  const file = fs.readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (file === undefined) throw new Error(`No Remix manifest in ${assets}; is the app built?`);
  const text = fs.readFileSync(path.join(assets, file), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return JSON.parse(json) as RemixManifest;
}

interface CatalogChunks {
  /** Per language, per namespace, the chunk's URL. */
  chunks: Record<string, Record<string, string>>;
  /** Per chunk of code, the namespaces it awaits (app/lib/messages/catalogs.browser.ts). */
  declaredBy: Record<string, string[]>;
}

/** What the client build wrote down about the message chunks (vite.config.ts `browserCatalogs`). */
function readCatalogChunks(clientDir: string): CatalogChunks {
  const file = path.join(clientDir, "catalog-chunks.json");
  if (!fs.existsSync(file)) throw new Error(`No ${file}: the client build writes it; is the app built?`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as CatalogChunks;
}

/** gzip bytes of entry + root + route modules and their imports, each chunk counted once, plus their messages. */
export function clientJsPerRoute(clientDir: string): Map<string, RouteJs> {
  const manifest = readRemixManifest(clientDir);
  const catalog = readCatalogChunks(clientDir);
  const gzipCache = new Map<string, number>();
  const gzipSize = (url: string) => {
    let size = gzipCache.get(url);
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(clientDir, url))).length;
      gzipCache.set(url, size);
    }
    return size;
  };
  const messagesSize = (namespace: string) =>
    Math.max(...Object.values(catalog.chunks).map((byNamespace) => gzipSize(byNamespace[namespace]!)));
  const chunksOf = (entry: ManifestEntry | undefined) => (entry ? [entry.module, ...(entry.imports ?? [])] : []);
  const result = new Map<string, RouteJs>();
  for (const [routeId, route] of Object.entries(manifest.routes)) {
    if (routeId === "root") continue;
    const chunks = new Set([...chunksOf(manifest.entry), ...chunksOf(manifest.routes.root), ...chunksOf(route)]);
    const namespaces = new Set([...chunks].flatMap((url) => catalog.declaredBy[url] ?? []));
    const gzipBytes =
      [...chunks].reduce((sum, url) => sum + gzipSize(url), 0) +
      [...namespaces].reduce((sum, namespace) => sum + messagesSize(namespace), 0);
    result.set(routeId, { routeId, files: chunks.size + namespaces.size, gzipBytes });
  }
  return result;
}
