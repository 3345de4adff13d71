// The form that publishes a period report (app/routes/reports._index). Client-safe.
import { z } from "zod";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { requiredDate, requiredText } from "~/lib/desk-schemas";
import type { Translate } from "~/lib/i18n";

export function publishReportSchema(t: Translate) {
  const committee = t("desk.error.invalidChoice", { field: t("published.form.committee") });
  return z.object({
    title: requiredText(t, "published.form.title", DESK_LIMITS.title),
    cutOff: requiredDate(t, "published.form.cutOff"),
    committee: z
      .number({ error: committee })
      .int(committee)
      .positive(committee)
      .optional()
      .transform((value) => value ?? undefined),
  });
}
