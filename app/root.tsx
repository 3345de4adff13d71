import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "~/components/app-shell";
import { DemoBanner } from "~/components/demo-banner";
import { ErrorPage } from "~/components/error-page";
import { DEFAULT_LOCALE, translate, type Locale } from "~/lib/i18n";
import { useNonce } from "~/lib/nonce";
import { taskOpenedBy } from "~/lib/opened-task";
import { rootData } from "~/lib/root-data.server";
import { useDemoMode } from "~/lib/demo-mode";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function loader({ request }: LoaderFunctionArgs) {
  return rootData(request);
}

/**
 * The badge is read again on the way to a task page (opening the task marks its
 * notifications read); other navigations keep Remix's default.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || taskOpenedBy(nextUrl) !== null;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.appName ?? translate(DEFAULT_LOCALE, "app.name") },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const demo = useDemoMode();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data?.catalogHref && <link rel="modulepreload" href={data.catalogHref} />}
      </head>
      <body>
        {demo && <DemoBanner />}
        <AppShell user={data?.user ?? null}>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message =
      typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : undefined;
    return <ErrorPage status={error.status} message={message} />;
  }
  return <ErrorPage status={500} />;
}
