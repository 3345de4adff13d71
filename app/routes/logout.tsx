import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/models/db.server";
import { getUser, sessionCookie } from "~/server/auth.server";
import { originOf } from "~/models/audit.server";
import { signOut } from "~/models/sessions.server";

/** Ends the session in the database (not just the cookie), then goes to the login page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) signOut(getDb(), user, originOf(request, context));
  throw redirect("/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

/** Signing out is a POST: a link or an image cannot end someone's session. */
export function loader() {
  return redirect("/");
}
