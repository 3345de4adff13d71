import { coreEn } from "./core.en";
import { commonEn } from "./common.en";
import { adminEn } from "./admin.en";
import { apiEn } from "./api.en";
import { attachmentsEn } from "./attachments.en";
import { calendarEn } from "./calendar.en";
import { groupsEn } from "./groups.en";
import { fanOutEn } from "./fanout.en";
import { auditEn } from "./audit.en";
import { committeesEn } from "./committees.en";
import { dashboardEn } from "./dashboard.en";
import { deskEn } from "./desk.en";
import { importEn } from "./import.en";
import { leadershipEn } from "./leadership.en";
import { inputEn } from "./input.en";
import { performanceEn } from "./performance.en";
import { progressEn } from "./progress.en";
import { remindersEn } from "./reminders.en";
import { reportEn } from "./report.en";
import { publishedEn } from "./published.en";
import { splitEn } from "./split.en";
import { dutiesEn } from "./duties.en";
import type { MessageKey } from "./vi";

// English, whole: every key of vi.ts, checked by the type (each namespace's file
// is checked against its Vietnamese twin too).
export const en: Record<MessageKey, string> = {
  ...coreEn,
  ...commonEn,
  ...adminEn,
  ...apiEn,
  ...auditEn,
  ...committeesEn,
  ...dashboardEn,
  ...deskEn,
  ...importEn,
  ...leadershipEn,
  ...inputEn,
  ...splitEn,
  ...dutiesEn,
  ...reportEn,
  ...publishedEn,
  ...progressEn,
  ...remindersEn,
  ...attachmentsEn,
  ...calendarEn,
  ...groupsEn,
  ...fanOutEn,
  ...performanceEn,
};
