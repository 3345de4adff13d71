import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./lib/nonce";
import { appMode } from "./lib/app-mode.mjs";
import { DemoModeProvider } from "./lib/demo-mode";
import { keepPage, renderedPageKey } from "./server/read-cache.server";
import { outgoingDocument } from "./lib/outgoing-document.server";
import { logger } from "./lib/logger.server";
import { PAGE_CACHE_HEADER } from "./server/page-cache.server";
import { renderStarts } from "./lib/server-timing.server";

// The HTTP server (app/server/start.ts) takes what it needs of the app from here: docs/decisions/021.
export { serverRuntime } from "./server/runtime.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/** Errors of loaders, actions and rendering go to the application log. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  // A client that gave up, or a 4xx (no such page: the access log has it), is not an error of the server.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  // A thrown 4xx/5xx response carries the original error inside, when there was one.
  const err = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  logger.error({ err, method: request.method, path: new URL(request.url).pathname }, "Error while serving a request");
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Set by the production server (app/server/start.ts); absent in the dev server, which sends no CSP.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // `npm run bench`'s timings (BENCH_TIMINGS=1; null otherwise) want the render's whole time in a header.
  const timing = renderStarts(remixContext.staticHandlerContext.loaderData);
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const whole = isbot(request.headers.get("user-agent") ?? "") || timing !== null;
  // A page whose data came from the read cache is kept once rendered; the next request
  // for it is answered before any loader runs (app/server/page-cache.server.ts).
  const { loaderData, matches, actionData } = remixContext.staticHandlerContext;
  const url = new URL(request.url);
  const pageKey =
    nonce === "" || request.method !== "GET" || actionData !== null
      ? null
      : renderedPageKey(
          url,
          responseStatusCode,
          matches.map((match) => loaderData[match.route.id]),
        );
  if (pageKey !== null) responseHeaders.set(PAGE_CACHE_HEADER, "miss");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const send = () => {
      shellRendered = true;
      // Kept only if nothing failed on the way.
      const body = outgoingDocument(
        pageKey === null ? null : (html) => failed || keepPage(pageKey, url, responseHeaders, html, nonce),
      );
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      if (timing !== null) responseHeaders.set("Server-Timing", timing.finish(true));
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
        <DemoModeProvider value={appMode() === "demo"}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </DemoModeProvider>
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
          if (shellRendered) logger.error({ err: error, path: new URL(request.url).pathname }, "Error while rendering");
        },
      },
    );
  });
}
