// The working calendar's administration (docs/domain-rules.md §10): a year's days off and
// worked weekend days, adding a day from a government announcement, removing one, and
// loading a year's statutory days off. The administrator's page, like the settings.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import {
  AdminSection,
  DoneNotice,
  FormAlert,
  refusalReply,
  SelectField,
  SubmitButton,
  TextField,
} from "~/components/admin-form";
import { CALENDAR_LIMITS } from "~/domain/admin-limits";
import { ACCEPTED_DAYS, formatInstant, formatLocalDate, isLocalDate, today } from "~/domain/dates";
import { CALENDAR_DAY_KINDS, HOLIDAY_OCCASIONS } from "~/domain/vocabulary";
import { weekdayOf } from "~/domain/working-days";
import { requirePermission } from "~/server/auth.server";
import { calendarPageSchema } from "~/lib/calendar-schemas";
import { getDb } from "~/models/db.server";
import { formReply } from "~/server/desk.server";
import { readForm } from "~/lib/form-data.server";
import { useLazyValidation } from "~/lib/form-validation";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { originOf } from "~/models/audit.server";
import {
  addCalendarDay,
  calendarDaysOfYear,
  calendarYears,
  loadStatutoryYear,
  removeCalendarDay,
  type CalendarErrorCode,
} from "~/models/working-calendar.server";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = { messages: await loadMessages("admin", "calendar", "desk") };

const FIRST_YEAR = Number(ACCEPTED_DAYS.first.slice(0, 4));
const LAST_YEAR = Number(ACCEPTED_DAYS.last.slice(0, 4));
const yearValue = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .pipe(z.number().int().min(FIRST_YEAR).max(LAST_YEAR));
const count = z.coerce.number().int().min(0).max(1000).optional().catch(undefined);
const pageQuery = z.object({
  year: yearValue.optional(),
  done: z.enum(["added", "removed", "loaded"]).optional().catch(undefined),
  date: z
    .string()
    .refine((value) => isLocalDate(value))
    .optional()
    .catch(undefined),
  added: count,
  kept: count,
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "settings.manage");
  const { t } = await getTranslator(request);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = pageQuery.safeParse(search.year === "" ? { ...search, year: undefined } : search);
  if (!parsed.success) badRequest(t("admin.filter.invalid", { detail: "year" }));
  const db = getDb();
  const currentYear = Number(today().slice(0, 4));
  const year = parsed.data.year ?? currentYear;
  const years = [...new Set([...calendarYears(db), currentYear, currentYear + 1, year])].sort((a, b) => b - a);
  return {
    title: `${t("calendar.title")} — ${t("app.name")}`,
    year,
    years,
    days: calendarDaysOfYear(db, year),
    done: parsed.data.done ?? null,
    doneDate: parsed.data.date ?? null,
    added: parsed.data.added ?? 0,
    kept: parsed.data.kept ?? 0,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "settings.manage");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: calendarPageSchema(t) });
  if (submission.status !== "success") return formReply(submission.reply(), 400);
  const value = submission.value;
  const db = getDb();
  const origin = originOf(request, context);
  // Years as written, not as numbers (which the translator groups: 2.014).
  const first = String(CALENDAR_LIMITS.ruleYears.first);
  const last = String(CALENDAR_LIMITS.ruleYears.last);
  const refuse = (code: CalendarErrorCode, field?: string) =>
    formReply(submission.reply(refusalReply(t(`calendar.error.${code}`, { first, last }), field)), 400);

  switch (value.intent) {
    case "add": {
      const result = addCalendarDay(db, user, value, origin);
      if (!result.ok) return refuse(result.code, result.field);
      throw redirect(`/admin/holidays?year=${value.day.slice(0, 4)}&done=added&date=${value.day}`);
    }
    case "remove": {
      const result = removeCalendarDay(db, user, { id: value.id }, origin);
      if (!result.ok) return refuse(result.code);
      throw redirect(`/admin/holidays?year=${result.day.slice(0, 4)}&done=removed&date=${result.day}`);
    }
    case "loadYear": {
      const result = loadStatutoryYear(db, user, { year: value.year }, origin);
      if (!result.ok) return refuse(result.code, result.field);
      throw redirect(`/admin/holidays?year=${value.year}&done=loaded&added=${result.added}&kept=${result.kept}`);
    }
  }
}

// ---------------------------------------------------------------- page

function resultFor(lastResult: SubmissionResult<string[]> | undefined, intent: string) {
  return lastResult?.initialValue?.intent === intent ? lastResult : undefined;
}

export default function HolidaysPage() {
  const { year, years, days, done, doneDate, added, kept } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const location = useLocation();
  const t = useT();
  const notice =
    done === "loaded"
      ? t("calendar.done.loaded", { year: String(year), added, kept })
      : done && doneDate
        ? t(`calendar.done.${done}`, { date: formatLocalDate(doneDate) })
        : null;
  // The rows' removal forms share one refusal (the day was removed meanwhile), shown above the table.
  const [remove] = useForm({ id: "calendar-remove", lastResult: resultFor(reply?.result, "remove") });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("calendar.title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("calendar.intro")}</p>
      </div>
      <DoneNotice message={notice} />

      <nav aria-label={t("calendar.yearNav")} className="flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link
            key={y}
            to={`/admin/holidays?year=${y}`}
            aria-current={y === year ? "page" : undefined}
            className={
              y === year
                ? "rounded bg-brand-700 px-3 py-1 font-medium text-white no-underline hover:no-underline"
                : "rounded border border-slate-300 bg-white px-3 py-1"
            }
          >
            {y}
          </Link>
        ))}
      </nav>

      <FormAlert id={remove.errorId} errors={remove.errors} />
      {days.length === 0 ? (
        <p>{t("calendar.empty", { year: String(year) })}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("calendar.caption", { year: String(year) })}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("calendar.col.day")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("calendar.col.kind")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("calendar.col.occasion")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("calendar.col.note")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("calendar.col.source")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("calendar.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((d) => (
                <tr key={d.id} data-calendar-day={d.day} className={d.kind === "working_day" ? "bg-slate-50" : ""}>
                  <td className="whitespace-nowrap px-3 py-2">
                    <span className="tabular-nums">{formatLocalDate(d.day)}</span>
                    <span className="block text-xs text-slate-700">{t(`calendar.weekday.${weekdayOf(d.day)}`)}</span>
                  </td>
                  <td className="px-3 py-2">{t(`calendar.kind.${d.kind}`)}</td>
                  <td className="px-3 py-2">{t(`calendar.occasion.${d.occasion}`)}</td>
                  <td className="px-3 py-2">{d.note ?? ""}</td>
                  <td className="px-3 py-2">
                    {t(`calendar.source.${d.source}`)}
                    <span className="block text-xs text-slate-700">
                      {d.createdBy
                        ? t("calendar.source.by", { name: d.createdBy, at: formatInstant(d.createdAt) })
                        : t("calendar.source.loaded")}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={d.id} />
                      <button
                        type="submit"
                        aria-label={t("calendar.removeLabel", { date: formatLocalDate(d.day) })}
                        className="rounded border border-slate-400 bg-white px-3 py-1 hover:bg-slate-50"
                      >
                        {t("calendar.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <CalendarForms key={location.key} year={year} lastResult={reply?.result} />
    </div>
  );
}

function CalendarForms({ year, lastResult }: { year: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT();
  const first = String(CALENDAR_LIMITS.ruleYears.first);
  const last = String(CALENDAR_LIMITS.ruleYears.last);
  const addValidation = useLazyValidation("calendarDay", { shouldValidate: "onBlur", shouldRevalidate: "onInput" });
  const [add, addFields] = useForm({ id: "calendar-add", lastResult: resultFor(lastResult, "add"), ...addValidation });
  const loadValidation = useLazyValidation("calendarLoadYear", {
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [load, loadFields] = useForm({
    id: "calendar-load",
    lastResult: resultFor(lastResult, "loadYear"),
    defaultValue: { year: String(year) },
    ...loadValidation,
  });
  return (
    <>
      <AdminSection id="calendar-add-heading" title={t("calendar.section.add")} description={t("calendar.add.intro")}>
        <Form method="post" {...getFormProps(add)} className="space-y-4">
          <input type="hidden" name="intent" value="add" />
          <FormAlert id={add.errorId} errors={add.errors} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              field={addFields.day}
              label={t("calendar.field.day")}
              hint={t("calendar.hint.day")}
              autoComplete="off"
            />
            <SelectField field={addFields.kind} label={t("calendar.field.kind")} hint={t("calendar.hint.kind")}>
              <option value="">{t("admin.choose")}</option>
              {CALENDAR_DAY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`calendar.kind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField field={addFields.occasion} label={t("calendar.field.occasion")}>
              <option value="">{t("admin.choose")}</option>
              {HOLIDAY_OCCASIONS.map((occasion) => (
                <option key={occasion} value={occasion}>
                  {t(`calendar.occasion.${occasion}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField
            field={addFields.note}
            label={t("calendar.field.note")}
            hint={t("calendar.hint.note")}
            autoComplete="off"
          />
          <SubmitButton intent="add">{t("calendar.addSubmit")}</SubmitButton>
        </Form>
      </AdminSection>

      <AdminSection
        id="calendar-load-heading"
        title={t("calendar.section.load")}
        description={t("calendar.load.intro")}
      >
        <Form method="post" {...getFormProps(load)} className="space-y-4">
          <input type="hidden" name="intent" value="loadYear" />
          <FormAlert id={load.errorId} errors={load.errors} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              field={loadFields.year}
              label={t("calendar.field.year")}
              hint={t("calendar.hint.year", { first, last })}
              autoComplete="off"
            />
          </div>
          <SubmitButton intent="loadYear">{t("calendar.loadSubmit")}</SubmitButton>
        </Form>
      </AdminSection>
    </>
  );
}
