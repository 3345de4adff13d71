import { useState, type ChangeEvent } from "react";
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_EXTENSIONS_LABEL,
  ATTACHMENT_KINDS,
  ATTACHMENT_LIMITS,
  fileExtension,
  MAX_FILE_MEGABYTES,
} from "~/domain/attachments";
import { useT } from "~/lib/i18n";
import { FieldErrors, HINT_CLASS, LABEL_CLASS } from "./form-feedback";

const EXTENSIONS = new Set<string>(Object.values(ATTACHMENT_KINDS).flatMap((k) => k.extensions));

/**
 * The file input of a report, a completion report or an extension request
 * (`attachments`, several files). With JavaScript, a file that is too large, of a
 * type we do not take, or one too many is caught as soon as it is chosen, before
 * it is uploaded; the server checks everything again, by content.
 */
export function AttachmentInput({
  formId,
  label,
  errors,
}: {
  formId: string;
  label: string;
  errors: string[] | null | undefined;
}) {
  const t = useT();
  // What the browser found in the files last chosen, and the server's reply it was found after:
  // a newer reply (another refusal) shows the server's messages again.
  const [chosen, setChosen] = useState<{ after: typeof errors; problems: string[] } | null>(null);
  const inputId = `${formId}-attachments`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const shown = chosen !== null && chosen.after === errors ? chosen.problems : (errors ?? []);

  function check(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.currentTarget.files ?? [])];
    const problems: string[] = [];
    if (files.length > ATTACHMENT_LIMITS.maxFiles) {
      problems.push(t("attachments.error.too_many", { count: ATTACHMENT_LIMITS.maxFiles }));
    }
    for (const file of files) {
      const params = { name: file.name, size: MAX_FILE_MEGABYTES, types: ACCEPTED_EXTENSIONS_LABEL };
      if (!EXTENSIONS.has(fileExtension(file.name))) problems.push(t("attachments.error.type_not_allowed", params));
      else if (file.size > ATTACHMENT_LIMITS.maxFileBytes) problems.push(t("attachments.error.too_large", params));
      else if (file.size === 0) problems.push(t("attachments.error.empty", params));
    }
    // Nothing is sent that would be refused anyway: the choice is cleared and the reasons shown.
    if (problems.length > 0) event.currentTarget.value = "";
    setChosen({ after: errors, problems });
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className={LABEL_CLASS}>
        {label}
      </label>
      <input
        id={inputId}
        name="attachments"
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        onChange={check}
        aria-describedby={shown.length > 0 ? `${hintId} ${errorId}` : hintId}
        aria-invalid={shown.length > 0 || undefined}
        className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded file:border file:border-brand-700 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-800 hover:file:bg-brand-50"
      />
      <p id={hintId} className={HINT_CLASS}>
        {t("attachments.field.hint", {
          types: ACCEPTED_EXTENSIONS_LABEL,
          count: ATTACHMENT_LIMITS.maxFiles,
          size: MAX_FILE_MEGABYTES,
        })}
      </p>
      <FieldErrors id={errorId} errors={shown} />
    </div>
  );
}
