// Password hashing with scrypt (memory-hard; built into Node, no native add-on).
// Parameters: N = 2^15, r = 8, p = 1 → 32 MiB and about 50–100 ms per hash on
// these 2-core machines; 16-byte random salt; 32-byte key. They are stored with
// each hash, so they can be raised later without breaking existing passwords.
// SCRYPT_COST_LOG2 sets N's exponent (10–20): the tests lower it (vite.config.ts)
// so that hundreds of sign-ins take seconds, not minutes; in production it can
// only raise it.
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);

const DEFAULT_COST_LOG2 = 15;

/** N's exponent: SCRYPT_COST_LOG2 when it is a whole number from 10 to 20, never below 15 in production. */
export function scryptCostLog2(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const wanted = Number(env.SCRYPT_COST_LOG2 ?? DEFAULT_COST_LOG2);
  if (!Number.isInteger(wanted) || wanted < 10 || wanted > 20) return DEFAULT_COST_LOG2;
  return env.NODE_ENV === "production" ? Math.max(wanted, DEFAULT_COST_LOG2) : wanted;
}

const PARAMS = { N: 2 ** scryptCostLog2(), r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEMORY });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, "base64");
  const key = await scrypt(password.normalize("NFC"), Buffer.from(saltText, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return crypto.timingSafeEqual(key, expected);
}

/**
 * A well-formed hash at the current cost that no password matches (its key is random):
 * checking a password against it takes as long as checking a real one.
 */
export function unmatchableHash(): string {
  const salt = Buffer.alloc(16).toString("base64");
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt, crypto.randomBytes(KEY_LENGTH).toString("base64")].join("$");
}
