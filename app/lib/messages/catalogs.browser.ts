// The browser twin of catalogs.ts (same exports; vite.config.ts resolves
// `./messages/catalogs` here for the client build). Each namespace of each language is
// a chunk of its own. A module that renders messages awaits its namespaces at the top
// (`await loadMessages("desk")`): the root awaits `core`, each route the namespaces
// of its area, form-schemas.ts the validation messages. So a page's messages are here
// before it hydrates, and a route's before a client-side navigation renders it (the
// router imports the route module first). Only the document's language is loaded:
// switching language reloads the document. Why: docs/decisions/033.
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n";
import type { Catalog } from "./catalogs";
import type { Namespace } from "./namespaces";

const LOADERS: Record<Locale, Record<Namespace, () => Promise<Partial<Catalog>>>> = {
  vi: {
    core: () => import("./core.vi").then((m) => m.coreVi),
    common: () => import("./common.vi").then((m) => m.commonVi),
    admin: () => import("./admin.vi").then((m) => m.adminVi),
    api: () => import("./api.vi").then((m) => m.apiVi),
    attachments: () => import("./attachments.vi").then((m) => m.attachmentsVi),
    audit: () => import("./audit.vi").then((m) => m.auditVi),
    calendar: () => import("./calendar.vi").then((m) => m.calendarVi),
    committees: () => import("./committees.vi").then((m) => m.committeesVi),
    dashboard: () => import("./dashboard.vi").then((m) => m.dashboardVi),
    desk: () => import("./desk.vi").then((m) => m.deskVi),
    duties: () => import("./duties.vi").then((m) => m.dutiesVi),
    fanout: () => import("./fanout.vi").then((m) => m.fanOutVi),
    groups: () => import("./groups.vi").then((m) => m.groupsVi),
    import: () => import("./import.vi").then((m) => m.importVi),
    input: () => import("./input.vi").then((m) => m.inputVi),
    leadership: () => import("./leadership.vi").then((m) => m.leadershipVi),
    performance: () => import("./performance.vi").then((m) => m.performanceVi),
    progress: () => import("./progress.vi").then((m) => m.progressVi),
    published: () => import("./published.vi").then((m) => m.publishedVi),
    reminders: () => import("./reminders.vi").then((m) => m.remindersVi),
    report: () => import("./report.vi").then((m) => m.reportVi),
    split: () => import("./split.vi").then((m) => m.splitVi),
  },
  en: {
    core: () => import("./core.en").then((m) => m.coreEn),
    common: () => import("./common.en").then((m) => m.commonEn),
    admin: () => import("./admin.en").then((m) => m.adminEn),
    api: () => import("./api.en").then((m) => m.apiEn),
    attachments: () => import("./attachments.en").then((m) => m.attachmentsEn),
    audit: () => import("./audit.en").then((m) => m.auditEn),
    calendar: () => import("./calendar.en").then((m) => m.calendarEn),
    committees: () => import("./committees.en").then((m) => m.committeesEn),
    dashboard: () => import("./dashboard.en").then((m) => m.dashboardEn),
    desk: () => import("./desk.en").then((m) => m.deskEn),
    duties: () => import("./duties.en").then((m) => m.dutiesEn),
    fanout: () => import("./fanout.en").then((m) => m.fanOutEn),
    groups: () => import("./groups.en").then((m) => m.groupsEn),
    import: () => import("./import.en").then((m) => m.importEn),
    input: () => import("./input.en").then((m) => m.inputEn),
    leadership: () => import("./leadership.en").then((m) => m.leadershipEn),
    performance: () => import("./performance.en").then((m) => m.performanceEn),
    progress: () => import("./progress.en").then((m) => m.progressEn),
    published: () => import("./published.en").then((m) => m.publishedEn),
    reminders: () => import("./reminders.en").then((m) => m.remindersEn),
    report: () => import("./report.en").then((m) => m.reportEn),
    split: () => import("./split.en").then((m) => m.splitEn),
  },
};

/** The page's language, as the server rendered it in `<html lang>`. */
function documentLocale(): Locale {
  const lang = document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}
/** The messages of the namespaces loaded so far, in the document's language. */
const messages: Partial<Catalog> = {};
const loading = new Map<Namespace, Promise<void>>();

export function catalogFor(locale: Locale): Partial<Catalog> {
  if (locale !== documentLocale()) {
    throw new Error(`The page is in ${documentLocale()}; messages in ${locale} are not loaded in the browser`);
  }
  return messages;
}

export async function loadMessages(...namespaces: Namespace[]): Promise<Namespace[]> {
  await Promise.all(
    namespaces.map((namespace) => {
      let promise = loading.get(namespace);
      if (!promise) {
        promise = LOADERS[documentLocale()][namespace]().then(
          (loaded) => void Object.assign(messages, loaded),
          (error: unknown) => {
            // A failed fetch (offline) is tried again by the next module that asks.
            loading.delete(namespace);
            throw error;
          },
        );
        loading.set(namespace, promise);
      }
      return promise;
    }),
  );
  return namespaces;
}
