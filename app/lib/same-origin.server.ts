// A state-changing request must come from our own pages: its Origin (or, failing
// that, its Referer) must be this server's origin. With SameSite=Lax cookies this
// closes cross-site request forgery even for old browsers.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(
  method: string,
  headers: { origin?: string; referer?: string },
  ownOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const source = headers.origin ?? headers.referer;
  if (!source || source === "null") return false;
  try {
    return new URL(source).origin === ownOrigin;
  } catch {
    return false;
  }
}
