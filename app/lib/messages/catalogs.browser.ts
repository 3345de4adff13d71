// The browser twin of catalogs.ts (same exports; vite.config.ts resolves
// `./messages/catalogs` here for the client build). Each catalogue is its own
// chunk; entry.client.tsx loads the page's language before hydrating, and the
// language switch reloads the document, so the catalogue asked for is loaded.
import type { Locale } from "../i18n";
import type { Catalog } from "./catalogs";

const loaders: Record<Locale, () => Promise<Catalog>> = {
  vi: () => import("./vi").then((m) => m.vi),
  en: () => import("./en").then((m) => m.en),
};
const loaded: Partial<Record<Locale, Catalog>> = {};

export function catalogFor(locale: Locale): Catalog {
  const catalog = loaded[locale] ?? Object.values(loaded)[0];
  if (catalog === undefined) throw new Error(`The ${locale} catalogue is not loaded yet`);
  return catalog;
}

export async function loadCatalog(locale: Locale): Promise<Catalog> {
  return (loaded[locale] ??= await loaders[locale]());
}
