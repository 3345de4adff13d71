// `npm run admin:create`: creates an administrator account in the database of
// DATABASE_URL (migrating it first; an empty or missing file is fine): the way to the
// first administrator of a production deployment, which never loads the demo
// accounts (docs/decisions/020). Asks for what it needs, or takes it from flags:
//
//   npm run admin:create
//   printf '%s\n' "$PASSWORD" | npm run admin:create -- --login quantri --name "Quản trị hệ thống" --password-stdin
//
// The password is checked against the policy (app/domain/password-policy.ts) and is
// never taken from the command line, where `ps` would show it. Exit 0: created;
// 1: refused (the reason is printed); 2: wrong usage.
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import { closeDb, databasePath, getDb } from "../models/db.server";
import { USER_LIMITS } from "../domain/admin-limits";
import {
  createAdministrator,
  administratorProblem,
  type AdministratorProblem,
} from "../models/production-accounts.server";

const USAGE = `Usage: npm run admin:create [-- --login <login> --name <display name> [--email <address>] --password-stdin]
Without flags it asks for each value; the password is typed twice and not shown.`;

const PROBLEMS: Record<AdministratorProblem, string> = {
  login_invalid: `the login must be ${USER_LIMITS.loginMin}–${USER_LIMITS.loginMax} letters, digits, ".", "_" or "-", starting with a letter or digit`,
  login_taken: "an account with this login already exists",
  display_name_invalid: `the display name must be 1–${USER_LIMITS.displayNameMax} characters`,
  email_invalid: "the e-mail address is not valid",
  too_short: `the password must have at least ${USER_LIMITS.passwordMin} characters`,
  too_long: `the password may have at most ${USER_LIMITS.passwordMax} characters`,
  published: "this password is printed in the documentation (a demo password); choose another",
  same_as_login: "the password must not be the login",
};

/** Problems worth asking the password again for; any other stops the command. */
const PASSWORD_PROBLEMS: readonly AdministratorProblem[] = ["too_short", "too_long", "published", "same_as_login"];

class UsageError extends Error {}

/** Reads a line without echoing it (raw mode): the password never shows on the screen or in the scrollback. */
async function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stdout.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve) => {
    let value = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          input.off("data", onData);
          input.setRawMode(false);
          input.pause();
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          process.stdout.write("\n");
          process.exit(130);
        }
        if (char === "\u007f" || char === "\b") value = Array.from(value).slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    input.on("data", onData);
  });
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

interface Answers {
  login: string;
  displayName: string;
  email: string | null;
  password: string;
}

async function fromFlags(values: { login?: string; name?: string; email?: string }): Promise<Answers> {
  if (!values.login || !values.name) throw new UsageError("--login and --name are needed with --password-stdin.");
  return {
    login: values.login,
    displayName: values.name,
    email: values.email?.trim() || null,
    password: await readStdin(),
  };
}

async function interactively(values: { login?: string; name?: string; email?: string }): Promise<Answers> {
  if (!process.stdin.isTTY) {
    throw new UsageError("No terminal to ask in: give --login, --name and --password-stdin (the password on stdin).");
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const login = values.login ?? ((await rl.question("Login (tên đăng nhập) [admin]: ")).trim() || "admin");
  const displayName =
    values.name ?? ((await rl.question("Display name (họ tên) [Quản trị hệ thống]: ")).trim() || "Quản trị hệ thống");
  const email = values.email ?? (await rl.question("E-mail (optional): ")).trim();
  rl.close();
  for (;;) {
    const password = await askHidden(`Password (mật khẩu, at least ${USER_LIMITS.passwordMin} characters): `);
    const problem = administratorProblem({ login, displayName, email: email || null, password });
    if (problem !== null && !PASSWORD_PROBLEMS.includes(problem)) throw new UsageError(PROBLEMS[problem]);
    if (problem !== null) {
      console.error(`  ${PROBLEMS[problem]}`);
      continue;
    }
    if ((await askHidden("Again (nhập lại): ")) !== password) {
      console.error("  the two passwords differ; once more");
      continue;
    }
    return { login, displayName, email: email || null, password };
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        login: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const answers = parsed.values["password-stdin"] ? await fromFlags(parsed.values) : await interactively(parsed.values);
  const db = getDb(); // opens and migrates: a new deployment's empty file is fine
  const result = await createAdministrator(db, answers, {
    ipAddress: null,
    userAgent: "npm run admin:create",
    requestId: null,
  });
  if (!result.ok) {
    console.error(`Not created: ${PROBLEMS[result.problem]}.`);
    return 1;
  }
  console.log(
    `Administrator "${answers.login.trim().toLowerCase()}" created in ${databasePath()}.\n` +
      "Sign in with it to add the departments and the users (Quản trị → Người dùng / Đơn vị).",
  );
  return 0;
}

main()
  .then((code) => {
    closeDb();
    process.exit(code);
  })
  .catch((error: unknown) => {
    closeDb();
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
