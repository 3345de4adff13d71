// What the root route's loader gives every page: the reader's language and who they
// are, with the header's unread badge. Also read by the page cache
// (app/server/page-cache.server.ts), which names a kept page by it without running
// any loader — so this is the one place it is computed.
import { translate } from "../lib/i18n";
import { namespaceChunkHrefs } from "../lib/catalog-preload.server";
import { getUser } from "./auth.server";
import { getDb } from "../models/db.server";
import { getLocale } from "../lib/locale.server";
import { taskOpenedBy } from "../lib/opened-task";
import { unreadCount } from "../models/notifications.server";

export async function rootData(request: Request) {
  const locale = await getLocale(request);
  const user = await getUser(request);
  return {
    locale,
    appName: translate(locale, "app.name"),
    /** Where the page's messages are, so that they are fetched with the page's scripts. */
    messageChunks: namespaceChunkHrefs(locale),
    user: user && {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      departmentId: user.departmentId,
      departmentName: user.departmentName,
      // The badge in the header: one COUNT over the unread rows' partial index.
      unreadNotifications: unreadCount(getDb(), user, taskOpenedBy(new URL(request.url))),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof rootData>>;
