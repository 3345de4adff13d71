import { describe, expect, it } from "vitest";
import { appMode } from "./app-mode.mjs";

describe("demo or production mode", () => {
  it("is demo with no configuration (the quick start)", () => {
    expect(appMode({})).toBe("demo");
    expect(appMode({ NODE_ENV: "development" })).toBe("demo");
  });

  it("is production when the server is started with NODE_ENV=production", () => {
    expect(appMode({ NODE_ENV: "production" })).toBe("production");
  });

  it("follows APP_MODE over NODE_ENV, either way", () => {
    expect(appMode({ NODE_ENV: "production", APP_MODE: "demo" })).toBe("demo");
    expect(appMode({ APP_MODE: " Production " })).toBe("production");
  });

  it("refuses any other APP_MODE rather than guess", () => {
    expect(() => appMode({ APP_MODE: "prod" })).toThrow(/APP_MODE must be "demo" or "production"/);
  });
});
