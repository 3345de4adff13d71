// Where keyboard focus goes after a form is submitted (client-safe). A page rendered
// again after a post (the confirmation after a redirect, or the form with its errors)
// leaves focus on the page body, or on a button far from what changed: keyboard and
// screen-reader users then hear nothing of the outcome and must find it. This puts
// focus on it: the form's errors, else the first invalid field, else the confirmation.
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

const OUTCOMES = {
  problem: '[role="alert"]',
  invalidField: '[aria-invalid="true"]',
  confirmation: '[role="status"]',
} as const;

/** The element in `main` that tells the outcome of a submission, if any. */
function outcomeOf(main: HTMLElement, kind: "post" | "get"): HTMLElement | null {
  const first = (selector: string) => main.querySelector<HTMLElement>(selector);
  // A filter form (GET) that worked just shows its results; only its errors need finding.
  return (
    first(OUTCOMES.problem) ?? first(OUTCOMES.invalidField) ?? (kind === "post" ? first(OUTCOMES.confirmation) : null)
  );
}

/** Moves focus to the outcome of each submission once the page shows it. Used once, by the app shell. */
export function useFocusAfterSubmit(): void {
  const navigation = useNavigation();
  const pending = useRef<"post" | "get" | null>(null);
  useEffect(() => {
    if (navigation.state === "submitting" || (navigation.state === "loading" && navigation.formMethod)) {
      pending.current = navigation.formMethod?.toUpperCase() === "GET" ? "get" : "post";
      return;
    }
    if (navigation.state !== "idle" || pending.current === null) return;
    const kind = pending.current;
    pending.current = null;
    const main = document.getElementById("main");
    if (!main) return;
    // Conform has already put focus on the first field it refused: that is the outcome.
    const active = document.activeElement;
    if (active instanceof HTMLElement && main.contains(active) && active.getAttribute("aria-invalid") === "true")
      return;
    const target = outcomeOf(main, kind);
    if (!target) return;
    // A message is not focusable by itself; -1 makes it focusable without adding a tab stop.
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.tabIndex = -1;
    target.focus();
  }, [navigation.state, navigation.formMethod]);
}
