import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useLazyValidation } from "~/lib/form-validation";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { useT } from "~/lib/i18n";
import {
  type ConflictView,
  FieldErrors,
  FormProblems,
  HINT_CLASS,
  INPUT_CLASS,
  LABEL_CLASS,
  TextField,
} from "./form-feedback";

export interface CommitteeFormValues {
  code?: string;
  name?: string;
  description?: string;
  active?: string;
}

/**
 * The committee form, for a new committee or an edit (which also offers to
 * deactivate it, and carries the version it is based on). Works without
 * JavaScript; with it, fields are checked as they are left.
 */
export function CommitteeForm({
  mode,
  version,
  conflict = null,
  lastResult,
  defaultValue,
  cancelTo,
}: {
  mode: "new" | "edit";
  /** The version an edit is based on; absent for a new committee. */
  version?: number;
  conflict?: ConflictView | null;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: CommitteeFormValues;
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const validation = useLazyValidation(mode === "new" ? "newCommittee" : "editCommittee", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [form, fields] = useForm({ id: "committee-form", lastResult, defaultValue, ...validation });
  const codeHint = `${fields.code.id}-hint`;
  const descriptionHint = `${fields.description.id}-hint`;
  const activeHint = `${fields.active.id}-hint`;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormProblems id={form.errorId} errors={form.errors} conflict={conflict} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("committee.legend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.code.id} className={LABEL_CLASS}>
            {t("committee.field.code")}
          </label>
          <input
            {...getInputProps(fields.code, { type: "text", ariaDescribedBy: codeHint })}
            placeholder="BCD-CDS"
            autoComplete="off"
            spellCheck={false}
            className={INPUT_CLASS}
          />
          <p id={codeHint} className={HINT_CLASS}>
            {t("committee.field.codeHint")}
          </p>
          <FieldErrors id={fields.code.errorId} errors={fields.code.errors} />
        </div>
        <TextField field={fields.name} label={t("committee.field.name")} wide max={DESK_LIMITS.committeeName} />
        <div className="flex flex-col gap-1 sm:col-span-3">
          <label htmlFor={fields.description.id} className={LABEL_CLASS}>
            {t("committee.field.description")}
          </label>
          <textarea
            {...getTextareaProps(fields.description, { ariaDescribedBy: descriptionHint })}
            rows={4}
            className={INPUT_CLASS}
          />
          <p id={descriptionHint} className={HINT_CLASS}>
            {t("committee.field.descriptionHint")}
          </p>
          <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        {mode === "edit" && (
          <div className="flex items-start gap-2 sm:col-span-3">
            <input
              {...getInputProps(fields.active, { type: "checkbox", ariaDescribedBy: activeHint })}
              className="mt-1 size-4"
            />
            <div>
              <label htmlFor={fields.active.id} className={LABEL_CLASS}>
                {t("committee.field.active")}
              </label>
              <p id={activeHint} className={HINT_CLASS}>
                {t("committee.field.activeHint")}
              </p>
              <FieldErrors id={fields.active.errorId} errors={fields.active.errors} />
            </div>
          </div>
        )}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t(mode === "new" ? "committee.create" : "desk.save")}
        </button>
        <Link to={cancelTo}>{t("desk.cancel")}</Link>
      </div>
    </Form>
  );
}
