import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEMO_BANNER_ATTRIBUTE, DemoModeProvider } from "./lib/demo-mode";
import { DEFAULT_LOCALE, isLocale } from "./lib/i18n";
import { loadCatalog } from "./lib/messages/catalogs";

// The page was rendered in <html lang>; its catalogue must be here before React hydrates.
const lang = document.documentElement.lang;
// Demo mode: the server rendered the banner (app/lib/demo-mode.ts).
const demo = document.querySelector(`[${DEMO_BANNER_ATTRIBUTE}]`) !== null;
void loadCatalog(isLocale(lang) ? lang : DEFAULT_LOCALE).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <DemoModeProvider value={demo}>
          <RemixBrowser />
        </DemoModeProvider>
      </StrictMode>,
    );
  });
});
