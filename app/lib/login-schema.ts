// The sign-in form's Zod schema, with messages in the reader's language. The action
// parses with it; in the browser it is loaded on demand after the page is interactive
// (app/lib/form-validation.ts). Client-safe: no server imports.
import { z } from "zod";
import type { Translate } from "~/lib/i18n";

export function loginSchema(t: Translate) {
  const required = (field: string) => t("auth.login.required", { field: field.toLowerCase() });
  return z.object({
    login: z
      .string({ error: required(t("auth.login.login")) })
      .trim()
      .min(1, required(t("auth.login.login")))
      .max(100, t("auth.login.tooLong", { field: t("auth.login.login") })),
    password: z
      .string({ error: required(t("auth.login.password")) })
      .min(1, required(t("auth.login.password")))
      .max(200, t("auth.login.tooLong", { field: t("auth.login.password") })),
    // Where to go after signing in; a crafted value is ignored (safeRedirectPath), never a reason to refuse.
    redirectTo: z.string().max(2000).optional().catch(undefined),
  });
}
