import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatLocalDate } from "~/domain/dates";
import { DIRECTIVE_TYPES } from "~/domain/vocabulary";
import { DESK_LIMITS } from "~/lib/desk-forms";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import { useHydrated } from "~/lib/use-hydrated";
import type { CommitteeOption, MeetingOption } from "~/domain/views";
import {
  type ConflictView,
  DateField,
  FieldErrors,
  FormProblems,
  HINT_CLASS,
  INPUT_CLASS,
  LABEL_CLASS,
  SelectField,
  TextField,
} from "./form-feedback";

export interface DirectiveFormValues {
  committeeId?: string;
  meetingId?: string;
  number?: string;
  type?: string;
  issuedOn?: string;
  issuer?: string;
  signer?: string;
  abstract?: string;
  fullText?: string;
  confidential?: string;
}

/**
 * The directive form, for a new directive (a draft) or an edit (with the
 * version it is based on). Works without JavaScript; with it, fields are checked
 * as they are left and the meeting list follows the chosen committee.
 */
export function DirectiveForm({
  version,
  lastResult,
  conflict,
  defaultValue,
  committees,
  meetings,
  cancelTo,
}: {
  /** The version an edit is based on; absent for a new directive. */
  version?: number;
  lastResult: SubmissionResult<string[]> | undefined;
  conflict: ConflictView | null;
  defaultValue: DirectiveFormValues;
  committees: CommitteeOption[];
  meetings: MeetingOption[];
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const validation = useLazyValidation(version === undefined ? "newDirective" : "editDirective", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [form, fields] = useForm({
    id: "directive-form",
    lastResult,
    defaultValue,
    ...validation,
  });
  const initialCommittee = typeof fields.committeeId.initialValue === "string" ? fields.committeeId.initialValue : "";
  const [committeeId, setCommitteeId] = useState(initialCommittee);
  // Without JavaScript every meeting is offered, grouped by committee; the server checks the pair.
  const shownCommittees =
    hydrated && committeeId !== "" ? committees.filter((c) => String(c.id) === committeeId) : committees;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormProblems id={form.errorId} errors={form.errors} conflict={conflict} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("desk.directive.documentLegend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.committeeId.id} className={LABEL_CLASS}>
            {t("desk.directive.committee")}
          </label>
          <select
            {...getSelectProps(fields.committeeId)}
            onChange={(event) => setCommitteeId(event.currentTarget.value)}
            className={INPUT_CLASS}
          >
            <option value="">{t("desk.choose")}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.committeeId.errorId} errors={fields.committeeId.errors} />
        </div>
        <SelectField field={fields.meetingId} label={t("desk.directive.meeting")}>
          <option value="">{t("desk.directive.noMeeting")}</option>
          {shownCommittees.map((c) => {
            const ofCommittee = meetings.filter((m) => m.committeeId === c.id);
            if (ofCommittee.length === 0) return null;
            return (
              <optgroup key={c.id} label={c.name}>
                {ofCommittee.map((m) => (
                  <option key={m.id} value={m.id}>
                    {t("directive.meetingLine", { title: m.title, date: formatLocalDate(m.heldOn) })}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </SelectField>
        <SelectField field={fields.type} label={t("desk.directive.type")}>
          <option value="">{t("desk.choose")}</option>
          {DIRECTIVE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`directiveType.${type}`)}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.number.id} className={LABEL_CLASS}>
            {t("desk.directive.number")}
          </label>
          <input
            {...getInputProps(fields.number, { type: "text", ariaDescribedBy: `${fields.number.id}-hint` })}
            maxLength={DESK_LIMITS.directiveNumber}
            placeholder="320/TB-VPCP"
            autoComplete="off"
            className={INPUT_CLASS}
          />
          <p id={`${fields.number.id}-hint`} className={HINT_CLASS}>
            {t("desk.directive.numberHint")}
          </p>
          <FieldErrors id={fields.number.errorId} errors={fields.number.errors} />
        </div>
        <DateField
          field={fields.issuedOn}
          label={t("desk.directive.issuedOn")}
          hint={t("desk.directive.issuedOnHint")}
        />
        <TextField field={fields.issuer} label={t("desk.directive.issuer")} />
        <TextField field={fields.signer} label={t("desk.directive.signer")} wide />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("desk.directive.contentLegend")}</legend>
        <TextField field={fields.abstract} label={t("desk.directive.abstract")} rows={3} max={DESK_LIMITS.abstract} />
        <TextField field={fields.fullText} label={t("desk.directive.fullText")} rows={10} />
        <div className="flex items-start gap-2">
          <input
            {...getInputProps(fields.confidential, {
              type: "checkbox",
              ariaDescribedBy: `${fields.confidential.id}-hint`,
            })}
            className="mt-1 size-4"
          />
          <div>
            <label htmlFor={fields.confidential.id} className={LABEL_CLASS}>
              {t("desk.directive.confidential")}
            </label>
            <p id={`${fields.confidential.id}-hint`} className={HINT_CLASS}>
              {t("desk.directive.confidentialHint")}
            </p>
            <FieldErrors id={fields.confidential.errorId} errors={fields.confidential.errors} />
          </div>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t(version === undefined ? "desk.directive.create" : "desk.save")}
        </button>
        <Link to={cancelTo}>{t("desk.cancel")}</Link>
      </div>
    </Form>
  );
}
