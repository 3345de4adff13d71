// Client-side validation of forms, loaded once the page is interactive. A page renders
// its fields' HTML constraints from plain objects (form-constraints.ts); Zod, the
// schemas and @conform-to/zod (form-schemas.ts) arrive by a dynamic import when the
// browser is idle after hydration, or at once when the user first focuses or presses
// anything. Until then a submission goes to the server, whose action validates it
// with the same schema. Why: docs/decisions/016-lazy-form-validation.md.
import type { Submission } from "@conform-to/react";
import { useEffect, useState } from "react";
import type { input, output } from "zod";
import { FORM_CONSTRAINTS, type FieldConstraint } from "./form-constraints";
// Types only: erased from the build, so this module never pulls Zod into a page.
import type * as FormSchemas from "./form-schemas";
import type { FormArgs, FormName, FormSchema } from "./form-schemas";
import { translator, useLocale } from "./i18n";

type Validation = typeof FormSchemas;
type ValidateOn = "onSubmit" | "onBlur" | "onInput";

let loaded: Validation | null = null;
let loading: Promise<Validation> | null = null;

/** Loads the validation module once per page; a failed load (offline, blocked) is tried again next time. */
export function loadFormValidation(): Promise<Validation> {
  loading ??= import("./form-schemas").then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The options `useForm` takes from this hook: spread them into it. */
export interface LazyValidation<Name extends FormName> {
  constraint: Record<string, FieldConstraint>;
  shouldValidate: ValidateOn;
  shouldRevalidate: ValidateOn;
  // Written out (not behind an alias of ours) so that useForm infers the form's fields from it.
  onValidate:
    | ((context: { formData: FormData }) => Submission<input<FormSchema<Name>>, string[], output<FormSchema<Name>>>)
    | undefined;
}

/**
 * Conform options for the form `name`: its constraints at once (the same on the server
 * and in the browser), and `onValidate` with the asked-for timing once the validation
 * module has loaded. Before that, fields are not checked as they are left (that would
 * post each one to the server) and a submission goes to the action.
 */
export function useLazyValidation<Name extends FormName>(
  name: Name,
  timing: { shouldValidate?: ValidateOn; shouldRevalidate?: ValidateOn },
  ...args: FormArgs<Name>
): LazyValidation<Name> {
  const locale = useLocale();
  // `loaded` is null during hydration (it is set only by an effect), so the first render matches the server's.
  const [validation, setValidation] = useState(loaded);

  useEffect(() => {
    if (validation !== null) return;
    let active = true;
    const load = () => {
      loadFormValidation().then(
        (module) => active && setValidation(module),
        // Nothing to report to the user: the server validates what they post.
        () => undefined,
      );
    };
    const idle =
      typeof window.requestIdleCallback === "function"
        ? window.requestIdleCallback(load, { timeout: 2_000 })
        : window.setTimeout(load, 200);
    const events = ["focusin", "pointerdown", "keydown"] as const;
    for (const event of events) document.addEventListener(event, load, { once: true, capture: true });
    return () => {
      active = false;
      if (typeof window.cancelIdleCallback === "function") window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
      for (const event of events) document.removeEventListener(event, load, { capture: true });
    };
  }, [validation]);

  const constraint = FORM_CONSTRAINTS[name];
  if (validation === null) {
    return { constraint, shouldValidate: "onSubmit", shouldRevalidate: "onSubmit", onValidate: undefined };
  }
  const shouldValidate = timing.shouldValidate ?? "onSubmit";
  return {
    constraint,
    shouldValidate,
    shouldRevalidate: timing.shouldRevalidate ?? shouldValidate,
    onValidate: ({ formData }) => validation.parseForm(name, translator(locale), args, formData),
  };
}
