import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "~/server/auth.server";
import { getDb } from "~/models/db.server";
import { isLocale } from "~/lib/i18n";
import { safeRedirectPath } from "~/lib/http.server";
import { localeCookie } from "~/lib/locale.server";
import { readForm } from "~/lib/form-data.server";
import { originOf } from "~/models/audit.server";
import { setOwnLocale } from "~/models/users.server";

/**
 * Changing the language is a POST (no state change on GET); without JS it is a plain
 * form. Signed in, the choice is also the user's own (their e-mails, their next sign-in).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  // The answer is made first: the choice is kept only with an answer that carries it.
  const answer = redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
  const user = await getUser(request);
  if (user) setOwnLocale(getDb(), user, locale, originOf(request, context));
  return answer;
}

export function loader() {
  return redirect("/");
}
