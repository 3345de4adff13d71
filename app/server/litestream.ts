// Continuous replication with Litestream (docs/decisions/022): the configuration that
// `npm run replicate` generates for the database of DATABASE_URL, and where the
// Litestream binary is (the npm package @flydotio/litestream-linux-x64, v0.3.13).
//
// Where the replica goes, LITESTREAM_REPLICA:
//   a folder (or file:///folder)   another disk or mount (default: `replica/` beside the database)
//   s3://bucket/path                S3 or S3-compatible storage (MinIO): LITESTREAM_S3_ENDPOINT,
//                                   LITESTREAM_S3_REGION, LITESTREAM_S3_FORCE_PATH_STYLE; the keys in
//                                   LITESTREAM_ACCESS_KEY_ID / LITESTREAM_SECRET_ACCESS_KEY, read by Litestream
//   sftp://user@host[:port]/path    another host over SSH: LITESTREAM_SFTP_KEY_PATH or LITESTREAM_SFTP_PASSWORD
// Secrets are never written into the file: it names the variables, which Litestream reads
// from its environment.
import { createRequire } from "node:module";
import path from "node:path";

type Environment = Record<string, string | undefined>;

export const DEFAULT_SYNC_INTERVAL = "1s";
/** How often Litestream looks at the WAL for new frames (its default is 1 s, which would add up to a second to the RPO). */
export const MONITOR_INTERVAL = "100ms";
export const DEFAULT_RETENTION = "168h";
export const DEFAULT_SNAPSHOT_INTERVAL = "6h";

const DURATION = /^\d+(ms|s|m|h)$/;

export type Replica =
  | { type: "file"; path: string }
  | { type: "s3"; bucket: string; path: string; endpoint?: string; region?: string; forcePathStyle?: boolean }
  | { type: "sftp"; host: string; user: string; path: string; keyPath?: string; password: boolean };

/** A value for the YAML file: double-quoted (JSON is valid YAML); `$` refused, since Litestream expands it. */
function quoted(value: string, what: string): string {
  if (value.includes("$")) throw new Error(`${what} must not contain "$" (Litestream expands variables): ${value}`);
  return JSON.stringify(value);
}

function duration(env: Environment, name: string, fallback: string): string {
  const value = (env[name] ?? "").trim() || fallback;
  if (!DURATION.test(value)) throw new Error(`${name} must be a duration such as 1s, 500ms, 10m, 72h; got ${value}`);
  return value;
}

/** Where the replica goes, from LITESTREAM_REPLICA (default: `replica/` beside the database). */
export function replicaFromEnvironment(databaseFile: string, env: Environment = process.env): Replica {
  const raw = (env.LITESTREAM_REPLICA ?? "").trim();
  if (raw === "") return { type: "file", path: path.join(path.dirname(databaseFile), "replica") };
  if (raw.startsWith("s3://")) {
    const url = new URL(raw);
    const style = (env.LITESTREAM_S3_FORCE_PATH_STYLE ?? "").trim().toLowerCase();
    return {
      type: "s3",
      bucket: url.hostname,
      path: decodeURIComponent(url.pathname.replace(/^\//, "")),
      endpoint: env.LITESTREAM_S3_ENDPOINT?.trim() || undefined,
      region: env.LITESTREAM_S3_REGION?.trim() || undefined,
      forcePathStyle: style === "" ? undefined : ["1", "true", "yes"].includes(style),
    };
  }
  if (raw.startsWith("sftp://")) {
    const url = new URL(raw);
    if (!url.username) throw new Error(`LITESTREAM_REPLICA must name the SSH user: sftp://user@host/path; got ${raw}`);
    if (url.password) throw new Error("LITESTREAM_REPLICA must not hold a password: use LITESTREAM_SFTP_PASSWORD");
    return {
      type: "sftp",
      host: `${url.hostname}:${url.port || "22"}`,
      user: decodeURIComponent(url.username),
      path: decodeURIComponent(url.pathname),
      keyPath: env.LITESTREAM_SFTP_KEY_PATH?.trim() || undefined,
      password: Boolean(env.LITESTREAM_SFTP_PASSWORD),
    };
  }
  if (raw.startsWith("file://")) return { type: "file", path: path.resolve(decodeURIComponent(new URL(raw).pathname)) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new Error(`LITESTREAM_REPLICA: a folder, file://, s3:// or sftp:// address; got ${raw}`);
  }
  return { type: "file", path: path.resolve(raw) };
}

/** Where the replica is, for messages: never a secret. */
export function describeReplica(replica: Replica): string {
  switch (replica.type) {
    case "file":
      return replica.path;
    case "s3":
      return `s3://${replica.bucket}/${replica.path}${replica.endpoint ? ` at ${replica.endpoint}` : ""}`;
    case "sftp":
      return `sftp://${replica.user}@${replica.host}${replica.path}`;
  }
}

function replicaLines(replica: Replica): string[] {
  switch (replica.type) {
    case "file":
      return ["type: file", `path: ${quoted(replica.path, "the replica folder")}`];
    case "s3":
      return [
        "type: s3",
        `bucket: ${quoted(replica.bucket, "the bucket")}`,
        `path: ${quoted(replica.path, "the bucket path")}`,
        ...(replica.endpoint ? [`endpoint: ${quoted(replica.endpoint, "LITESTREAM_S3_ENDPOINT")}`] : []),
        ...(replica.region ? [`region: ${quoted(replica.region, "LITESTREAM_S3_REGION")}`] : []),
        ...(replica.forcePathStyle === undefined ? [] : [`force-path-style: ${replica.forcePathStyle}`]),
        "# keys: LITESTREAM_ACCESS_KEY_ID and LITESTREAM_SECRET_ACCESS_KEY, read from the environment",
      ];
    case "sftp":
      return [
        "type: sftp",
        `host: ${quoted(replica.host, "the SSH host")}`,
        `user: ${quoted(replica.user, "the SSH user")}`,
        `path: ${quoted(replica.path, "the remote folder")}`,
        ...(replica.keyPath ? [`key-path: ${quoted(replica.keyPath, "LITESTREAM_SFTP_KEY_PATH")}`] : []),
        ...(replica.password ? ['password: "${LITESTREAM_SFTP_PASSWORD}"'] : []),
      ];
  }
}

/** The YAML configuration Litestream runs with for this database. */
export function litestreamConfig(databaseFile: string, env: Environment = process.env): string {
  const replica = replicaFromEnvironment(databaseFile, env);
  const settings = [
    `sync-interval: ${duration(env, "LITESTREAM_SYNC_INTERVAL", DEFAULT_SYNC_INTERVAL)}`,
    `snapshot-interval: ${duration(env, "LITESTREAM_SNAPSHOT_INTERVAL", DEFAULT_SNAPSHOT_INTERVAL)}`,
    `retention: ${duration(env, "LITESTREAM_RETENTION", DEFAULT_RETENTION)}`,
  ];
  const indent = (lines: string[], first: string, rest: string) =>
    lines.map((line, i) => `${i === 0 ? first : rest}${line}`);
  return [
    "# Generated by `npm run replicate` (app/server/litestream.ts) from DATABASE_URL and LITESTREAM_*;",
    "# edits are overwritten at the next start. Why these values: docs/decisions/022.",
    "dbs:",
    `  - path: ${quoted(path.resolve(databaseFile), "DATABASE_URL")}`,
    `    monitor-interval: ${MONITOR_INTERVAL}`,
    "    replicas:",
    ...indent([...replicaLines(replica), ...settings], "      - ", "        "),
    "",
  ].join("\n");
}

/** The Litestream binary: LITESTREAM_BIN, else the one in @flydotio/litestream-linux-x64. */
export function litestreamBinary(env: Environment = process.env): string {
  const configured = env.LITESTREAM_BIN?.trim();
  if (configured) return configured;
  try {
    const manifest = createRequire(import.meta.url).resolve("@flydotio/litestream-linux-x64/package.json");
    return path.join(path.dirname(manifest), "litestream");
  } catch {
    throw new Error(
      "No Litestream binary: @flydotio/litestream-linux-x64 installs only on Linux x64 (npm ci installs it there); " +
        "elsewhere set LITESTREAM_BIN to a Litestream 0.3 binary.",
    );
  }
}

/** Where `npm run replicate` writes the configuration: LITESTREAM_CONFIG, else `litestream.yml` beside the database. */
export function litestreamConfigPath(databaseFile: string, env: Environment = process.env): string {
  return path.resolve(env.LITESTREAM_CONFIG?.trim() || path.join(path.dirname(databaseFile), "litestream.yml"));
}
