// The deployment files (docs/deploy/) agree with the code: nginx refuses exactly what the app
// would, the systemd unit waits longer than the app's shutdown, and the units start what
// the docs say, the way that passes SIGTERM on.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_REQUEST_BYTES } from "../../app/domain/attachments";
import { MAX_BODY_BYTES } from "../../app/lib/body-limit.server";
import { TASK_PAGE_POST_PATH } from "../../app/server/http-guards.server";

const nginx = fs.readFileSync("docs/deploy/nginx/directive-tracker.conf", "utf8");
const service = fs.readFileSync("docs/deploy/systemd/directive-tracker.service", "utf8");
const litestream = fs.readFileSync("docs/deploy/systemd/directive-tracker-litestream.service", "utf8");

function megabytes(directive: string): number[] {
  return [...nginx.matchAll(new RegExp(`^\\s*${directive}\\s+(\\d+)m;`, "gm"))].map((m) => Number(m[1]));
}

describe("docs/deploy/", () => {
  it("nginx limits request bodies as the app does: any form, and the task page's attachments", () => {
    expect(megabytes("client_max_body_size")).toEqual([
      MAX_BODY_BYTES / 1024 / 1024,
      MAX_UPLOAD_REQUEST_BYTES / 1024 / 1024,
    ]);
    expect(nginx).toMatch(/location ~ (\S+) \{\n\s+client_max_body_size 102m;/);
  });

  it("nginx gives the larger limit to the paths the app does: the task page, posted with or without its script", () => {
    const uploads = new RegExp(/location ~ (\S+) \{\n\s+client_max_body_size 102m;/.exec(nginx)![1]!);
    const paths = [
      "/tasks/5",
      "/tasks/5/",
      "/tasks/5.data",
      "/tasks/5/edit",
      "/tasks/5/history.data",
      "/tasks",
      "/login",
    ];
    expect(paths.filter((path) => uploads.test(path))).toEqual(["/tasks/5", "/tasks/5/", "/tasks/5.data"]);
    expect(paths.filter((path) => TASK_PAGE_POST_PATH.test(path))).toEqual(["/tasks/5", "/tasks/5/", "/tasks/5.data"]);
  });

  it("nginx replaces X-Forwarded-For instead of appending to what the client sent", () => {
    const proxy = fs.readFileSync("docs/deploy/nginx/directive-tracker-proxy.conf", "utf8");
    expect(proxy).toContain("proxy_set_header X-Forwarded-For $remote_addr;");
    expect(proxy).not.toContain("$proxy_add_x_forwarded_for");
    expect(proxy).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
  });

  it("the app's unit runs the compiled server in production mode behind the proxy, and outwaits its shutdown", () => {
    expect(service).toMatch(/^ExecStart=\/usr\/bin\/node build\/server\/start\.js$/m);
    expect(service).toMatch(/^Environment=NODE_ENV=production$/m);
    expect(service).toMatch(/^Environment=HOST=127\.0\.0\.1$/m);
    expect(service).toMatch(/^Environment=TRUST_PROXY=loopback$/m);
    expect(service).toMatch(/^KillMode=mixed$/m);
    expect(service).toMatch(/^RestartPreventExitStatus=78$/m);
    const timeout = Number(/^TimeoutStopSec=(\d+)$/m.exec(service)?.[1]);
    expect(timeout).toBeGreaterThan(10); // SHUTDOWN_TIMEOUT_SECONDS' default
  });

  it("Litestream's unit runs npm run replicate's script with node itself", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(litestream).toContain(`ExecStart=/usr/bin/${pkg.scripts.replicate}`);
    expect(litestream).toMatch(/^After=directive-tracker\.service$/m);
  });
});
