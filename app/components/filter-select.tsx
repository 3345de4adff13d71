/**
 * One select of a GET filter form (the dashboards', the task list's): a label, an
 * "all" choice first (the empty value: no filter), then the choices. Works without
 * JavaScript; the URL holds the value.
 */
export function FilterSelect({
  label,
  name,
  value,
  allLabel,
  choices,
  className,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  allLabel: string;
  choices: readonly { value: string | number; label: string }[];
  className: string;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={className}>
        <option value="">{allLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Records with an id and a name as choices. */
export const namedChoices = (records: readonly { id: number; name: string }[]) =>
  records.map((r) => ({ value: r.id, label: r.name }));

/** Directive options (id, label) as choices. */
export const directiveChoices = (directives: readonly { id: number; label: string }[]) =>
  directives.map((d) => ({ value: d.id, label: d.label }));
