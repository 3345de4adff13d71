// The client JavaScript each route ships: the Remix manifest lists, per route,
// its module and the chunks it imports; a page load fetches the entry, the root
// and the route (each with its imports), and before hydrating, the catalogue of
// the page's language (a chunk of its own, not in the manifest: the larger of
// the `vi-*.js` / `en-*.js` chunks is counted). Sizes are zlib.gzipSync at its default
// level, as the `compression` middleware sends them.
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

/** The language catalogue chunks (app/lib/messages/catalogs.browser.ts imports them on demand). */
function catalogueChunks(clientDir: string): string[] {
  const chunks = fs
    .readdirSync(path.join(clientDir, "assets"))
    .filter((name) => /^(vi|en)-[\w-]+\.js$/.test(name))
    .map((name) => `/assets/${name}`);
  if (chunks.length === 0) throw new Error("No language catalogue chunks (vi-*.js, en-*.js) in the build");
  return chunks;
}

/** gzip bytes of entry + root + route modules and their imports, each chunk counted once, plus a catalogue. */
export function clientJsPerRoute(clientDir: string): Map<string, RouteJs> {
  const manifest = readRemixManifest(clientDir);
  const gzipCache = new Map<string, number>();
  const gzipSize = (url: string) => {
    let size = gzipCache.get(url);
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(clientDir, url))).length;
      gzipCache.set(url, size);
    }
    return size;
  };
  const chunksOf = (entry: ManifestEntry | undefined) => (entry ? [entry.module, ...(entry.imports ?? [])] : []);
  const catalogue = Math.max(...catalogueChunks(clientDir).map(gzipSize));
  const result = new Map<string, RouteJs>();
  for (const [routeId, route] of Object.entries(manifest.routes)) {
    if (routeId === "root") continue;
    const chunks = new Set([...chunksOf(manifest.entry), ...chunksOf(manifest.routes.root), ...chunksOf(route)]);
    const gzipBytes = [...chunks].reduce((sum, url) => sum + gzipSize(url), catalogue);
    result.set(routeId, { routeId, files: chunks.size + 1, gzipBytes });
  }
  return result;
}
