// Field limits of the administration forms, in one copy shared by the forms
// (client-side validation, `maxLength` attributes) and by the models that enforce
// them (app/models/users.server.ts, app/models/departments.server.ts).
// Client-safe on purpose: no server imports, no React.

export const USER_LIMITS = {
  loginMin: 3,
  loginMax: 50,
  displayNameMax: 150,
  emailMax: 200,
  /** Long enough to resist guessing; there is no composition rule (NIST SP 800-63B). */
  passwordMin: 10,
  /** scrypt hashes any length, but a megabyte "password" is a denial of service. */
  passwordMax: 200,
} as const;

/**
 * Logins: letters, digits, underscore, dash and dot, e.g. `stttt.truong`; typed in any
 * case, stored lower-case. The dash is escaped so the pattern also compiles as an HTML
 * `pattern` attribute (browsers compile those with the `v` flag).
 */
export const LOGIN_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_\-.]*$/;

export const DEPARTMENT_LIMITS = {
  codeMin: 2,
  codeMax: 20,
  nameMax: 200,
  shortNameMax: 60,
  reasonMax: 500,
} as const;

/** Department codes, e.g. `STTTT`, `QBD`: typed in any case, stored upper-case. */
export const DEPARTMENT_CODE_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_\-.]*$/;

/** The working calendar's days (app/models/working-calendar.server.ts). */
export const CALENDAR_LIMITS = {
  noteMax: 200,
  /**
   * The years the statutory holiday rules are written for (app/domain/public-holidays.ts):
   * from the first whole year of the 2012 Labour Code (5 days of Tết; Giỗ Tổ has been a
   * day off since 2007) to the last day the app accepts (ACCEPTED_DAYS in dates.ts).
   */
  ruleYears: { first: 2014, last: 2100 },
} as const;

/** Unit groups (app/models/unit-groups.server.ts). */
export const GROUP_LIMITS = {
  nameMax: 200,
  descriptionMax: 1000,
  /** Departments given in one change: more than a province's departments, districts and communes. */
  membersMax: 5000,
} as const;
