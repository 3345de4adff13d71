import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/lib/i18n";
import { safeRedirectPath } from "~/lib/http.server";
import { localeCookie } from "~/lib/locale.server";
import { readForm } from "~/lib/form-data.server";

/** Changing the language is a POST (no state change on GET); without JS it is a plain form. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  return redirect("/");
}
