import type { CoreMessageKey } from "./core.vi";

// English strings of the `core` namespace: every key of core.vi.ts.
export const coreEn: Record<CoreMessageKey, string> = {
  "app.name": "Directive Tracker",
  "app.shortName": "Directives",
  "app.tagline": "Steering committee — follow-up of conclusions and directives",
  "app.skipToContent": "Skip to main content",
  "app.demoBanner.title": "Demo data",
  "app.demoBanner.body": "A trial copy with sample data and published passwords — not for real work.",

  "nav.label": "Main navigation",
  "nav.dashboard": "Dashboard",
  "nav.directives": "Directives",
  "nav.tasks": "Tasks",
  "nav.departments": "Departments",
  "nav.menu": "Menu",

  "language.label": "Language",
  "language.switchTo": "Tiếng Việt",
  "language.switchToLabel": "(switch the interface to Vietnamese)",

  "search.title": "Search",
  "search.label": "Search directives, tasks, reports",
  "search.siteLandmark": "Quick search",
  "search.pageLandmark": "Search on the results page",
  "search.placeholder": "For example: dao tao, so hoa",
  "search.submit": "Search",
  "search.hint": "No need to type accents: “dao tao” finds “Đào tạo”.",
  "search.results": "{count, plural, one {# result} other {# results}} for “{query}”",
  "search.none": "Nothing found for “{query}”.",
  "search.tooLong": "The search text is too long (at most {max} characters).",
  "search.kind.directive": "Directive",
  "search.kind.task": "Task",
  "search.kind.report": "Progress report",

  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page or record you are looking for does not exist, or you may not see it.",
  "error.badRequest.title": "Invalid request",
  "error.generic.title": "Something went wrong",
  "error.generic.body":
    "The system could not handle the request. Please try again; if it keeps failing, contact IT support.",
  "error.home": "Back to the dashboard",

  "error.forbidden.title": "Not allowed",
  "error.forbidden.body": "Your account is not allowed to do this.",
  "error.crossOrigin": "Refused: the request did not come from this application's pages.",

  "auth.login.title": "Sign in",
  "auth.login.intro": "Sign in with the account you were given to follow up tasks.",
  "auth.login.login": "Login",
  "auth.login.password": "Password",
  "auth.login.submit": "Sign in",
  "auth.login.invalid": "Wrong login or password, or the account is disabled.",
  "auth.login.locked.pair":
    "Sign-in to this account from your address is locked for now after several wrong passwords. Try again in {minutes, plural, one {# minute} other {# minutes}}, or sign in on a browser you have used for this account before.",
  "auth.login.locked.address":
    "Sign-in from your address is locked for now after too many wrong passwords. Try again in {minutes, plural, one {# minute} other {# minutes}}, or sign in on a browser you have used for this account before.",
  "auth.login.locked.account":
    "This account is locked for sign-ins from new places after many wrong passwords. On a browser or from an address you have used before you can still sign in; otherwise try again in {minutes, plural, one {# minute} other {# minutes}} or contact the administrator.",
  "auth.login.required": "Please enter the {field}.",
  "auth.login.tooLong": "The {field} is too long.",
  "auth.logout": "Sign out",
  "auth.signedInAs": "Signed in as {name}",
  "auth.sessionEnded": "Your session has ended. Please sign in again.",

  "role.admin": "Administrator",
  "role.secretariat": "Secretariat",
  "role.leadership": "Leadership",
  "role.dept_lead": "Head of department",
  "role.dept_officer": "Department focal point",

  "nav.admin": "Administration",
  "nav.users": "Users",
  "nav.adminDepartments": "Manage departments",
  "nav.audit": "Audit log",

  // The shell's links to the areas (app-shell.tsx): every page shows them.
  "nav.apiTokens": "API tokens",
  "nav.holidays": "Public holidays",
  "nav.committees": "Committees",
  "nav.scorecard": "Scorecard",
  "nav.groups": "Unit groups",
  "nav.myDepartment": "My department",
  "nav.reports": "Published reports",
  "nav.notifications": "Notifications",
  "notifications.linkLabel": "Notifications: {count} unread",
};
