import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { hasPermission, type Permission } from "~/domain/permissions";
import { PhoneToggle, usePhoneDisclosure } from "./phone-disclosure";
import type { Role } from "~/domain/vocabulary";
import { useLocale, useT, type MessageKey } from "~/lib/i18n";
import { useFocusAfterSubmit } from "~/lib/use-focus-after-submit";

/** `roles`: an item only some roles need (the department's home is for department users). */
const NAVIGATION: { to: string; label: MessageKey; permission: Permission; end?: boolean; roles?: readonly Role[] }[] =
  [
    { to: "/my-department", label: "nav.myDepartment", permission: "task.read", roles: ["dept_lead", "dept_officer"] },
    { to: "/", label: "nav.dashboard", permission: "dashboard.read", end: true },
    { to: "/scorecard", label: "nav.scorecard", permission: "dashboard.read" },
    { to: "/reports", label: "nav.reports", permission: "report.read" },
    { to: "/directives", label: "nav.directives", permission: "directive.read" },
    { to: "/committees", label: "nav.committees", permission: "directive.read" },
    { to: "/tasks", label: "nav.tasks", permission: "task.read" },
    { to: "/departments", label: "nav.departments", permission: "department.read" },
    { to: "/admin/users", label: "nav.users", permission: "user.manage" },
    { to: "/admin/departments", label: "nav.adminDepartments", permission: "department.manage" },
    { to: "/admin/groups", label: "nav.groups", permission: "department.manage" },
    { to: "/admin/holidays", label: "nav.holidays", permission: "settings.manage" },
    { to: "/admin/api-tokens", label: "nav.apiTokens", permission: "user.manage" },
    { to: "/audit", label: "nav.audit", permission: "audit.read" },
  ];

export interface ShellUser {
  id: number;
  displayName: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  unreadNotifications: number;
}

export function AppShell({ children, user }: { children: ReactNode; user: ShellUser | null }) {
  useFocusAfterSubmit();
  // On a phone the navigation and search wait behind "Menu" (app/components/phone-disclosure.tsx).
  const menu = usePhoneDisclosure();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const otherLocale = locale === "vi" ? "en" : "vi";
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="bg-brand-900 text-white shadow print:hidden">
        <div className="mx-auto max-w-7xl px-4">
          <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 py-3">
            <a href="/" className="flex items-center gap-2 text-white no-underline hover:no-underline">
              <span
                aria-hidden="true"
                className="grid size-8 place-items-center rounded bg-red-700 text-lg font-bold text-yellow-300"
              >
                ★
              </span>
              <span className="flex flex-col leading-tight">
                <span className="text-base font-semibold">{t("app.name")}</span>
                <span className="hidden text-xs text-blue-100 sm:block">{t("app.tagline")}</span>
              </span>
            </a>
            <div className="no-print flex flex-wrap items-center gap-2 text-sm">
              {user && (
                <PhoneToggle
                  open={menu.open}
                  onToggle={menu.toggle}
                  controls={menu.panel.id}
                  className="items-center gap-1.5 rounded border border-white/50 px-3 py-1.5 font-medium hover:bg-white/10"
                >
                  <span aria-hidden="true">☰</span>
                  {t("nav.menu")}
                </PhoneToggle>
              )}
              {user && (
                <span className="hidden max-w-64 truncate text-right text-blue-100 md:block" title={user.displayName}>
                  {user.displayName}
                  <span className="block truncate text-xs text-blue-200">
                    {t(`role.${user.role}`)}
                    {user.departmentName ? ` · ${user.departmentName}` : ""}
                  </span>
                </span>
              )}
              {user && (
                <NavLink
                  to="/notifications"
                  aria-label={t("notifications.linkLabel", { count: user.unreadNotifications })}
                  className={({ isActive }) =>
                    `flex items-center gap-1.5 rounded border border-white/50 px-3 py-1.5 font-medium text-white no-underline hover:bg-white/10 hover:no-underline ${isActive ? "bg-white/15" : ""}`
                  }
                >
                  <span>{t("nav.notifications")}</span>
                  {/* A space, unseen in the flex row: the visible "Thông báo 4" is then part of the name (WCAG 2.5.3). */}{" "}
                  {user.unreadNotifications > 0 && (
                    <span
                      className="min-w-5 rounded-full bg-yellow-300 px-1.5 text-center text-xs font-bold text-slate-900"
                      data-testid="unread-badge"
                    >
                      {user.unreadNotifications}
                    </span>
                  )}
                </NavLink>
              )}
              {user && (
                <Form method="post" action="/logout">
                  <button
                    type="submit"
                    className="rounded border border-white/50 px-3 py-1.5 font-medium hover:bg-white/10"
                  >
                    {t("auth.logout")}
                  </button>
                </Form>
              )}
              {/* A full page load: the browser holds only the current language's catalogue. */}
              <Form method="post" action="/language" reloadDocument>
                <input type="hidden" name="locale" value={otherLocale} />
                <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                {/* Its name starts with the label it shows (WCAG 2.5.3, label in name); the rest says what it does. */}
                <button
                  type="submit"
                  className="rounded border border-white/50 px-3 py-1.5 font-medium hover:bg-white/10"
                >
                  <span lang={otherLocale}>{t("language.switchTo")}</span>
                  <span className="sr-only"> {t("language.switchToLabel")}</span>
                </button>
              </Form>
            </div>
          </div>
          {user && (
            <div
              {...menu.panel}
              className="phone-collapsible no-print flex flex-col gap-2 pb-3 sm:flex-row sm:items-center sm:gap-4"
            >
              <nav aria-label={t("nav.label")} className="min-w-0 flex-1">
                {/* A phone lists every item, wrapped (behind "Menu"); wider screens keep one scrolling row. */}
                <ul className="-mx-1 flex flex-wrap gap-1 sm:flex-nowrap sm:overflow-x-auto">
                  {NAVIGATION.filter(
                    (item) =>
                      hasPermission(user, item.permission) &&
                      (item.roles === undefined || item.roles.includes(user.role)),
                  ).map((item) => (
                    <li key={item.to}>
                      <NavLink
                        to={item.to}
                        end={item.end}
                        prefetch="intent"
                        className={({ isActive }) =>
                          `block whitespace-nowrap rounded px-3 py-2 text-sm font-medium text-white no-underline hover:bg-white/10 hover:no-underline ${
                            isActive ? "bg-white/15 ring-1 ring-white/40" : ""
                          }`
                        }
                      >
                        {t(item.label)}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <Form
                method="get"
                action="/search"
                role="search"
                aria-label={t("search.siteLandmark")}
                className="sm:w-56"
              >
                <label htmlFor="site-search" className="sr-only">
                  {t("search.label")}
                </label>
                <input
                  id="site-search"
                  type="search"
                  name="q"
                  maxLength={200}
                  placeholder={t("search.title")}
                  className="w-full rounded border border-white/40 bg-white/10 px-3 py-1.5 text-sm text-white placeholder:text-blue-100"
                />
              </Form>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="no-print border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-3 text-xs text-slate-600">{t("app.tagline")}</div>
      </footer>
    </div>
  );
}
