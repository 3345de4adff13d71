import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { sharedRead } from "~/server/read-cache.server";
import { badRequest } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { getTranslator } from "~/lib/locale.server";
import { titleMeta } from "~/lib/meta";
import { highlight, parseQuery, search, type HighlightPart } from "~/models/search.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data, matches);

const MAX_QUERY = 200;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "directive.read");
  const { t, locale } = await getTranslator(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim();
  if (query.length > MAX_QUERY) badRequest(t("search.tooLong", { max: MAX_QUERY }));
  const db = getDb();
  // Shared by users who see the same records until the data changes (app/server/read-cache.server.ts).
  return sharedRead(db, user, ["search", locale, query], (viewer) => {
    const words = parseQuery(query);
    const hits = query === "" ? [] : search(db, viewer, query);
    return {
      title: `${query ? `${query} — ` : ""}${t("search.title")} — ${t("app.name")}`,
      query,
      results: hits.map((hit) => ({
        kind: hit.kind,
        key: `${hit.kind}-${hit.id}`,
        href: hit.taskId === null ? `/directives/${hit.directiveId}` : `/tasks/${hit.taskId}`,
        title: highlight(hit.title, words),
        excerpt: hit.text ? highlight(hit.text, words, 120) : [],
      })),
    };
  });
}

function Highlighted({ parts }: { parts: HighlightPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded bg-yellow-200 px-0.5 text-slate-950">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

export default function SearchPage() {
  const { query, results } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("search.title")}</h1>
      {/* The header has a search landmark too: each has a name of its own. */}
      <Form method="get" role="search" aria-label={t("search.pageLandmark")} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">{t("search.label")}</span>
          <input
            type="search"
            name="q"
            defaultValue={query}
            maxLength={MAX_QUERY}
            placeholder={t("search.placeholder")}
            className="rounded border border-slate-400 px-3 py-2"
            aria-describedby="search-hint"
          />
        </label>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("search.submit")}
        </button>
        <p id="search-hint" className="w-full text-xs text-slate-600">
          {t("search.hint")}
        </p>
      </Form>
      {query !== "" && (
        <p className="text-sm text-slate-700" aria-live="polite">
          {results.length === 0 ? t("search.none", { query }) : t("search.results", { count: results.length, query })}
        </p>
      )}
      <ol className="space-y-3">
        {results.map((result) => (
          <li key={result.key} className="rounded-lg border border-slate-200 bg-white p-3" data-kind={result.kind}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
              {t(`search.kind.${result.kind}`)}
            </p>
            <p className="font-medium">
              <Link to={result.href}>
                <Highlighted parts={result.title} />
              </Link>
            </p>
            {result.excerpt.length > 0 && (
              <p className="mt-1 text-sm text-slate-700">
                <Highlighted parts={result.excerpt} />
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
