// The signed-in user as the root loader gives it, for the UI to hide what the
// user cannot do (the server checks again on every request).
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

export function useOptionalUser() {
  return useRouteLoaderData<typeof rootLoader>("root")?.user ?? null;
}
