// The page cache in front of Remix: a page kept by app/entry.server.tsx is sent again
// without running any loader, rendering or encoding loader data, when nothing it was
// rendered from has changed — the URL, the root loader's data (who asks, the unread
// badge, the language), the data version and the day (app/server/read-cache.server.ts).
//
// What a hit still does is what the root loader does, because that is the key: it
// reads the session (so an ended or expired session, or a disabled account, never gets
// a kept page, and the session's last-seen time is noted as on any request) and counts
// the unread notifications. The route's own permission check is not run again: the
// page was kept from a request that passed it with the same user, role and department,
// and any write to users, settings or the data a page shows changes the data version.
import type { NextFunction, Request, Response } from "express";
import { getDb } from "../models/db.server";
import { gzippedPageBytes, keptPage, mayHaveKeptPage, pageBytes, requestedPageKey } from "./read-cache.server";
import { rootData } from "./root-data.server";

/** Says whether a page came from the page cache (`hit`) or was rendered and kept (`miss`): for the bench and operators. */
export const PAGE_CACHE_HEADER = "X-Page-Cache";

/** The request as the root loader sees it: its URL and its cookies are all that the root data reads. */
function fetchRequest(req: Request, url: URL): globalThis.Request {
  const cookie = req.get("cookie");
  return new globalThis.Request(url, { headers: cookie === undefined ? {} : { cookie } });
}

/**
 * Express middleware, placed just before the Remix handler (after the security headers,
 * which give the response its CSP nonce, and compression). A miss goes on to Remix.
 */
export function servePageFromCache(req: Request, res: Response, next: NextFunction): void {
  const nonce = res.locals.cspNonce as unknown;
  if (req.method !== "GET" || typeof nonce !== "string" || nonce === "") return next();
  // As Remix builds it: the path and query name the page; the host does not (it is no part of the key).
  const url = new URL(`http://page-cache.invalid${req.originalUrl}`);
  if (!mayHaveKeptPage(url)) return next();
  sendKeptPage(req, res, url, nonce).then(
    (sent) => sent || next(),
    // Whatever failed here fails again in Remix, which answers it as it answers any error.
    () => next(),
  );
}

async function sendKeptPage(req: Request, res: Response, url: URL, nonce: string): Promise<boolean> {
  const root = await rootData(fetchRequest(req, url));
  const page = keptPage(requestedPageKey(getDb(), url, root));
  if (page === undefined) return false;
  res.status(200);
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader(PAGE_CACHE_HEADER, "hit");
  res.setHeader("Vary", "Accept-Encoding");
  if (req.acceptsEncodings("gzip", "identity") === "gzip") {
    // Compressed already: the compression middleware leaves a response with a Content-Encoding alone.
    res.setHeader("Content-Encoding", "gzip");
    res.end(gzippedPageBytes(page, nonce));
  } else {
    res.end(pageBytes(page, nonce));
  }
  return true;
}
