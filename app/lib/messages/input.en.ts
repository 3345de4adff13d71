import type { InputMessageKey } from "./input.vi";

// English strings for requests that are not a form the app can read: every key of input.vi.ts.
export const inputEn: Record<InputMessageKey, string> = {
  "input.error.notAForm": "The request is not a valid form. Please submit it again from the application's page.",
  "input.error.unreadable": "The submitted form could not be read. Please reload the page and submit it again.",
  "input.error.tooLarge": "The submitted data is too large (at most {max} MB).",
  "input.error.tooManyFields": "The form has too many fields or rows.",
  "input.error.checkbox": "A checkbox has an invalid value. Please reload the page and submit it again.",
  "input.error.lengthRequired": "The request must state the length of its body (Content-Length).",
};
