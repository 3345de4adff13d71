/**
 * The task a URL opens (`/tasks/:id`, any day), or null. Opening a task marks its
 * notifications read, so the header's unread badge is counted without them
 * (app/server/root-data.server.ts) and read again on the way there (root.tsx's
 * `shouldRevalidate`, in the browser).
 */
export function taskOpenedBy(url: URL): number | null {
  const match = /^\/tasks\/(\d{1,15})\/?$/.exec(url.pathname);
  return match ? Number(match[1]) : null;
}
