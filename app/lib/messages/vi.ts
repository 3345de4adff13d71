// Vietnamese: the source language, whole — for the server, tests and scripts. The
// strings live in namespaces (core.vi.ts for the shell and shared words, one file per
// area); the browser loads only the namespaces a page declares (catalogs.browser.ts).
import { coreVi } from "./core.vi";
import { commonVi } from "./common.vi";
import { adminVi } from "./admin.vi";
import { apiVi } from "./api.vi";
import { attachmentsVi } from "./attachments.vi";
import { calendarVi } from "./calendar.vi";
import { groupsVi } from "./groups.vi";
import { fanOutVi } from "./fanout.vi";
import { auditVi } from "./audit.vi";
import { committeesVi } from "./committees.vi";
import { dashboardVi } from "./dashboard.vi";
import { deskVi } from "./desk.vi";
import { importVi } from "./import.vi";
import { leadershipVi } from "./leadership.vi";
import { inputVi } from "./input.vi";
import { performanceVi } from "./performance.vi";
import { progressVi } from "./progress.vi";
import { remindersVi } from "./reminders.vi";
import { reportVi } from "./report.vi";
import { publishedVi } from "./published.vi";
import { splitVi } from "./split.vi";
import { dutiesVi } from "./duties.vi";

export const vi = {
  ...coreVi,
  ...commonVi,
  ...adminVi,
  ...apiVi,
  ...auditVi,
  ...committeesVi,
  ...dashboardVi,
  ...deskVi,
  ...importVi,
  ...leadershipVi,
  ...inputVi,
  ...splitVi,
  ...dutiesVi,
  ...reportVi,
  ...publishedVi,
  ...progressVi,
  ...remindersVi,
  ...attachmentsVi,
  ...calendarVi,
  ...groupsVi,
  ...fanOutVi,
  ...performanceVi,
} as const;

export type MessageKey = keyof typeof vi;
