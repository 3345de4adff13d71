// How large a request body the server reads. Remix reads a whole form into memory
// before any action runs, so the limit is enforced on the request's headers, before
// a byte of the body is read: a declared length over the limit is refused (413), and
// so is a body that declares no length (411: browsers always send Content-Length
// with a form; a chunked upload could otherwise grow without bound).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Above every form of the app: the largest is an import upload (2 MB) or a pasted directive (100,000 characters). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function bodyLimitRefusal(
  method: string,
  headers: { contentLength?: string; transferEncoding?: string },
  max: number = MAX_BODY_BYTES,
): 411 | 413 | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (headers.contentLength === undefined) return headers.transferEncoding === undefined ? null : 411;
  const length = Number(headers.contentLength);
  return Number.isSafeInteger(length) && length >= 0 && length <= max ? null : 413;
}
