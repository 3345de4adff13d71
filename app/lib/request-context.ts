// What the HTTP server hands every loader and action besides the request.
export interface RequestContext {
  /** The client's address as seen by the server (behind a proxy: see TRUST_PROXY). */
  clientIp: string;
  /** Correlates log lines and audit events of one request. */
  requestId: string;
  /** The Content-Security-Policy nonce for this response's inline scripts. */
  cspNonce: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
