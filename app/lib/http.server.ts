import { data } from "@remix-run/node";

const THIS_SITE = "http://this.site.invalid";

/**
 * A path on this site to go back to after a POST, or the fallback: never an
 * absolute or protocol-relative URL, so a crafted link cannot send users off-site.
 * The path comes back percent-encoded (`/search?q=%C4%91%C3%A0o`): a `Location`
 * header carries only Latin-1, and "/search?q=đào tạo" as it stands would make the
 * answer itself fail after the request's work was done.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  // The URL parser encodes what a header cannot carry and resolves dot segments and
  // backslashes; what it makes of the path is checked again, not the text typed.
  const url = new URL(to.replace(/\p{Cs}/gu, "\ufffd"), THIS_SITE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== THIS_SITE || path.startsWith("//")) return fallback;
  return path;
}

/** Throws a 404 that does not say whether the record exists (docs/domain-rules.md §5). */
export function notFound(): never {
  throw data(null, { status: 404 });
}

/** Throws a 400 whose body is a translated, human-readable message. */
export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}
