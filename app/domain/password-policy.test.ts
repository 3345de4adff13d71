import { describe, expect, it } from "vitest";
import { USER_LIMITS } from "./admin-limits";
import { DEMO_PASSWORD, LARGE_DATA_PASSWORD, passwordProblem } from "./password-policy";

describe("the password policy", () => {
  it("takes a long enough password that is neither published nor the login", () => {
    expect(passwordProblem("mật khẩu của sở 2025", "quantri")).toBeNull();
    expect(passwordProblem("a".repeat(USER_LIMITS.passwordMin), "quantri")).toBeNull();
  });

  it("refuses short and overlong passwords", () => {
    expect(passwordProblem("a".repeat(USER_LIMITS.passwordMin - 1), "quantri")).toBe("too_short");
    expect(passwordProblem("a".repeat(USER_LIMITS.passwordMax + 1), "quantri")).toBe("too_long");
  });

  it("refuses the passwords printed in the documentation", () => {
    expect(passwordProblem(DEMO_PASSWORD, "quantri")).toBe("published");
    expect(passwordProblem(LARGE_DATA_PASSWORD, "quantri")).toBe("published");
  });

  it("refuses the login as its own password, in any case", () => {
    expect(passwordProblem("Quantri.Thanhpho", "quantri.thanhpho")).toBe("same_as_login");
  });
});
