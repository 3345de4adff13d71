import type { MetaDescriptor } from "@remix-run/node";

interface Match {
  id: string;
  data: unknown;
}

/**
 * The document title of a page: the loader's `title`, or the application name
 * from the root loader when the page failed (an error page still has a title).
 */
export function titleMeta(data: { title?: string } | undefined, matches: readonly Match[]): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { appName?: string } | undefined;
  return [{ title: data?.title ?? root?.appName ?? "" }];
}
