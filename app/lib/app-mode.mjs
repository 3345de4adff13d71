// Demo or production (docs/decisions/020): which one the server runs in, decided once from
// the environment it was started with. Plain JavaScript on purpose: `npm start`'s build
// check (app/server/build-if-needed.mjs) runs before anything is compiled, and reads the
// same rule as the server.
//
// - demo (no configuration, the quick start): an empty database gets the Hanoi demo
//   data, the demo logins are printed, every page says "Dữ liệu minh họa / Demo data".
// - production (`NODE_ENV=production` as the server was started, or `APP_MODE=production`):
//   never loads demo data, refuses a database whose accounts still take a demo password.
//
// `APP_MODE=demo` keeps the demo with `NODE_ENV=production` (the tests, a training copy).

/** @typedef {"demo" | "production"} AppMode */

/** @type {readonly AppMode[]} */
export const APP_MODES = ["demo", "production"];

/**
 * @param {Record<string, string | undefined>} env the environment as the process was started
 *   (before `NODE_ENV` was defaulted to `production` for the rendering)
 * @returns {AppMode}
 */
export function appMode(env = process.env) {
  const explicit = (env.APP_MODE ?? "").trim().toLowerCase();
  if (explicit === "") return env.NODE_ENV === "production" ? "production" : "demo";
  if (explicit === "demo" || explicit === "production") return explicit;
  throw new Error(`APP_MODE must be "demo" or "production"; got "${env.APP_MODE}"`);
}
