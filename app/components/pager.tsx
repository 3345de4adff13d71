import { Link } from "@remix-run/react";
import { useT } from "~/lib/i18n";

/**
 * "Previous · Page 2 of 9 · Next" under a paged list; nothing when there is one page.
 * `href` gives the link to a page (the list's own query string, with that page).
 */
export function Pager({
  page,
  pages,
  href,
  label,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  /** The navigation's accessible name; by default "Page N of M". */
  label?: string;
}) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label ?? t("common.page", { page, pages })} className="flex flex-wrap items-center gap-3 text-sm">
      {page > 1 && (
        <Link to={href(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      )}
      <span>{t("common.page", { page, pages })}</span>
      {page < pages && (
        <Link to={href(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      )}
    </nav>
  );
}
