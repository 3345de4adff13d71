import type { InputMessageKey } from "./input.vi";

// English strings for requests that are not a form the app can read, and why a typed day
// was refused: every key of input.vi.ts.
export const inputEn: Record<InputMessageKey, string> = {
  "input.error.notAForm": "The request is not a valid form. Please submit it again from the application's page.",
  "input.error.unreadable": "The submitted form could not be read. Please reload the page and submit it again.",
  "input.error.tooLarge": "The submitted data is too large (at most {max} MB).",
  "input.error.tooManyFields": "The form has too many fields or rows.",
  "input.error.checkbox": "A checkbox has an invalid value. Please reload the page and submit it again.",
  "input.error.lengthRequired": "The request must state the length of its body (Content-Length).",
  "input.error.dayOfField": "{field}: {message}",
  "input.error.noSuchDay": "There is no day “{value}” ({month}/{year} has {days} days).",
  "input.error.noSuchMonth": "There is no day “{value}” (months run from 01 to 12).",
  "input.error.dayOutOfRange": "“{value}” is outside the days the system accepts: 01/01/1990 to 31/12/2100.",
};
