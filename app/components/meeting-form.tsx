import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useLazyValidation } from "~/lib/form-validation";
import { useT } from "~/lib/i18n";
import type { CommitteeOption } from "~/domain/views";
import {
  type ConflictView,
  DateField,
  FieldErrors,
  FormProblems,
  HINT_CLASS,
  INPUT_CLASS,
  LABEL_CLASS,
  LengthCounter,
  SelectField,
  TextField,
  useTypedLength,
} from "./form-feedback";
import { DESK_LIMITS } from "~/lib/desk-forms";

export interface MeetingFormValues {
  committeeId?: string;
  heldOn?: string;
  title?: string;
  chair?: string;
  place?: string;
  attendees?: string;
  notes?: string;
}

/**
 * The meeting form. A new meeting chooses its committee; an edit keeps it (the
 * page names it) and carries the version it is based on. Works without
 * JavaScript; with it, fields are checked as they are left.
 */
export function MeetingForm({
  version,
  conflict = null,
  lastResult,
  defaultValue,
  committees,
  cancelTo,
}: {
  /** The version an edit is based on; absent for a new meeting. */
  version?: number;
  conflict?: ConflictView | null;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: MeetingFormValues;
  /** The committees to choose from, for a new meeting; absent for an edit. */
  committees?: CommitteeOption[];
  cancelTo: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const isNew = committees !== undefined;
  const validation = useLazyValidation(isNew ? "newMeeting" : "editMeeting", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [form, fields] = useForm({
    id: "meeting-form",
    lastResult,
    defaultValue,
    ...validation,
  });
  const titleHint = `${fields.title.id}-hint`;
  const [titleLength, trackTitle] = useTypedLength(fields.title.initialValue);
  const attendeesHint = `${fields.attendees.id}-hint`;

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormProblems id={form.errorId} errors={form.errors} conflict={conflict} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("meeting.legend")}</legend>
        {isNew && (
          <SelectField field={fields.committeeId} label={t("meeting.field.committee")} wide>
            <option value="">{t("desk.choose")}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        )}
        <DateField field={fields.heldOn} label={t("meeting.field.heldOn")} hint={t("meeting.field.heldOnHint")} />
        <TextField field={fields.chair} label={t("meeting.field.chair")} />
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label htmlFor={fields.title.id} className={LABEL_CLASS}>
            {t("meeting.field.title")}
          </label>
          <input
            {...getInputProps(fields.title, { type: "text", ariaDescribedBy: titleHint })}
            onInput={trackTitle}
            className={INPUT_CLASS}
          />
          <p id={titleHint} className={HINT_CLASS}>
            {t("meeting.field.titleHint")}
          </p>
          <LengthCounter id={`${fields.title.id}-length`} length={titleLength} max={DESK_LIMITS.title} />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <TextField field={fields.place} label={t("meeting.field.place")} wide />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("meeting.contentLegend")}</legend>
        <div className="flex flex-col gap-1">
          <label htmlFor={fields.attendees.id} className={LABEL_CLASS}>
            {t("meeting.field.attendees")}
          </label>
          <textarea
            {...getTextareaProps(fields.attendees, { ariaDescribedBy: attendeesHint })}
            rows={4}
            className={INPUT_CLASS}
          />
          <p id={attendeesHint} className={HINT_CLASS}>
            {t("meeting.field.attendeesHint")}
          </p>
          <FieldErrors id={fields.attendees.errorId} errors={fields.attendees.errors} />
        </div>
        <TextField field={fields.notes} label={t("meeting.field.notes")} rows={8} />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={navigation.state === "submitting"}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {t(isNew ? "meeting.create" : "desk.save")}
        </button>
        <Link to={cancelTo}>{t("desk.cancel")}</Link>
      </div>
    </Form>
  );
}
