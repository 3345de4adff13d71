// The catalogues by locale, for the server, tests and scripts: both, loaded eagerly.
//
// The browser build swaps this module for catalogs.browser.ts (a resolver in
// vite.config.ts), which loads only the reader's language — the catalogues are the
// largest piece of the app's own client JavaScript, and a page needs one of them.
import type { Locale } from "../i18n";
import { en } from "./en";
import { vi, type MessageKey } from "./vi";

export type Catalog = Record<MessageKey, string>;

const CATALOGS: Record<Locale, Catalog> = { vi, en };

export function catalogFor(locale: Locale): Catalog {
  return CATALOGS[locale];
}

/** Resolves at once here; the browser twin fetches the catalogue. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  return Promise.resolve(CATALOGS[locale]);
}
