import { useT } from "~/lib/i18n";

export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const t = useT();
  const title =
    status === 404
      ? t("error.notFound.title")
      : status === 403
        ? t("error.forbidden.title")
        : status === 400
          ? t("error.badRequest.title")
          : t("error.generic.title");
  const body =
    message ??
    (status === 404 ? t("error.notFound.body") : status === 403 ? t("error.forbidden.body") : t("error.generic.body"));
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 id="error-title" className="mt-1 text-xl font-semibold">
        {title}
      </h1>
      <p className="mt-3 text-slate-700">{body}</p>
      <p className="mt-6">
        <a href="/">{t("error.home")}</a>
      </p>
    </section>
  );
}
