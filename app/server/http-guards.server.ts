// Express middleware that refuses a request before any route sees it: cross-origin
// writes, writes to the read-only JSON API, bodies too large or of unknown length.
// Part of the app's server build (app/server/runtime.server.ts), handed to the
// HTTP server (app/server/start.ts) so that their modules load once per process.
import type { NextFunction, Request, Response } from "express";
import { MAX_UPLOAD_REQUEST_BYTES } from "../domain/attachments";
import { apiMethodRefusal } from "../lib/api-protocol";
import { bodyLimitRefusal, MAX_BODY_BYTES } from "../lib/body-limit.server";
import { translate } from "../lib/i18n";
import { isSameOriginRequest } from "../lib/same-origin.server";

/** Non-GET requests from another origin are refused before they reach any action. */
export function refuseCrossOrigin(req: Request, res: Response, next: NextFunction) {
  const ownOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
  const headers = { origin: req.get("origin"), referer: req.get("referer") };
  if (isSameOriginRequest(req.method, headers, ownOrigin)) return next();
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(`${translate("vi", "error.crossOrigin")}\n${translate("en", "error.crossOrigin")}\n`);
}

/** The JSON API only reads: other methods get a JSON 405 there, not the cross-origin refusal's text. */
export function readOnlyApi(req: Request, res: Response, next: NextFunction) {
  const lang = typeof req.query.lang === "string" ? req.query.lang : null;
  const refusal = apiMethodRefusal(req.method, req.get("accept-language"), lang);
  if (refusal === null) return next();
  res.status(refusal.status).set(refusal.headers).send(refusal.body);
}

/**
 * Where a task page's forms post, which take files (attachments): `/tasks/5` without
 * JavaScript, `/tasks/5.data` when Remix posts the form itself (single fetch). nginx's
 * site (docs/deploy/nginx) gives the same paths the same limit.
 */
export const TASK_PAGE_POST_PATH = /^\/tasks\/\d+(?:\/|\.data)?$/;

/** Bodies larger than any form of the app, or of unknown length, are refused before anything reads them. */
export function limitBodies(req: Request, res: Response, next: NextFunction) {
  // The task page takes files: its own, larger limit; its parser then limits each file.
  const upload = TASK_PAGE_POST_PATH.test(req.path) && /^\s*multipart\/form-data/i.test(req.get("content-type") ?? "");
  const refusal = bodyLimitRefusal(
    req.method,
    { contentLength: req.get("content-length"), transferEncoding: req.get("transfer-encoding") },
    upload ? MAX_UPLOAD_REQUEST_BYTES : MAX_BODY_BYTES,
  );
  if (refusal === null) return next();
  const key = refusal === 413 ? "input.error.tooLarge" : "input.error.lengthRequired";
  const max = (upload ? MAX_UPLOAD_REQUEST_BYTES : MAX_BODY_BYTES) / 1024 / 1024;
  // Node reads and discards the unread body once the answer is sent (nothing is kept in memory).
  res
    .status(refusal)
    .type("text/plain; charset=utf-8")
    .send(`${translate("vi", key, { max })}\n${translate("en", key, { max })}\n`);
}
