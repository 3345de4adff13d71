import { getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useState, type FormEvent, type ReactNode } from "react";
import type { SavedNotice } from "~/lib/desk-forms";
import { useT } from "~/lib/i18n";

// Shared look of the secretariat's forms.
export const INPUT_CLASS = "w-full rounded border border-slate-400 bg-white px-3 py-2";
export const LABEL_CLASS = "text-sm font-medium";
export const HINT_CLASS = "text-xs text-slate-700";

/** A field's errors, referenced by the field's `aria-describedby`. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <p id={id} className="text-sm text-red-800">
      {errors.join(" ")}
    </p>
  );
}

/** Errors about the whole form, announced as soon as they appear. */
export function FormAlert({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div id={id} role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      {errors.join(" ")}
    </div>
  );
}

/** What a page's action answers when a move posted from the page (an intent) is refused. */
export interface IntentReply {
  intent: string | null;
  result: SubmissionResult<string[]>;
  conflict: ConflictView | null;
}

export interface ConflictView {
  changes: { field: string; from: string; to: string; by: string; at: string }[];
}

/**
 * A save refused because someone saved first (docs/domain-rules.md §5): the server's message,
 * what the others changed (field, old → new, who, when), and that the user's own
 * input is still in the form, ready to be saved again.
 */
export function ConflictNotice({
  id,
  message,
  conflict,
}: {
  id: string;
  message: string[] | undefined;
  conflict: ConflictView;
}) {
  const t = useT();
  return (
    <div
      id={id}
      role="alert"
      className="space-y-2 rounded border border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      <p className="font-semibold">{message?.join(" ") ?? t("desk.conflict.task")}</p>
      {conflict.changes.length > 0 && (
        <>
          <p>{t("desk.conflict.changesIntro")}</p>
          <ul className="list-inside list-disc space-y-1">
            {conflict.changes.map((change, index) => (
              <li key={index}>
                {t("desk.conflict.change", {
                  field: change.field,
                  from: change.from,
                  to: change.to,
                  by: change.by,
                  at: change.at,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t("desk.conflict.keepInput")}</p>
    </div>
  );
}

/** Form-level errors, or the conflict notice when the save was refused as stale. */
export function FormProblems({
  id,
  errors,
  conflict,
}: {
  id: string;
  errors: string[] | undefined;
  conflict: ConflictView | null;
}) {
  return conflict ? (
    <ConflictNotice id={id} message={errors} conflict={conflict} />
  ) : (
    <FormAlert id={id} errors={errors} />
  );
}

/** The confirmation a page shows after a redirect from a successful save. */
export function SavedBanner({ notice }: { notice: SavedNotice | null }) {
  const t = useT();
  if (!notice) return null;
  return (
    <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
      {t(`desk.saved.${notice}`)}
    </p>
  );
}

/** The id of a field's hint, referenced by the field's `aria-describedby`. */
export function hintId(field: { id: string }): string {
  return `${field.id}-hint`;
}

/**
 * What every labelled field of a form has around its control: the label (with a
 * mark when required), the hint and the errors. The administration forms
 * (app/components/admin-form.tsx) style their controls their own way inside it.
 */
export function FieldShell({
  field,
  label,
  hint,
  required,
  wide = false,
  children,
}: {
  field: { id: string; errorId: string; errors?: string[] };
  label: string;
  hint?: string;
  required?: boolean;
  /** Spans both columns of a two-column fieldset. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? "flex flex-col gap-1 sm:col-span-2" : "flex flex-col gap-1"}>
      <label htmlFor={field.id} className={LABEL_CLASS}>
        {label}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-800">
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={hintId(field)} className={HINT_CLASS}>
          {hint}
        </p>
      )}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled select with its errors; the options are the children. */
export function SelectField({
  field,
  label,
  wide = false,
  children,
}: {
  field: Parameters<typeof getSelectProps>[0];
  label: string;
  /** Spans both columns of a two-column fieldset. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <FieldShell field={field} label={label} wide={wide}>
      <select {...getSelectProps(field)} className={INPUT_CLASS}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A labelled text field with its errors: one line, or a textarea of `rows` lines. */
export function TextField({
  field,
  label,
  rows,
  wide = false,
  max,
}: {
  field: Parameters<typeof getInputProps>[0];
  label: string;
  /** A textarea of this many lines instead of a one-line input. */
  rows?: number;
  /** Spans both columns of a two-column fieldset. */
  wide?: boolean;
  /** The field's length limit, counted down once the text nears it (LengthCounter). */
  max?: number;
}) {
  const [length, track] = useTypedLength(field.initialValue);
  const counted = max === undefined ? {} : { onInput: track };
  return (
    <FieldShell field={field} label={label} wide={wide}>
      {rows === undefined ? (
        <input {...getInputProps(field, { type: "text" })} {...counted} className={INPUT_CLASS} />
      ) : (
        <textarea {...getTextareaProps(field)} {...counted} rows={rows} className={INPUT_CLASS} />
      )}
      {max !== undefined && <LengthCounter id={`${field.id}-length`} length={length} max={max} />}
    </FieldShell>
  );
}

/** The length of the text in a field, followed as it is typed (for LengthCounter). */
export function useTypedLength(
  initial: unknown,
): [number, (event: FormEvent<HTMLInputElement | HTMLTextAreaElement>) => void] {
  const [length, setLength] = useState(typeof initial === "string" ? initial.length : 0);
  return [length, (event) => setLength(event.currentTarget.value.length)];
}

/** The share of a limit from which the count shows: far from it, a count is only noise. */
const NEAR_LIMIT = 0.8;

/**
 * How many characters are left before a field's limit, or how many are over it —
 * shown once the text reaches 80% of the limit, instead of only after a refused
 * save. A polite live region: screen readers hear it as the limit nears.
 */
export function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const t = useT();
  const near = length >= Math.floor(max * NEAR_LIMIT);
  const over = length > max;
  return (
    <p
      id={id}
      aria-live="polite"
      data-testid="length-counter"
      className={`text-xs ${over ? "font-semibold text-red-800" : "text-slate-700"}`}
    >
      {near &&
        (over
          ? t("desk.length.over", { over: length - max, max })
          : t("desk.length.left", { left: max - length, max }))}
    </p>
  );
}

/**
 * A calendar-day field typed as dd/mm/yyyy (every date of the desk forms): label,
 * numeric keyboard on phones, a hint and its errors, all linked for screen readers.
 */
export function DateField({
  field,
  label,
  hint,
}: {
  field: Parameters<typeof getInputProps>[0];
  label: string;
  hint: string;
}) {
  const t = useT();
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input
        {...getInputProps(field, { type: "text", ariaDescribedBy: hintId(field) })}
        placeholder={t("desk.dateHint")}
        inputMode="numeric"
        autoComplete="off"
        className={INPUT_CLASS}
      />
    </FieldShell>
  );
}
