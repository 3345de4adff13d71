// The weight of the documents leaders open most: the dashboard, the first page of
// the task list (50 rows) and the scorecard, as raw and gzip bytes of the HTML the
// server sends, split into the markup and the loader data Remix inlines for
// hydration (the scripts that fill `window.__remixContext`, including the
// single-fetch stream's `streamController.enqueue(…)` chunks), so that a budget
// missed says where the bytes go. gzip is zlib.gzipSync at its default level, as
// the `compression` middleware sends it; the budgets (issue #16) are on raw bytes.
//
// Used by `npm run bench`, and alone:
//   npx tsx tests/bench/page-weight.ts data/bench-100000.db
// which copies the database, starts the production server on the copy and signs in
// as leadership, like the bench.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { printTable, runWhenStarted, withLeadershipServer } from "./run";

export interface PageWeight {
  name: string;
  path: string;
  status: number;
  /** Raw bytes, the whole document. */
  bytes: number;
  gzipBytes: number;
  /** Raw and gzip bytes of everything but the loader data. */
  markupBytes: number;
  markupGzipBytes: number;
  /** Raw and gzip bytes of the inline scripts that carry the loader data. */
  dataBytes: number;
  dataGzipBytes: number;
  /** The budget on raw bytes, and whether the page is within it. */
  budgetBytes: number;
  pass: boolean;
}

const KB = 1000;

/** The pages and their budgets (issue #16: raw HTML bytes of the document). */
export const WEIGHED_PAGES: readonly { name: string; path: string; budgetBytes: number }[] = [
  { name: "dashboard", path: "/", budgetBytes: 80 * KB },
  { name: "task list (50 rows)", path: "/tasks", budgetBytes: 80 * KB },
  { name: "scorecard", path: "/scorecard", budgetBytes: 200 * KB },
];

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/g;

/** The document split in two: the inline scripts that carry loader data, and the rest. */
export function splitDocument(html: string): { markup: string; data: string } {
  let data = "";
  const markup = html.replace(INLINE_SCRIPT, (script) => {
    if (!script.includes("__remixContext")) return script;
    data += script;
    return "";
  });
  return { markup, data };
}

const gzipSize = (text: string) => zlib.gzipSync(text).length;

/** Fetches each page's document as a signed-in browser would and weighs it. */
export async function pageWeights(origin: string, cookie: string): Promise<PageWeight[]> {
  const weights: PageWeight[] = [];
  for (const page of WEIGHED_PAGES) {
    const response = await fetch(origin + page.path, {
      headers: { cookie, "accept-encoding": "identity", accept: "text/html" },
      redirect: "manual",
    });
    const html = await response.text();
    const { markup, data } = splitDocument(html);
    const bytes = Buffer.byteLength(html);
    weights.push({
      ...page,
      status: response.status,
      bytes,
      gzipBytes: gzipSize(html),
      markupBytes: Buffer.byteLength(markup),
      markupGzipBytes: gzipSize(markup),
      dataBytes: Buffer.byteLength(data),
      dataGzipBytes: gzipSize(data),
      pass: response.status === 200 && bytes <= page.budgetBytes,
    });
  }
  return weights;
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

export function printPageWeights(weights: readonly PageWeight[]): void {
  printTable(
    ["page", "path", "raw", "markup", "data", "gzip", "markup gz", "data gz", "budget (raw)", "result"],
    weights.map((w) => [
      w.name,
      w.path,
      kb(w.bytes),
      kb(w.markupBytes),
      kb(w.dataBytes),
      kb(w.gzipBytes),
      kb(w.markupGzipBytes),
      kb(w.dataGzipBytes),
      `≤ ${kb(w.budgetBytes)}`,
      w.status === 200 ? (w.pass ? "PASS" : "FAIL") : `HTTP ${w.status}`,
    ]),
    2,
  );
}

async function main(): Promise<void> {
  const source = process.argv[2];
  if (source === undefined || !fs.existsSync(source)) {
    throw new Error("Usage: npx tsx tests/bench/page-weight.ts <generated database, e.g. data/bench-100000.db>");
  }
  await withLeadershipServer(source, async (origin, cookie) => {
    console.log(`Page weights (${path.basename(source)}; kB = 1000 bytes)\n`);
    printPageWeights(await pageWeights(origin, cookie));
  });
}

runWhenStarted(import.meta.url, main);
