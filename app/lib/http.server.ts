import { data } from "@remix-run/node";

/**
 * A path on this site to go back to after a POST, or the fallback: never an
 * absolute or protocol-relative URL, so a crafted link cannot send users off-site.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}

/** Throws a 404 that does not say whether the record exists (docs/domain-rules.md §5). */
export function notFound(): never {
  throw data(null, { status: 404 });
}

/** Throws a 400 whose body is a translated, human-readable message. */
export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}
