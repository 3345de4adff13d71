import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { DirectiveActions } from "~/components/directive-actions";
import { SavedBanner, type IntentReply } from "~/components/form-feedback";
import { AsOfForm, BasisNote } from "~/components/as-of-form";
import { DirectiveProgressLine } from "~/components/directive-progress";
import { TargetBar } from "~/components/target-bar";
import { TaskTable } from "~/components/task-table";
import { formatLocalDate } from "~/domain/dates";
import { directiveProgressLinks } from "~/lib/task-list-href";
import { dutyRollupInWords, dutyRuleInWords } from "~/lib/duty-text";
import { dutyRollup } from "~/domain/duty-rollup";
import { useT } from "~/lib/i18n";
import { titleMeta } from "~/lib/meta";
import { asOfForPage } from "~/lib/as-of.server";
import { dutiesOfDirective, occurrencePeriods, ruleOfDuty } from "~/models/recurring-duties.server";
import { getDb } from "~/models/db.server";
import { notFound } from "~/lib/http.server";
import { readingDifferences } from "~/models/dashboard.server";
import { getTranslator } from "~/lib/locale.server";
import { denyAccess, requirePermission } from "~/server/auth.server";
import { canSeeDirective, hasPermission } from "~/domain/permissions";
import type { DirectiveState } from "~/domain/vocabulary";
import { directiveErrors, requireVisibleDirective } from "~/server/desk.server";
import { savedNotice, type DirectiveIntent, type SavedNotice } from "~/lib/desk-forms";
import { directiveIntentSchema } from "~/lib/desk-schemas";
import { useOptionalUser } from "~/components/use-user";
import { originOf } from "~/models/audit.server";
import { issueDirective, setDirectiveState } from "~/models/directives.server";
import { directiveAccessFacts } from "~/models/visibility.server";
import { idParam } from "~/lib/params.server";
import { readForm } from "~/lib/form-data.server";
import { directiveProgressByLevel } from "~/models/directive-progress.server";
import { issueAudience } from "~/models/notifications.server";
import { getDirective } from "~/models/directive-page.server";
import { fanOutsOfDirective, rollupOfRows } from "~/models/fan-outs.server";
import { FanOutSummary } from "~/components/fan-out-summary";
import { loadMessages } from "~/lib/messages/catalogs";

export const handle = {
  messages: await loadMessages("common", "desk", "duties", "fanout", "import", "leadership", "split"),
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const id = idParam(params.id);
  const db = getDb();
  const access = directiveAccessFacts(db, id);
  if (!access) notFound();
  if (!canSeeDirective(user, access))
    return denyAccess(request, context, user, "directive.read", 404, { type: "directive", id });
  const { t } = await getTranslator(request);
  const { asOf, isToday, basis, problem } = asOfForPage(new URL(request.url), t);
  const found = getDirective(db, user, id, asOf, basis);
  if (!found) notFound();
  const label = found.directive.number ?? t("directives.noNumber");
  const progress = directiveProgressByLevel(db, user, { directive: id }, asOf, basis)[0] ?? null;
  const differing = readingDifferences(db, user, { directive: id }, asOf, isToday, basis);
  // The issuing step names who will be told (only for a draft, only to those who may issue it).
  const issuing =
    found.directive.state === "draft" && hasPermission(user, "directive.write") ? issueAudience(db, id) : null;
  // Recurring duties appear once, with their occurrences under them (decision 026).
  const periods = occurrencePeriods(
    db,
    found.tasks.map((task) => task.id),
  );
  const duties = dutiesOfDirective(db, user, id)
    .map((duty) => ({
      id: duty.id,
      itemNumber: duty.itemNumber,
      title: duty.title,
      state: duty.state,
      rule: ruleOfDuty({ ...duty, resumedOn: null }),
      taskIds: found.tasks.filter((task) => periods.get(task.id)?.dutyId === duty.id).map((task) => task.id),
    }))
    .filter((duty) => duty.taskIds.length > 0 || hasPermission(user, "task.write"));
  // Items given to many units: each shown once, with its roll-up over the units the reader sees.
  const fanOuts = [...fanOutsOfDirective(db, id).values()].flatMap((item) => {
    const units = found.tasks.filter((task) => task.fanOutId === item.id);
    return units.length === 0 ? [] : [{ ...item, units, rollup: rollupOfRows(units) }];
  });
  const page = {
    ...found,
    tasks: found.tasks.filter((task) => task.fanOutId === null),
    fanOuts,
    duties,
    issuing,
    progress,
    asOf,
    isToday,
    basis,
    differing,
    asOfProblem: problem,
    title: `${label} — ${t("app.name")}`,
  };
  // A day it cannot read: today's page with the message on the form, and a 400.
  return data(page, { status: problem === null ? 200 : 400 });
}

const MOVES: Record<DirectiveIntent, { to: DirectiveState; saved: SavedNotice }> = {
  issue: { to: "issued", saved: "issued" },
  close: { to: "closed", saved: "closed" },
  reopen: { to: "issued", saved: "reopened" },
};

/** Issue, close or reopen the directive (the secretariat). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "directive.write");
  const id = idParam(params.id);
  await requireVisibleDirective(request, context, user, id, "directive.write");
  const { t } = await getTranslator(request);
  const submission = parseWithZod(await readForm(request), { schema: directiveIntentSchema(t) });
  if (submission.status !== "success") {
    // The refusal goes back to the form it came from (the issuing step shows its fields' errors).
    const posted = submission.payload.intent;
    return data<IntentReply>(
      { intent: posted === "issue" ? posted : null, result: submission.reply(), conflict: null },
      { status: 400 },
    );
  }
  const input = submission.value;
  const { intent, version } = input;
  const move = MOVES[intent];
  const db = getDb();
  const origin = originOf(request, context);
  const result =
    input.intent === "issue"
      ? issueDirective(db, user, id, version, { number: input.number, issuedOn: input.issuedOn }, origin)
      : setDirectiveState(db, user, id, version, move.to, origin);
  if (result.ok) {
    throw redirect(`/directives/${id}?saved=${move.saved}`);
  }
  if (result.error === "not_found") notFound();
  if (result.error === "conflict") {
    const reply = submission.reply({ formErrors: [t("desk.conflict.directive")] });
    return data<IntentReply>({ intent, result: reply, conflict: { changes: [] } }, { status: 409 });
  }
  const errors = directiveErrors(t, result.error);
  // The issuing step has the number and the date as fields: their refusals go beside them.
  if (intent === "issue") {
    return data<IntentReply>({ intent, result: submission.reply(errors), conflict: null }, { status: 400 });
  }
  // Closing and reopening have no fields: every refusal is about the move.
  const messages = [...(errors.formErrors ?? []), ...Object.values(errors.fieldErrors ?? {}).flat()];
  return data<IntentReply>(
    { intent, result: submission.reply({ formErrors: messages }), conflict: null },
    { status: 400 },
  );
}

/** After a refused move (someone changed the directive), show the directive as it now is. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function DirectivePage() {
  const {
    directive,
    tasks,
    fanOuts,
    duties,
    progress,
    targets,
    asOf,
    isToday,
    basis,
    differing,
    asOfProblem,
    issuing,
  } = useLoaderData<typeof loader>();
  const inDuty = new Set(duties.flatMap((duty) => duty.taskIds));
  const single = tasks.filter((task) => !inDuty.has(task.id));
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const user = useOptionalUser();
  const t = useT();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to="/directives">{t("common.backTo", { name: t("nav.directives") })}</Link>
        </p>
        <SavedBanner notice={savedNotice(searchParams.get("saved"))} />
        {/^\d{1,5}$/.test(searchParams.get("imported") ?? "") && (
          <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t("import.done", { count: Number(searchParams.get("imported")) })}
          </p>
        )}
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm text-slate-700">
          <span className="font-semibold text-slate-900">{directive.number ?? t("directives.noNumber")}</span>
          <span>{t(`directiveType.${directive.type}`)}</span>
          {directive.issuedOn && <span>{formatLocalDate(directive.issuedOn)}</span>}
          <span className="rounded bg-slate-100 px-1.5" data-testid="directive-state">
            {t(`directiveState.${directive.state}`)}
          </span>
          {directive.confidential && (
            <span className="rounded bg-red-700 px-1.5 text-xs font-semibold uppercase text-white">
              {t("common.confidential")}
            </span>
          )}
        </div>
        <h1 className="text-2xl font-semibold">{directive.abstract}</h1>
        {directive.note && (
          <p className="rounded border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {directive.note}
          </p>
        )}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("directive.committee")}</dt>
            <dd>{directive.committeeName}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("directive.issuer")}</dt>
            <dd>{directive.issuer}</dd>
          </div>
          {directive.signer && (
            <div>
              <dt className="text-slate-600">{t("directive.signer")}</dt>
              <dd>{directive.signer}</dd>
            </div>
          )}
          {directive.meetingTitle && directive.meetingHeldOn && (
            <div>
              <dt className="text-slate-600">{t("directive.meeting")}</dt>
              <dd>
                {t("directive.meetingLine", {
                  title: directive.meetingTitle,
                  date: formatLocalDate(directive.meetingHeldOn),
                })}
              </dd>
            </div>
          )}
        </dl>
        {/* A past day is a record of that day: its state is not today's, and nothing is done from it. */}
        {isToday && (
          <DirectiveActions
            directive={directive}
            issuing={issuing}
            canWriteDirective={hasPermission(user, "directive.write")}
            canWriteTask={hasPermission(user, "task.write")}
            reply={reply}
          />
        )}
      </header>

      <section aria-labelledby="tasks-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="tasks-heading" className="text-lg font-semibold">
              {t("directive.tasksHeading")}
            </h2>
          </div>
          <AsOfForm asOf={asOf} isToday={isToday} basis={basis} problem={asOfProblem} />
        </div>
        <BasisNote asOf={asOf} isToday={isToday} basis={basis} differing={differing} />
        <div data-testid="directive-summary" data-as-of={asOf}>
          {progress === null ? (
            <p className="text-sm text-slate-700">{t("directiveProgress.none")}</p>
          ) : (
            <DirectiveProgressLine
              top={progress.top}
              sub={progress.sub}
              items={progress.items}
              units={progress.units}
              periods={progress.periods}
              {...directiveProgressLinks(progress.id, {}, asOf, isToday, basis)}
            />
          )}
        </div>
        {tasks.length === 0 && duties.length === 0 && fanOuts.length === 0 ? (
          <p>{t("directive.noTasks")}</p>
        ) : (
          single.length > 0 && <TaskTable tasks={single} caption={t("directive.tasksHeading")} nested />
        )}
        {fanOuts.length > 0 && (
          <div className="space-y-2" data-testid="fan-outs">
            <h3 className="font-semibold">{t("fanOut.kicker")}</h3>
            {fanOuts.map((item) => (
              <FanOutSummary
                key={item.id}
                href={`/directives/${directive.id}/items/${item.id}${isToday ? "" : `?asOf=${asOf}`}`}
                itemNumber={item.itemNumber}
                title={item.title}
                rollup={item.rollup}
                units={item.units}
                taskHref={(taskId) => `/tasks/${taskId}${isToday ? "" : `?asOf=${asOf}`}`}
              />
            ))}
          </div>
        )}
        {duties.map((duty) => {
          const occurrences = tasks.filter((task) => duty.taskIds.includes(task.id));
          return (
            <div key={duty.id} className="space-y-2" data-duty={duty.id}>
              <h3 className="font-semibold">
                <span className="text-slate-600">{duty.itemNumber}.</span>{" "}
                <Link to={`/duties/${duty.id}`}>{duty.title}</Link>{" "}
                <span className="rounded bg-slate-100 px-1.5 text-xs font-normal">
                  {t("duty.label")} · {t(`duty.state.${duty.state}`)}
                </span>
              </h3>
              <p className="text-sm text-slate-700">{dutyRuleInWords(t, duty.rule)}</p>
              <p className="text-sm" data-testid="duty-rollup">
                {dutyRollupInWords(t, dutyRollup(occurrences.map((task) => task.status)))}
              </p>
              {occurrences.length > 0 && (
                <TaskTable tasks={occurrences} caption={`${duty.itemNumber}. ${duty.title}`} nested />
              )}
            </div>
          );
        })}
      </section>

      {targets.length > 0 && (
        <section aria-labelledby="targets-heading" className="space-y-3">
          <h2 id="targets-heading" className="text-lg font-semibold">
            {t("directive.targetsHeading")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {targets.map((target) => (
              <li key={target.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <TargetBar target={target} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {directive.fullText && (
        <section aria-labelledby="fulltext-heading">
          <details className="rounded-lg border border-slate-200 bg-white p-4">
            <summary id="fulltext-heading" className="cursor-pointer font-semibold">
              {t("directive.fullText")}
            </summary>
            <div className="mt-3 whitespace-pre-line text-sm leading-relaxed">{directive.fullText}</div>
          </details>
        </section>
      )}
    </article>
  );
}
