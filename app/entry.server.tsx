import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./lib/nonce";
import { cachedDocument, documentKey, keepDocument } from "./lib/read-cache.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Set by the production server (app/server/start.ts); absent in the dev server, which sends no CSP.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const whole = isbot(request.headers.get("user-agent") ?? "");
  // A page whose data came from the read cache, rendered before for the same data and root data: sent as it was.
  const { loaderData, matches, actionData } = remixContext.staticHandlerContext;
  const cacheKey =
    nonce === "" || request.method !== "GET" || actionData !== null
      ? null
      : documentKey(
          new URL(request.url),
          responseStatusCode,
          matches.map((match) => loaderData[match.route.id]),
        );
  const cached = cacheKey === null ? undefined : cachedDocument(cacheKey);
  if (cached !== undefined) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(cached.join(nonce), { headers: responseHeaders, status: responseStatusCode });
  }
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const send = () => {
      shellRendered = true;
      const body = cacheKey === null ? new PassThrough() : keeping(cacheKey, nonce, () => !failed);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    // What is still loading after ABORT_DELAY is abandoned (and the page not kept); the
    // timer ends with the rendering, so a finished request leaves nothing behind.
    const timer = setTimeout(() => {
      failed = true;
      abort();
    }, ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!whole) send();
        },
        onAllReady() {
          clearTimeout(timer);
          if (whole) send();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          failed = true;
          // Errors after the shell is sent are logged here; earlier ones reach onShellError.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

/** Passes the document through and keeps it once it is complete, if nothing failed on the way. */
function keeping(key: string, nonce: string, succeeded: () => boolean): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (succeeded()) keepDocument(key, Buffer.concat(chunks).toString("utf8"), nonce);
      callback();
    },
  });
}
