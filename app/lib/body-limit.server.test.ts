import { describe, expect, it } from "vitest";
import { bodyLimitRefusal, MAX_BODY_BYTES } from "./body-limit.server";

describe("bodyLimitRefusal", () => {
  it("lets reads and bodies within the limit through", () => {
    expect(bodyLimitRefusal("GET", { transferEncoding: "chunked" })).toBeNull();
    expect(bodyLimitRefusal("POST", {})).toBeNull();
    expect(bodyLimitRefusal("POST", { contentLength: "0" })).toBeNull();
    expect(bodyLimitRefusal("POST", { contentLength: String(MAX_BODY_BYTES) })).toBeNull();
  });

  it("refuses a declared length over the limit, or one that is no length", () => {
    expect(bodyLimitRefusal("POST", { contentLength: String(MAX_BODY_BYTES + 1) })).toBe(413);
    expect(bodyLimitRefusal("PUT", { contentLength: "1e9" })).toBe(413);
    expect(bodyLimitRefusal("POST", { contentLength: "-1" })).toBe(413);
    expect(bodyLimitRefusal("POST", { contentLength: "abc" })).toBe(413);
  });

  it("refuses a body of unknown length (chunked)", () => {
    expect(bodyLimitRefusal("POST", { transferEncoding: "chunked" })).toBe(411);
  });
});
