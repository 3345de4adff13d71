import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEMO_BANNER_ATTRIBUTE, DemoModeProvider } from "./lib/demo-mode";

// The page's messages are loaded already: Remix imports the root and route modules
// before this entry, and each awaits its namespaces (app/lib/messages/catalogs.browser.ts).
// Demo mode: the server rendered the banner (app/lib/demo-mode.ts).
const demo = document.querySelector(`[${DEMO_BANNER_ATTRIBUTE}]`) !== null;
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
