// The catalogues by locale, for the server, tests and scripts: every namespace of
// both languages, loaded eagerly.
//
// The browser build swaps this module for catalogs.browser.ts (a resolver in
// vite.config.ts), which loads only the namespaces a page declares, in the page's
// language: docs/decisions/033.
import type { Locale } from "../i18n";
import { coreVi } from "./core.vi";
import { commonVi } from "./common.vi";
import { adminVi } from "./admin.vi";
import { apiVi } from "./api.vi";
import { attachmentsVi } from "./attachments.vi";
import { auditVi } from "./audit.vi";
import { calendarVi } from "./calendar.vi";
import { committeesVi } from "./committees.vi";
import { dashboardVi } from "./dashboard.vi";
import { deskVi } from "./desk.vi";
import { dutiesVi } from "./duties.vi";
import { fanOutVi } from "./fanout.vi";
import { groupsVi } from "./groups.vi";
import { importVi } from "./import.vi";
import { inputVi } from "./input.vi";
import { leadershipVi } from "./leadership.vi";
import { performanceVi } from "./performance.vi";
import { progressVi } from "./progress.vi";
import { publishedVi } from "./published.vi";
import { remindersVi } from "./reminders.vi";
import { reportVi } from "./report.vi";
import { splitVi } from "./split.vi";
import { coreEn } from "./core.en";
import { commonEn } from "./common.en";
import { adminEn } from "./admin.en";
import { apiEn } from "./api.en";
import { attachmentsEn } from "./attachments.en";
import { auditEn } from "./audit.en";
import { calendarEn } from "./calendar.en";
import { committeesEn } from "./committees.en";
import { dashboardEn } from "./dashboard.en";
import { deskEn } from "./desk.en";
import { dutiesEn } from "./duties.en";
import { fanOutEn } from "./fanout.en";
import { groupsEn } from "./groups.en";
import { importEn } from "./import.en";
import { inputEn } from "./input.en";
import { leadershipEn } from "./leadership.en";
import { performanceEn } from "./performance.en";
import { progressEn } from "./progress.en";
import { publishedEn } from "./published.en";
import { remindersEn } from "./reminders.en";
import { reportEn } from "./report.en";
import { splitEn } from "./split.en";
import { en } from "./en";
import type { Namespace } from "./namespaces";
import { vi, type MessageKey } from "./vi";

export type Catalog = Record<MessageKey, string>;

const CATALOGS: Record<Locale, Catalog> = { vi, en };

/** Each namespace's own messages (the tests check that pages declare the ones they use). */
export const NAMESPACE_CATALOGS: Record<Locale, Record<Namespace, Partial<Catalog>>> = {
  vi: {
    core: coreVi,
    common: commonVi,
    admin: adminVi,
    api: apiVi,
    attachments: attachmentsVi,
    audit: auditVi,
    calendar: calendarVi,
    committees: committeesVi,
    dashboard: dashboardVi,
    desk: deskVi,
    duties: dutiesVi,
    fanout: fanOutVi,
    groups: groupsVi,
    import: importVi,
    input: inputVi,
    leadership: leadershipVi,
    performance: performanceVi,
    progress: progressVi,
    published: publishedVi,
    reminders: remindersVi,
    report: reportVi,
    split: splitVi,
  },
  en: {
    core: coreEn,
    common: commonEn,
    admin: adminEn,
    api: apiEn,
    attachments: attachmentsEn,
    audit: auditEn,
    calendar: calendarEn,
    committees: committeesEn,
    dashboard: dashboardEn,
    desk: deskEn,
    duties: dutiesEn,
    fanout: fanOutEn,
    groups: groupsEn,
    import: importEn,
    input: inputEn,
    leadership: leadershipEn,
    performance: performanceEn,
    progress: progressEn,
    published: publishedEn,
    reminders: remindersEn,
    report: reportEn,
    split: splitEn,
  },
};

export function catalogFor(locale: Locale): Catalog {
  return CATALOGS[locale];
}

/**
 * Makes the namespaces' messages available and answers with their names, for a route's
 * `handle` (`export const handle = { messages: await loadMessages("desk") }`). Here every
 * message is loaded already; the browser twin fetches them.
 */
export function loadMessages(...namespaces: Namespace[]): Promise<Namespace[]> {
  return Promise.resolve(namespaces);
}
