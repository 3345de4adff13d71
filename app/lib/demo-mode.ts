import { createContext, useContext } from "react";

/**
 * Whether the server runs in demo mode (docs/decisions/020), for the banner on every
 * page — error pages too, which have no loader data. The server sets it from the mode
 * it decided at start (app/entry.server.tsx); the browser reads it back from the page
 * the server sent (app/entry.client.tsx), so hydration renders the same.
 */
const DemoModeContext = createContext(false);
export const DemoModeProvider = DemoModeContext.Provider;

/** The attribute the banner carries: how the browser knows the server rendered one. */
export const DEMO_BANNER_ATTRIBUTE = "data-demo-banner";

export function useDemoMode(): boolean {
  return useContext(DemoModeContext);
}
