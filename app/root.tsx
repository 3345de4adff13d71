import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "~/components/app-shell";
import { DemoBanner } from "~/components/demo-banner";
import { ErrorPage } from "~/components/error-page";
import { DEFAULT_LOCALE, translate, type Locale } from "~/lib/i18n";
import { loadMessages } from "~/lib/messages/catalogs";
import type { Namespace } from "~/lib/messages/namespaces";
import { useNonce } from "~/lib/nonce";
import { taskOpenedBy } from "~/lib/opened-task";
import { rootData } from "~/server/root-data.server";
import { useDemoMode } from "~/lib/demo-mode";
import stylesheet from "~/tailwind.css?url";

/**
 * The shell's messages (header, navigation, error pages), which every page renders; each
 * route's `handle` adds the namespaces of its area (docs/decisions/033).
 */
export const handle = { messages: await loadMessages("core") };

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
  const namespaces = new Set(
    useMatches().flatMap((match) => (match.handle as { messages?: Namespace[] } | undefined)?.messages ?? []),
  );
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {[...namespaces].map((namespace) => {
          const href = data?.messageChunks[namespace];
          return href && <link key={namespace} rel="modulepreload" href={href} />;
        })}
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
