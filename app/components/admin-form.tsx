// Building blocks of the administration forms (Conform + Zod): labelled fields
// whose hint and errors are linked with aria-describedby, a form-level alert,
// the "I understand" confirmation that guards destructive actions without
// JavaScript, and the notice shown after a successful action.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FieldErrors, FieldShell, hintId } from "./form-feedback";

// The form-level alert is the one the secretariat's forms use.
export { FormAlert } from "./form-feedback";

export const INPUT_CLASS =
  "w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

/** How a refusal from a model reaches the form: on its field when it names one, above the form otherwise. */
export function refusalReply(message: string, field?: string) {
  return field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] };
}

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  className,
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  className?: string;
}) {
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? hintId(field) : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint} required={field.required}>
      <input
        key={key}
        {...props}
        autoComplete={autoComplete}
        spellCheck={type === "text" ? false : undefined}
        className={`${INPUT_CLASS} ${className ?? ""}`}
      />
    </FieldShell>
  );
}

export function TextAreaField({ field, label, hint }: { field: FieldMetadata<string>; label: string; hint?: string }) {
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hint ? hintId(field) : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint} required={field.required}>
      <textarea key={key} {...props} rows={3} className={INPUT_CLASS} />
    </FieldShell>
  );
}

export function SelectField({
  field,
  label,
  hint,
  required,
  children,
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  hint?: string;
  /** Shown as required even when the schema cannot say so alone (required for some roles only). */
  required?: boolean;
  children: ReactNode;
}) {
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hint ? hintId(field) : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint} required={required ?? field.required}>
      <select key={key} {...props} className={INPUT_CLASS}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A checkbox the user must tick before a destructive action: the confirmation step, without JavaScript. */
export function ConfirmCheckbox({ field, label }: { field: FieldMetadata<boolean>; label: string }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox" });
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-2">
        <input key={key} {...props} className="mt-1 size-4 shrink-0 accent-red-700" />
        <label htmlFor={field.id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The confirmation after a redirect (`?done=…`); a status region, so screen readers announce it. */
export function DoneNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
      <span aria-hidden="true">✓ </span>
      {message}
    </p>
  );
}

/** The submit button of a form whose intent is `intent`; disabled while that form is being sent. */
export function SubmitButton({
  children,
  intent,
  tone = "primary",
}: {
  children: ReactNode;
  intent?: string;
  tone?: "primary" | "danger" | "secondary";
}) {
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && (intent === undefined || navigation.formData?.get("intent") === intent);
  const tones = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
  };
  return (
    <button
      type="submit"
      disabled={busy}
      className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${tones[tone]}`}
    >
      {children}
    </button>
  );
}

/** A titled block of a page (one form or one fact sheet). */
export function AdminSection({
  id,
  title,
  description,
  tone = "default",
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  tone?: "default" | "danger";
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`space-y-3 rounded-lg border bg-white p-5 ${tone === "danger" ? "border-red-200" : "border-slate-200"}`}
    >
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {description && <div className="text-sm text-slate-700">{description}</div>}
      {children}
    </section>
  );
}
