import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";

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

interface Menus {
  departments?: { id: number; name: string }[];
  directives: { id: number; label: string }[];
}

/**
 * The department and directive menus of a filter form: as the page sent them when
 * `complete`, else (long lists sent cut to their chosen entries, issue #16) the whole
 * lists loaded from routes/filter-options.ts once the page runs — the chosen entries
 * stay selected meanwhile, and stay offered (a department since merged is not in the
 * whole list). `figuresOnly`: only the departments whose figures the user may read.
 */
export function useFilterMenus<T extends Menus>(sent: T & { complete: boolean }, figuresOnly = false): T {
  const fetcher = useFetcher<Required<Menus>>();
  const { load } = fetcher;
  useEffect(() => {
    if (!sent.complete) load(`/filter-options${figuresOnly ? "?figures=1" : ""}`);
  }, [sent.complete, figuresOnly, load]);
  const whole = fetcher.data;
  if (sent.complete || whole === undefined) return sent;
  const withSent = <E extends { id: number }>(all: E[], chosen: E[]) => [
    ...all,
    ...chosen.filter((entry) => !all.some((e) => e.id === entry.id)),
  ];
  return {
    ...sent,
    ...(sent.departments && { departments: withSent(whole.departments, sent.departments) }),
    directives: withSent(whole.directives, sent.directives),
  };
}
